import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import probe, { synthVoicePcm } from './audio-processing.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpDir = mkdtempSync(join(tmpdir(), 'soundcheck-audio-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe('audio_processing probe', () => {
  it('keeps its fixed identity and defaults', () => {
    expect(probe).toMatchObject({ id: 'audio_processing', title: 'Audio processing', defaultIterations: 50, target: 'avg<50ms' });
  });

  it('synthesises the same second of 48 kHz audio every time, with some clipping', () => {
    const a = synthVoicePcm();
    expect(a.length).toBe(48000);
    expect(a).toEqual(synthVoicePcm());
    expect(a.filter((v) => v === 32767 || v === -32768).length).toBeGreaterThan(0);
  });

  it('streams 3 s through the pipeline: 100 frames, levels and clipping counted, ring full', async () => {
    const state = await probe.setup({ tmpDir, assetsDir, options: {} });
    for (let i = 0; i < 3; i++) await probe.run(state, i);
    expect(state.frames).toBe(100);
    expect(state.clipped).toBeGreaterThan(0);
    expect(state.peak).toBeGreaterThan(0.9);
    expect(state.sumRms / state.frames).toBeGreaterThan(0.01);
    expect(state.ring.length).toBe(state.ring.capacity);
    const check = await probe.verify!(state);
    expect(check.ok).toBe(true);
    expect(check.message).toMatch(/100 frames/);
    await probe.teardown?.(state);
  });
});
