import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProbeOptions } from '../engine/types.js';
import { ConfigError } from './bridge-config.js';
import probe from './config-loading.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpDir = mkdtempSync(join(tmpdir(), 'soundcheck-config-probe-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));
const ctx = (options: ProbeOptions = {}) => ({ tmpDir, assetsDir, options });

describe('config_loading probe', () => {
  it('keeps its fixed identity and defaults', () => {
    expect(probe).toMatchObject({ id: 'config_loading', title: 'Config loading', defaultIterations: 100, target: 'avg<10ms' });
  });

  it('loads the shipped config on every iteration', async () => {
    const state = await probe.setup(ctx());
    for (let i = 0; i < 5; i++) await probe.run(state, i);
    expect(state.loads).toBe(5);
    expect(state.last?.audio.sample_rate).toBe(48000);
    await probe.teardown?.(state);
  });

  it('re-reads the file each time rather than caching it', async () => {
    const file = join(tmpDir, 'bridge.yaml');
    writeFileSync(file, 'audio:\n  sample_rate: 48000\nvad:\n  threshold: 0.5\n');
    const state = await probe.setup(ctx({ configFile: file }));
    writeFileSync(file, 'audio:\n  sample_rate: 16000\nvad:\n  threshold: 0.7\n');
    await probe.run(state, 0);
    expect(state.last?.vad.threshold).toBe(0.7);
    await probe.teardown?.(state);
  });

  it('fails setup with a ConfigError for a bad --config-file', async () => {
    const file = join(tmpDir, 'bad.yaml');
    writeFileSync(file, 'audio: {}\nvad:\n  threshold: high\n');
    await expect(async () => probe.setup(ctx({ configFile: file }))).rejects.toThrow(ConfigError);
  });
});
