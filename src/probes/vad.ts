import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Probe, ProbeCheck, ProbeContext } from '../engine/types.js';
import { SILERO_FRAME_SAMPLES, SILERO_SAMPLE_RATE, SileroVad } from './silero.js';
import { readWav } from './wav.js';

const THRESHOLD = 0.5;
/** Frames this close to a speech boundary may legitimately go either way (onset, hangover). */
const BOUNDARY_MARGIN_S = 0.3;
const MIN_SPEECH_RATIO = 0.6;
const FRAME_MS = (SILERO_FRAME_SAMPLES / SILERO_SAMPLE_RATE) * 1000; // 96

interface ClipLayout {
  sample_rate: number;
  speech_start_s: number;
  speech_end_s: number;
}

export interface VadState {
  vad: SileroVad;
  frames: Float32Array[];
  layout: ClipLayout;
  /** Speech probability per frame from the first pass that started at frame 0; NaN until seen. */
  probs: Float64Array;
  /** The frame the carried h/c state belongs before; a different frame means a reset. */
  nextFrame: number;
  /** Whether the carried state began at frame 0, i.e. its probabilities are the clip's real ones. */
  fromStart: boolean;
  /** Time spent inside session.run for timed iterations, for the real-time factor. */
  inferenceMs: number;
  inferences: number;
  /** Warmup calls still to come: left out of the real-time factor. */
  untimedLeft: number;
}

function loadLayout(file: string): ClipLayout {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClipLayout>;
  const { sample_rate, speech_start_s, speech_end_s } = raw;
  if (
    typeof sample_rate !== 'number' ||
    typeof speech_start_s !== 'number' ||
    typeof speech_end_s !== 'number' ||
    !(speech_end_s > speech_start_s)
  ) {
    throw new Error(`${file}: expected {sample_rate, speech_start_s, speech_end_s} with end after start`);
  }
  return { sample_rate, speech_start_s, speech_end_s };
}

/** Cut a clip into model frames; the last partial frame is zero-padded so the whole clip is seen. */
export function toFrames(samples: Float32Array, size = SILERO_FRAME_SAMPLES): Float32Array[] {
  const frames: Float32Array[] = [];
  for (let off = 0; off < samples.length; off += size) {
    const frame = new Float32Array(size);
    frame.set(samples.subarray(off, Math.min(off + size, samples.length)));
    frames.push(frame);
  }
  return frames;
}

async function step(state: VadState, index: number): Promise<number> {
  if (index === 0 || index !== state.nextFrame) {
    // A new pass (or a jump, e.g. when warmup and measurement both count from 0) starts from a
    // clean state, as a new utterance stream would.
    state.vad.reset();
    state.fromStart = index === 0;
  }
  const p = await state.vad.process(state.frames[index]!);
  state.nextFrame = index + 1;
  if (state.fromStart && Number.isNaN(state.probs[index]!)) state.probs[index] = p;
  return p;
}

export interface VadEvaluation {
  speechFrames: number;
  speechDetected: number;
  silenceFrames: number;
  falsePositives: number;
  allowedFalsePositives: number;
  ok: boolean;
}

/** Judge per-frame probabilities against where the clip's speech really is. */
export function evaluateVad(probs: ArrayLike<number>, layout: ClipLayout, frameSamples = SILERO_FRAME_SAMPLES): VadEvaluation {
  const sr = layout.sample_rate;
  let speechFrames = 0;
  let speechDetected = 0;
  let silenceFrames = 0;
  let falsePositives = 0;
  for (let i = 0; i < probs.length; i++) {
    const t0 = (i * frameSamples) / sr;
    const t1 = ((i + 1) * frameSamples) / sr;
    const speech = probs[i]! > THRESHOLD;
    if (t0 >= layout.speech_start_s && t1 <= layout.speech_end_s) {
      speechFrames++;
      if (speech) speechDetected++;
    } else if (t1 <= layout.speech_start_s - BOUNDARY_MARGIN_S || t0 >= layout.speech_end_s + BOUNDARY_MARGIN_S) {
      silenceFrames++;
      if (speech) falsePositives++;
    }
  }
  const allowedFalsePositives = Math.max(1, Math.floor(silenceFrames * 0.05));
  const ok =
    speechFrames > 0 &&
    silenceFrames > 0 &&
    speechDetected / speechFrames >= MIN_SPEECH_RATIO &&
    falsePositives <= allowedFalsePositives;
  return { speechFrames, speechDetected, silenceFrames, falsePositives, allowedFalsePositives, ok };
}

const probe: Probe<VadState> = {
  id: 'vad',
  title: 'Silero VAD',
  description: 'One 96 ms Silero VAD frame (onnxruntime, 1 thread) with state carried, cycling through a speech clip',
  defaultIterations: 100,
  target: 'avg<20ms',

  async setup(ctx: ProbeContext): Promise<VadState> {
    const clipPath = join(ctx.assetsDir, 'speech-16k.wav');
    const layout = loadLayout(join(ctx.assetsDir, 'speech-16k.json'));
    const clip = readWav(clipPath);
    if (clip.sampleRate !== SILERO_SAMPLE_RATE || layout.sample_rate !== SILERO_SAMPLE_RATE) {
      throw new Error(`${clipPath}: expected ${SILERO_SAMPLE_RATE} Hz audio, got ${clip.sampleRate} Hz (layout says ${layout.sample_rate})`);
    }
    const frames = toFrames(clip.samples);
    const vad = await SileroVad.create();
    return {
      vad,
      frames,
      layout,
      probs: new Float64Array(frames.length).fill(NaN),
      nextFrame: 0,
      fromStart: false,
      inferenceMs: 0,
      inferences: 0,
      untimedLeft: ctx.warmup ?? 0,
    };
  },

  async run(state: VadState, iteration: number): Promise<void> {
    const index = iteration % state.frames.length;
    const t0 = performance.now();
    await step(state, index);
    // Warmup calls are not part of the real-time factor, as they are not part of the timings.
    if (state.untimedLeft > 0) {
      state.untimedLeft--;
      return;
    }
    state.inferenceMs += performance.now() - t0;
    state.inferences++;
  },

  async verify(state: VadState): Promise<ProbeCheck> {
    // Fewer iterations than frames (or a pass broken by a jump) leaves gaps; fill them, untimed,
    // by replaying from frame 0 so every probability has its proper preceding context.
    let lastMissing = -1;
    state.probs.forEach((p, i) => {
      if (Number.isNaN(p)) lastMissing = i;
    });
    const replayStart = performance.now();
    for (let i = 0; i <= lastMissing; i++) await step(state, i);
    const replayMs = performance.now() - replayStart;

    const e = evaluateVad(state.probs, state.layout);
    // Timed iterations are the honest figure; the replay only stands in when there were none.
    const meanMs = state.inferences ? state.inferenceMs / state.inferences : replayMs / Math.max(1, lastMissing + 1);
    const rtf = meanMs / FRAME_MS;
    const pct = e.speechFrames ? Math.round((100 * e.speechDetected) / e.speechFrames) : 0;
    return {
      ok: e.ok,
      message:
        `speech found in ${e.speechDetected}/${e.speechFrames} frames of the spoken region (${pct} %, ≥ ${MIN_SPEECH_RATIO * 100} % needed); ` +
        `${e.falsePositives}/${e.silenceFrames} frames of silence over ${THRESHOLD} (≤ ${e.allowedFalsePositives} allowed); ` +
        `real-time factor ${rtf.toFixed(3)}`,
      metrics: {
        real_time_factor: rtf,
        speech_frames_detected: e.speechDetected,
        speech_frames_total: e.speechFrames,
        silence_false_positives: e.falsePositives,
        silence_frames_total: e.silenceFrames,
      },
    };
  },

  async teardown(state: VadState): Promise<void> {
    await state.vad.release();
    state.frames = [];
  },
};

export default probe;
