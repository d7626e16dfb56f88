#!/usr/bin/env bash
# Regenerates the VAD probe's speech clip and its layout. The outputs are committed, so this only
# needs re-running when the sentence or padding changes (requires espeak-ng and sox).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$here/../src/probes/assets"
out_dir="$(cd "$here/../src/probes/assets" && pwd)"
sentence="${SENTENCE:-Hey computer, set a timer for ten minutes and turn on the kitchen lights.}"
rate=16000
pad_before=1.0
pad_after=1.0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fixed voice and speed so the clip (and thus the VAD layout) is reproducible.
espeak-ng -v en-us -s 185 -w "$work/raw.wav" "$sentence"

# espeak pads its own output with silence; trim it so the speech region starts exactly at
# pad_before and ends exactly pad_after before the end of the file.
sox -R "$work/raw.wav" -r "$rate" -c 1 -b 16 -e signed-integer "$work/trimmed.wav" \
  silence 1 0.05 0.5% reverse silence 1 0.05 0.5% reverse

speech_samples="$(soxi -s "$work/trimmed.wav")"

sox -R "$work/trimmed.wav" "$work/padded.wav" pad "$pad_before" "$pad_after"
total_samples="$(soxi -s "$work/padded.wav")"

# A real microphone never delivers digital silence; a faint pink-noise floor (about -60 dBFS)
# makes "no speech in the padding" a real test for the VAD rather than a trivial one.
# -R seeds sox's noise generator (and dither) so the same sox version reproduces the clip byte for byte.
sox -R -n -r "$rate" -c 1 -b 16 -e signed-integer "$work/noise.wav" synth "${total_samples}s" pinknoise vol 0.004
sox -R -m -v 1 "$work/padded.wav" -v 1 "$work/noise.wav" -b 16 "$out_dir/speech-16k.wav"

# Sample-exact boundaries: computed from the padding, not re-measured on the padded file.
node -e '
const [rate, padBefore, speech, total, sentence] = process.argv.slice(1);
const sr = Number(rate);
const start = Math.round(Number(padBefore) * sr);
const end = start + Number(speech);
const layout = {
  sample_rate: sr,
  speech_start_s: +(start / sr).toFixed(4),
  speech_end_s: +(end / sr).toFixed(4),
  duration_s: +(Number(total) / sr).toFixed(4),
  text: sentence,
};
process.stdout.write(JSON.stringify(layout, null, 2) + "\n");
' "$rate" "$pad_before" "$speech_samples" "$total_samples" "$sentence" > "$out_dir/speech-16k.json"

echo "wrote $out_dir/speech-16k.wav ($(stat -c %s "$out_dir/speech-16k.wav") bytes)"
cat "$out_dir/speech-16k.json"
