import type { Probe } from '../engine/types.js';
import { Decimator, Framer, frameStats, pcm16ToFloat32 } from './dsp.js';
import { RingBuffer } from './ring-buffer.js';

const INPUT_RATE = 48_000;
const OUTPUT_RATE = 16_000;
const FRAME_MS = 30;
const FRAME_SAMPLES = (OUTPUT_RATE * FRAME_MS) / 1000; // 480
/** Pre-roll kept for the VAD/STT: 2 s, longer than any sane pre_speech_pad_ms. */
const RING_SECONDS = 2;

interface State {
  pcm: Int16Array;
  /** Reused buffers: a bridge allocates its audio buffers once, not per chunk. */
  f48: Float32Array;
  f16: Float32Array;
  decimator: Decimator;
  framer: Framer;
  ring: RingBuffer;
  onFrame: (frame: Float32Array) => void;
  // Accumulated results, so the work has observable effects and cannot be optimised away.
  frames: number;
  sumRms: number;
  peak: number;
  clipped: number;
}

/** Deterministic PRNG (mulberry32): the same signal on every box, so results compare. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One second of voice-like 48 kHz PCM: a gliding glottal pitch with harmonics shaped by three
 * formants, syllable-rate amplitude, a fricative noise burst, a mic noise floor, and a loud
 * syllable driven into clipping (hot USB mics clip, and the probe must count it).
 */
export function synthVoicePcm(seconds = 1, rate = INPUT_RATE, seed = 0x5eed): Int16Array {
  const n = Math.round(seconds * rate);
  const out = new Int16Array(n);
  const rand = rng(seed);
  const formants = [
    { f: 650, bw: 120 },
    { f: 1500, bw: 180 },
    { f: 2600, bw: 250 },
  ];
  const envelope = (freq: number) =>
    formants.reduce((s, { f, bw }) => s + 1 / (1 + ((freq - f) / bw) ** 2), 0) + 0.02;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const f0 = 120 + 30 * Math.sin(2 * Math.PI * 1.3 * t);
    phase += (2 * Math.PI * f0) / rate;
    let voiced = 0;
    for (let h = 1; h * f0 < 5_000; h++) voiced += (envelope(h * f0) / h) * Math.sin(h * phase);
    // Four syllables per second; the third is shouted into clipping.
    const syl = Math.sin(2 * Math.PI * 2 * t) ** 2;
    const loud = t > 0.5 && t < 0.75 ? 5 : 1;
    const fricative = t > 0.82 && t < 0.9 ? (rand() * 2 - 1) * 0.15 : 0;
    const noise = (rand() * 2 - 1) * 0.003;
    const v = 0.25 * voiced * syl * loud + fricative + noise;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  }
  return out;
}

const probe: Probe<State> = {
  id: 'audio_processing',
  title: 'Audio processing',
  description: '1 s of 48 kHz PCM: to float, FIR resample to 16 kHz, 30 ms frames, RMS/peak/clipping, ring buffer',
  defaultIterations: 50,
  target: 'avg<50ms',

  setup(): State {
    const pcm = synthVoicePcm();
    const factor = INPUT_RATE / OUTPUT_RATE;
    const decimator = new Decimator(factor);
    const state: State = {
      pcm,
      f48: new Float32Array(pcm.length),
      f16: new Float32Array(Math.ceil(pcm.length / factor)),
      decimator,
      framer: new Framer(FRAME_SAMPLES),
      ring: new RingBuffer(OUTPUT_RATE * RING_SECONDS),
      onFrame: () => {},
      frames: 0,
      sumRms: 0,
      peak: 0,
      clipped: 0,
    };
    // Bound once so an iteration allocates no closure.
    state.onFrame = (frame) => {
      const s = frameStats(frame);
      state.frames++;
      state.sumRms += s.rms;
      if (s.peak > state.peak) state.peak = s.peak;
      state.clipped += s.clipped;
      state.ring.write(frame);
    };
    return state;
  },

  run(state: State): void {
    // The same second is fed as successive chunks of one stream: the decimator's history and the
    // framer's remainder carry over, as they do for a live microphone.
    const f48 = pcm16ToFloat32(state.pcm, state.f48);
    const f16 = state.decimator.process(f48, state.f16);
    state.framer.push(f16, state.onFrame);
  },

  verify(state: State) {
    const meanRms = state.frames ? state.sumRms / state.frames : 0;
    const dbfs = meanRms > 0 ? 20 * Math.log10(meanRms) : -Infinity;
    // A silent or NaN result would mean the pipeline is broken while still looking fast.
    const ok = state.frames > 0 && Number.isFinite(dbfs) && state.ring.length > 0;
    return {
      ok,
      message: ok
        ? `${state.frames} frames of ${FRAME_MS} ms, mean level ${dbfs.toFixed(1)} dBFS, peak ${state.peak.toFixed(3)}, ${state.clipped} clipped samples`
        : `no usable audio came out of the pipeline (${state.frames} frames, mean RMS ${meanRms})`,
      metrics: {
        frames: state.frames,
        clipped_samples: state.clipped,
        ...(Number.isFinite(dbfs) ? { mean_rms_dbfs: Number(dbfs.toFixed(2)) } : {}),
      },
    };
  },

  teardown(state: State): void {
    state.ring.clear();
    state.decimator.reset();
    state.framer.reset();
  },
};

export default probe;
