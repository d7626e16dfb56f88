import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimate, pcm16ToFloat32 } from './dsp.js';
import probe, {
  CONFIG_RELOAD_EVERY,
  INTERACTION_STAGES,
  KEEP_TURNS,
  MIC_RATE,
  PRUNE_EVERY,
  buildReply,
  findUtterance,
  runTurn,
  upsampleToPcm16,
  type InteractionState,
} from './interaction.js';
import { SILERO_FRAME_SAMPLES } from './silero.js';
import { readWav } from './wav.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpRoot = mkdtempSync(join(tmpdir(), 'soundcheck-interaction-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let dirs = 0;
const ctx = (options = {}) => {
  const tmpDir = join(tmpRoot, String(dirs++));
  mkdirSync(tmpDir);
  return { tmpDir, assetsDir, options };
};
const layout = JSON.parse(readFileSync(join(assetsDir, 'speech-16k.json'), 'utf8')) as {
  speech_start_s: number;
  speech_end_s: number;
};

describe('interaction probe: identity', () => {
  it('keeps its fixed identity, defaults and stage names', () => {
    expect(probe).toMatchObject({ id: 'interaction', title: 'Voice interaction', defaultIterations: 100, target: 'p(95)<500ms' });
    expect(probe.description).not.toContain('\n');
    expect(INTERACTION_STAGES).toEqual(['audio', 'vad', 'text', 'store', 'config']);
  });

  it('imports its heavy modules only inside setup (the module is cheap to import)', () => {
    const src = readFileSync(fileURLToPath(new URL('./interaction.ts', import.meta.url)), 'utf8');
    const valueImports = [...src.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)].map((m) => m[1]);
    for (const heavy of ['onnxruntime-node', 'better-sqlite3', 'yaml', 'zod', './silero.js', './conversation-store.js', './bridge-config.js']) {
      expect(valueImports).not.toContain(heavy);
    }
  });
});

describe('findUtterance', () => {
  it('spans the first to the last frame over the threshold', () => {
    expect(findUtterance([0.1, 0.2, 0.7, 0.4, 0.9, 0.6, 0.1], 0.5)).toEqual({ startFrame: 2, endFrame: 5 });
    expect(findUtterance([0.9], 0.5)).toEqual({ startFrame: 0, endFrame: 0 });
  });

  it('is strict about the threshold and finds nothing in silence', () => {
    expect(findUtterance([0.5, 0.5, 0.5], 0.5)).toBeNull();
    expect(findUtterance([], 0.5)).toBeNull();
    expect(findUtterance(new Float64Array(60).fill(0.02))).toBeNull();
  });
});

describe('upsampleToPcm16', () => {
  it('makes 48 kHz PCM that decimates back to the 16 kHz clip', () => {
    const clip = readWav(join(assetsDir, 'speech-16k.wav'));
    const pcm = upsampleToPcm16(clip.samples, 3);
    expect(pcm).toBeInstanceOf(Int16Array);
    expect(pcm.length).toBe(clip.samples.length * 3);
    const back = decimate(pcm16ToFloat32(pcm), 3, new Float32Array([0, 0, 1, 0, 0]));
    // Every third sample is an original one (up to 16-bit rounding): interpolation keeps them.
    let maxErr = 0;
    let peak = 0;
    for (let i = 200; i < clip.samples.length - 200; i++) {
      maxErr = Math.max(maxErr, Math.abs(back[i]! - clip.samples[i]!));
      peak = Math.max(peak, Math.abs(clip.samples[i]!));
    }
    expect(peak).toBeGreaterThan(0.1);
    expect(maxErr).toBeLessThanOrEqual(1 / 32768 + 1e-7);
  });

  it('keeps a tone in band at its level and clamps to 16 bits', () => {
    const tone = Float32Array.from({ length: 1600 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 1000 * n) / 16_000));
    const up = upsampleToPcm16(tone, 3);
    let peak = 0;
    for (let n = 600; n < up.length - 600; n++) peak = Math.max(peak, Math.abs(up[n]!));
    expect(peak / 32768).toBeCloseTo(0.5, 2);
    const loud = upsampleToPcm16(new Float32Array(64).fill(1.5), 3);
    expect(Math.max(...loud)).toBe(32767);
  });
});

describe('buildReply', () => {
  it('acknowledges the intent and its slots, or hands over to the assistant', () => {
    expect(buildReply({ intent: 'timer_start', score: 4, slots: { duration: 'ten minutes' } }, 'Done.')).toBe(
      'Okay, timer start (duration ten minutes). Done.',
    );
    expect(buildReply(null, 'It is sunny.')).toBe('Let me ask the assistant. It is sunny.');
  });
});

describe('interaction probe: whole turns through the real components', () => {
  let state: InteractionState;
  beforeAll(async () => {
    state = await probe.setup(ctx());
  });
  afterAll(async () => {
    await probe.teardown?.(state);
  });

  it('sets up a 48 kHz 16-bit microphone signal, a WAL store with its session and the config', () => {
    expect(state.pcm48k).toBeInstanceOf(Int16Array);
    const clip = readWav(join(assetsDir, 'speech-16k.wav'));
    expect(state.pcm48k.length / MIC_RATE).toBeCloseTo(clip.samples.length / clip.sampleRate, 6);
    expect(state.store.journalMode()).toBe('wal');
    expect(state.store.getSession(state.sessionId)).toBeDefined();
    expect(state.vadFrameSamples).toBe(SILERO_FRAME_SAMPLES);
    expect(state.config.tts.max_chunk_chars).toBeGreaterThan(0);
  });

  it('times all five stages, stores two turns per interaction and reloads the config every 20th', async () => {
    const before = state.store.countTurns(state.sessionId);
    const results = [];
    for (let i = 0; i < 3; i++) {
      const t = await probe.run(state, i);
      expect(t).toBeTruthy();
      results.push(t!);
      expect(state.store.countTurns(state.sessionId)).toBe(before + 2 * (i + 1));
    }
    for (const t of results) {
      expect(Object.keys(t)).toEqual([...INTERACTION_STAGES]);
      for (const k of INTERACTION_STAGES) {
        expect(Number.isFinite(t[k])).toBe(true);
        expect(t[k]).toBeGreaterThanOrEqual(0);
      }
      expect(t['vad']).toBeGreaterThan(0);
      expect(t['audio']).toBeGreaterThan(0);
      expect(t['store']).toBeGreaterThan(0);
    }
    expect(CONFIG_RELOAD_EVERY).toBe(20);
    expect(results[0]!['config']).toBeGreaterThan(0);
    expect(results[1]!['config']).toBe(0);
    expect(results[2]!['config']).toBe(0);
    expect(state.configLoads).toBe(1);

    // The user's and the assistant's turns, newest last, read back as the history.
    const recent = state.store.recentTurns(state.sessionId, 2);
    expect(recent.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(recent[1]!.latencyMs).toBeGreaterThan(0);
    expect(recent[1]!.content).toBe(state.lastSentences.join(' '));
    expect(state.lastHistory).toBe(Math.min(20, before + 6));

    // Speech found where the clip has it (Silero's onset/hangover: within a frame or three).
    const u = state.lastUtterance!;
    expect(u.startS).toBeGreaterThan(layout.speech_start_s - 0.3);
    expect(u.startS).toBeLessThan(layout.speech_start_s + 0.3);
    expect(u.endS).toBeGreaterThan(layout.speech_end_s - 0.3);
    expect(u.endS).toBeLessThan(layout.speech_end_s + 0.4);
    expect(state.levelFrames).toBeGreaterThan(0);
    expect(state.lastSentences.length).toBeGreaterThan(1);
  });

  it('reads a full 20-turn history once the session has it', async () => {
    for (let i = 3; i < 12; i++) await probe.run(state, i);
    expect(state.lastHistory).toBe(20);
  });

  it('fails an interaction over silent audio with "no speech found", storing nothing', async () => {
    const silence = new Int16Array(MIC_RATE * 2);
    const before = state.store.countTurns(state.sessionId);
    await expect(runTurn(state, silence, 1)).rejects.toThrow('no speech found in the captured audio');
    // The probe's own run, over a state whose microphone signal is silence.
    await expect(probe.run({ ...state, pcm48k: silence }, 2)).rejects.toThrow('no speech found in the captured audio');
    expect(state.store.countTurns(state.sessionId)).toBe(before);
    // The VAD state is reset per turn: the next real turn is unaffected.
    const t = await probe.run(state, 3);
    expect(t?.['vad']).toBeGreaterThan(0);
    expect(state.store.countTurns(state.sessionId)).toBe(before + 2);
  });

  it('prunes the session to its newest turns every PRUNE_EVERY interactions', async () => {
    for (let k = 0; k < 150; k++) state.saveTurn(`u${k}`, `a${k}`, 1);
    expect(state.store.countTurns(state.sessionId)).toBeGreaterThan(KEEP_TURNS + 2);
    state.sincePrune = PRUNE_EVERY - 2;
    await probe.run(state, 5);
    expect(state.pruned).toBe(0);
    const prunedBefore = state.pruned;
    await probe.run(state, 6);
    expect(state.pruned).toBeGreaterThan(prunedBefore);
    expect(state.sincePrune).toBe(0);
    expect(state.store.countTurns(state.sessionId)).toBe(KEEP_TURNS);
    // The newest turns are the ones kept.
    expect(state.store.recentTurns(state.sessionId, 1)[0]!.role).toBe('assistant');
    expect(state.store.recentTurns(state.sessionId, 1)[0]!.content).toBe(state.lastSentences.join(' '));
  });
});

describe('interaction probe: setup and teardown', () => {
  it('a bad --config-file fails setup, naming the file and key', async () => {
    const c = ctx();
    const bad = join(c.tmpDir, 'bad.yaml');
    writeFileSync(bad, 'audio:\n  sample_rate: 48000\nvad:\n  threshold: high\n');
    await expect(probe.setup({ ...c, options: { configFile: bad } })).rejects.toThrow(/bad\.yaml.*vad\.threshold/);
  });

  it('reloads the configured --config-file, and teardown closes the store', async () => {
    const c = ctx();
    const file = join(c.tmpDir, 'bridge.yaml');
    writeFileSync(file, readFileSync(join(assetsDir, 'bridge-config.yaml'), 'utf8').replace(/max_chunk_chars: \d+/, 'max_chunk_chars: 40'));
    const state = await probe.setup({ ...c, options: { configFile: file } });
    try {
      expect(state.configFile).toBe(file);
      expect(state.config.tts.max_chunk_chars).toBe(40);
      await probe.run(state, 0);
      expect(state.lastSentences.every((s) => s.length <= 40 || !s.includes(' '))).toBe(true);
    } finally {
      await probe.teardown?.(state);
    }
    expect(state.store.db.open).toBe(false);
  });
});
