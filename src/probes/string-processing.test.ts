import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import probe, { loadTranscripts } from './string-processing.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpDir = mkdtempSync(join(tmpdir(), 'soundcheck-text-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe('string_processing probe', () => {
  it('keeps its fixed identity and defaults', () => {
    expect(probe).toMatchObject({ id: 'string_processing', title: 'String processing', defaultIterations: 100, target: 'avg<10ms' });
  });

  it('ships about thirty utterances and some long replies', () => {
    const { utterances, replies } = loadTranscripts(assetsDir);
    expect(utterances.length).toBeGreaterThanOrEqual(30);
    expect(replies.some((r) => r.length > 150)).toBe(true);
  });

  it('runs a full cycle of transcripts and verifies every intent', async () => {
    const state = await probe.setup({ tmpDir, assetsDir, options: {} });
    const n = state.utterances.length;
    for (let i = 0; i < n + 2; i++) await probe.run(state, i);
    expect(state.checksum).toBeGreaterThan(0);
    const last = state.last as { turn: number; transcript: { raw: string }; reply: { sentences: string[] } };
    expect(last.turn).toBe(n + 1);
    expect(last.transcript.raw).toBe(state.utterances[1]!.text);
    expect(last.reply.sentences.length).toBeGreaterThan(0);
    const check = await probe.verify!(state);
    expect(check.message).toBe(`intent matched for ${n}/${n} transcripts`);
    expect(check.ok).toBe(true);
    await probe.teardown?.(state);
  });

  it('fails verification when an expected intent is not found', async () => {
    const state = await probe.setup({ tmpDir, assetsDir, options: {} });
    state.utterances = [{ text: 'set a timer for ten minutes', intent: 'weather' }];
    const check = await probe.verify!(state);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('timer_start (expected weather)');
  });
});
