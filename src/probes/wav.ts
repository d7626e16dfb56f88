import { readFileSync } from 'node:fs';

/**
 * A minimal WAV reader for the one format the probes use: PCM, 16-bit, mono. Anything else is
 * rejected with what was found, because silently reading stereo as mono (or 8-bit as 16-bit)
 * would feed the VAD noise and make it "fail" for the wrong reason.
 */

export interface WavAudio {
  sampleRate: number;
  /** Samples scaled to [-1, 1). */
  samples: Float32Array;
}

export class WavError extends Error {
  override readonly name = 'WavError';
}

const FORMAT_PCM = 1;
const FORMAT_EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Record<number, string> = { 1: 'PCM', 3: 'IEEE float', 6: 'A-law', 7: 'µ-law', 0xfffe: 'extensible' };

/** Parse a WAV file's bytes; `source` names it in errors. */
export function parseWav(bytes: Uint8Array, source = 'WAV data'): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (off: number) => String.fromCharCode(bytes[off]!, bytes[off + 1]!, bytes[off + 2]!, bytes[off + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavError(`${source}: not a WAV file (no RIFF/WAVE header)`);
  }

  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let off = 12;
  while (off + 8 <= bytes.length) {
    const id = tag(off);
    const size = view.getUint32(off + 4, true);
    const body = off + 8;
    // Writers that stream (arecord, some sox pipelines) leave the data size at 0 or 0xFFFFFFFF;
    // take what is actually there.
    const end = Math.min(body + size, bytes.length);
    if (id === 'fmt ') {
      if (end - body < 16) throw new WavError(`${source}: fmt chunk too short (${end - body} bytes)`);
      let format = view.getUint16(body, true);
      if (format === FORMAT_EXTENSIBLE && end - body >= 26) format = view.getUint16(body + 24, true);
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = bytes.subarray(body, size === 0 || size === 0xffffffff ? bytes.length : end);
    }
    // Chunks are word-aligned: an odd-sized chunk is followed by a pad byte.
    off = body + size + (size & 1);
    if (data && fmt) break;
  }

  if (!fmt) throw new WavError(`${source}: no fmt chunk`);
  if (!data) throw new WavError(`${source}: no data chunk`);
  if (fmt.format !== FORMAT_PCM) {
    const name = FORMAT_NAMES[fmt.format] ?? 'unknown';
    throw new WavError(`${source}: expected PCM audio (format 1), got format ${fmt.format} (${name})`);
  }
  if (fmt.channels !== 1) throw new WavError(`${source}: expected mono audio, got ${fmt.channels} channels`);
  if (fmt.bits !== 16) throw new WavError(`${source}: expected 16-bit samples, got ${fmt.bits}-bit`);
  if (fmt.sampleRate <= 0) throw new WavError(`${source}: invalid sample rate ${fmt.sampleRate}`);

  const count = data.length >> 1;
  const samples = new Float32Array(count);
  const dv = new DataView(data.buffer, data.byteOffset, count * 2);
  for (let i = 0; i < count; i++) samples[i] = dv.getInt16(i * 2, true) / 32768;
  return { sampleRate: fmt.sampleRate, samples };
}

export function readWav(path: string): WavAudio {
  return parseWav(readFileSync(path), path);
}
