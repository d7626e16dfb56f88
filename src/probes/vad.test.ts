import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILERO_FRAME_SAMPLES, SileroVad } from './silero.js';
import probe, { evaluateVad, toFrames, type VadState } from './vad.js';
import { readWav } from './wav.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpDir = mkdtempSync(join(tmpdir(), 'soundcheck-vad-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));
const ctx = { tmpDir, assetsDir, options: {} };

/** Deterministic uniform noise in [-amp, amp]. */
function noise(length: number, amp: number, seed = 42): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 * 2 - 1) * amp;
  });
}

describe('vad probe', () => {
  it('keeps its fixed identity and defaults', () => {
    expect(probe).toMatchObject({ id: 'vad', title: 'Silero VAD', defaultIterations: 100, target: 'avg<20ms' });
  });

  it('the clip layout matches the clip', () => {
    const layout = JSON.parse(readFileSync(join(assetsDir, 'speech-16k.json'), 'utf8'));
    const clip = readWav(join(assetsDir, 'speech-16k.wav'));
    expect(layout.sample_rate).toBe(clip.sampleRate);
    expect(layout.duration_s).toBeCloseTo(clip.samples.length / clip.sampleRate, 3);
    expect(layout.speech_start_s).toBeGreaterThanOrEqual(0.9);
    expect(layout.duration_s - layout.speech_end_s).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the speech where it is and only there, over a full pass of timed iterations', async () => {
    const state = await probe.setup(ctx);
    try {
      const frames = state.frames.length;
      // Warmup that also counts from 0, then the measurement, then a wrap: state must reset cleanly.
      for (let i = 0; i < 5; i++) await probe.run(state, i);
      for (let i = 0; i < frames + 10; i++) await probe.run(state, i);
      expect(Number.isNaN(state.probs[frames - 1]!)).toBe(false);
      const check = await probe.verify!(state);
      expect(check.message).toMatch(/^speech found in \d+\/\d+ frames of the spoken region/);
      expect(check.ok, check.message).toBe(true);
      expect(check.metrics?.['real_time_factor']).toBeGreaterThan(0);
      expect(check.metrics?.['speech_frames_detected']).toBeGreaterThan(20);
      expect(check.metrics?.['silence_false_positives']).toBe(0);
    } finally {
      await probe.teardown?.(state);
    }
  });

  it('verifies the whole clip even after fewer iterations than frames', async () => {
    const state = await probe.setup(ctx);
    try {
      for (let i = 0; i < 3; i++) await probe.run(state, i);
      const inferences = state.inferences;
      const check = await probe.verify!(state);
      expect(check.ok, check.message).toBe(true);
      expect(state.probs.every((p) => !Number.isNaN(p))).toBe(true);
      // The replay is not timed: the real-time factor still comes from the 3 timed frames.
      expect(state.inferences).toBe(inferences);
    } finally {
      await probe.teardown?.(state);
    }
  });

  it('leaves the warmup calls out of the real-time factor', async () => {
    const state = await probe.setup({ ...ctx, warmup: 2 });
    try {
      for (let i = 0; i < 5; i++) await probe.run(state, i);
      expect(state.inferences).toBe(3);
    } finally {
      await probe.teardown?.(state);
    }
  });

  it('fails when the speech is not where the layout says', async () => {
    const state: VadState = await probe.setup(ctx);
    try {
      await probe.verify!(state);
      const real = state.layout;
      // Claim the speech is in the trailing pad; the real speech then lands in "silence".
      const moved = evaluateVad(state.probs, { sample_rate: 16000, speech_start_s: real.speech_end_s + 0.1, speech_end_s: real.speech_end_s + 0.9 });
      expect(moved.ok).toBe(false);
      expect(moved.falsePositives).toBeGreaterThan(moved.allowedFalsePositives);
    } finally {
      await probe.teardown?.(state);
    }
  });
});

describe('SileroVad', () => {
  let vad: SileroVad;
  beforeAll(async () => {
    vad = await SileroVad.create();
  });
  afterAll(async () => {
    await vad.release();
  });

  it('finds no speech in silence or in steady noise', async () => {
    for (const signal of [new Float32Array(16000 * 3), noise(16000 * 3, 0.05), noise(16000 * 3, 0.3, 7)]) {
      vad.reset();
      const probs: number[] = [];
      for (const frame of toFrames(signal)) probs.push(await vad.process(frame));
      expect(Math.max(...probs)).toBeLessThan(0.5);
    }
  });

  it('carries state between frames and reset() forgets it', async () => {
    const clip = readWav(join(assetsDir, 'speech-16k.wav')).samples;
    const frames = toFrames(clip);
    vad.reset();
    const first: number[] = [];
    for (const f of frames.slice(0, 20)) first.push(await vad.process(f));
    vad.reset();
    const again: number[] = [];
    for (const f of frames.slice(0, 20)) again.push(await vad.process(f));
    expect(again).toEqual(first);
    // Without a reset the same frame gives a different answer: the h/c state really is carried.
    const carried = await vad.process(frames[15]!);
    expect(carried).not.toBe(first[15]);
  });

  it('reads frames that are views into a larger buffer correctly', async () => {
    const clip = readWav(join(assetsDir, 'speech-16k.wav')).samples;
    const off = 20 * SILERO_FRAME_SAMPLES + 7;
    vad.reset();
    const viaCopy = await vad.process(clip.slice(off, off + SILERO_FRAME_SAMPLES));
    vad.reset();
    const viaView = await vad.process(clip.subarray(off, off + SILERO_FRAME_SAMPLES));
    expect(viaView).toBe(viaCopy);
  });

  it('rejects frame sizes the model was not trained on, and use after release', async () => {
    await expect(vad.process(new Float32Array(480))).rejects.toThrow(/512, 1024, 1536/);
    const other = await SileroVad.create();
    await other.release();
    await expect(other.process(new Float32Array(1536))).rejects.toThrow(/after release/);
  });

  it('says where it looked when the model is missing', async () => {
    await expect(SileroVad.create('/nonexistent/silero_vad.onnx')).rejects.toThrow('Silero VAD model not found at /nonexistent/silero_vad.onnx');
  });
});
