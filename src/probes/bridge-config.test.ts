import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadBridgeConfig } from './bridge-config.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const shipped = join(assetsDir, 'bridge-config.yaml');
const dir = mkdtempSync(join(tmpdir(), 'soundcheck-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const minimal = 'audio:\n  sample_rate: 16000\nvad:\n  threshold: 0.5\n';

describe('loadBridgeConfig', () => {
  it('validates the shipped representative config and keeps unknown keys', () => {
    const cfg = loadBridgeConfig(shipped);
    expect(cfg.audio.sample_rate).toBe(48000);
    expect(cfg.audio.frame_ms).toBe(30);
    expect(cfg.vad.threshold).toBe(0.5);
    expect(cfg.database.history_turns).toBe(20);
    expect(cfg.tts.sentence_chunking).toBe(true);
    expect(cfg.intents.length).toBeGreaterThanOrEqual(5);
    expect((cfg as Record<string, unknown>)['metrics']).toEqual({ enabled: true, port: 9464 });
  });

  it('fills defaults for the optional sections', () => {
    const cfg = loadBridgeConfig(write('minimal.yaml', minimal));
    expect(cfg.database.history_turns).toBe(20);
    expect(cfg.logging.level).toBe('info');
    expect(cfg.vad.min_silence_ms).toBe(700);
    expect(cfg.intents).toEqual([]);
  });

  it('names the key, what is allowed and what was found for a bad value', () => {
    const file = write('bad-threshold.yaml', 'audio:\n  sample_rate: 48000\nvad:\n  threshold: high\n');
    const err = errorOf(() => loadBridgeConfig(file));
    expect(err.key).toBe('vad.threshold');
    expect(err.file).toBe(file);
    expect(err.message).toBe(`config file ${file}: key vad.threshold: expected a number between 0 and 1, got "high"`);
  });

  it('rejects out-of-range numbers and keys inside lists', () => {
    const range = errorOf(() => loadBridgeConfig(write('range.yaml', 'audio: {}\nvad:\n  threshold: 1.5\n')));
    expect(range.key).toBe('vad.threshold');
    expect(range.message).toContain('got 1.5');

    const rate = errorOf(() => loadBridgeConfig(write('rate.yaml', 'audio:\n  sample_rate: 44000\nvad: {}\n')));
    expect(rate.key).toBe('audio.sample_rate');
    expect(rate.message).toContain('expected one of 8000');

    const regex = errorOf(() =>
      loadBridgeConfig(write('intent.yaml', `${minimal}intents:\n  - name: timer\n    patterns: ['(unclosed']\n`)),
    );
    expect(regex.key).toBe('intents.0.patterns.0');
    expect(regex.message).toContain('expected a valid regular expression');
  });

  it('requires audio and vad', () => {
    const err = errorOf(() => loadBridgeConfig(write('no-vad.yaml', 'audio:\n  channels: 1\n')));
    expect(err.key).toBe('vad');
    expect(err.message).toMatch(/key vad: expected a mapping of vad settings, but it is missing$/);
  });

  it('reports a missing file', () => {
    const missing = join(dir, 'nope.yaml');
    const err = errorOf(() => loadBridgeConfig(missing));
    expect(err.message).toBe(`config file ${missing}: not found`);
    expect(err.key).toBeUndefined();
  });

  it('reports broken YAML with the file and line', () => {
    const file = write('broken.yaml', 'audio:\n  sample_rate: 48000\nvad:\n  threshold: [0.5\n  min_speech_ms: 250\n');
    const err = errorOf(() => loadBridgeConfig(file));
    expect(err.message).toMatch(new RegExp(`^config file ${file}: not valid YAML: .+ \\(line \\d+\\)$`));
    expect(err.file).toBe(file);
  });

  it('reads JSON by extension, and reports broken JSON with its line', () => {
    const data = parse(readFileSync(shipped, 'utf8'));
    const json = write('bridge.json', JSON.stringify(data, null, 2));
    expect(loadBridgeConfig(json).audio.sample_rate).toBe(48000);

    const broken = write('broken.json', '{\n  "audio": {},\n  "vad": {,}\n}\n');
    const err = errorOf(() => loadBridgeConfig(broken));
    expect(err.message).toMatch(new RegExp(`^config file ${broken}: not valid JSON: .+ \\(line 3\\)$`));
  });

  it('says so for an empty file', () => {
    const file = write('empty.yaml', '# nothing yet\n');
    expect(errorOf(() => loadBridgeConfig(file)).message).toBe(
      `config file ${file}: is empty; expected a mapping with at least audio and vad`,
    );
  });

  it('rejects an unknown extension and a non-mapping document', () => {
    expect(errorOf(() => loadBridgeConfig(write('bridge.toml', 'x = 1'))).message).toContain('allowed: .yaml, .yml, .json');
    const list = errorOf(() => loadBridgeConfig(write('list.yml', '- 1\n- 2\n')));
    expect(list.message).toBe(`config file ${join(dir, 'list.yml')}: expected a mapping of settings at the top level, got a list`);
  });
});
