import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProbeInfo } from './engine/types.js';
import { defaultSettings, defaultSoakChoices, loadSettings, resetSettings, saveSettings } from './settings.js';

const probe = (id: string, defaultIterations = 100, target = 'avg<10ms'): ProbeInfo => ({
  id, title: id, description: `${id} probe`, defaultIterations, target, moduleUrl: 'file:///nowhere.js',
});
const probes = [probe('alpha'), probe('beta', 50, 'avg<50ms'), probe('gamma')];

let dir: string;
const file = (): string => path.join(dir, 'settings.json');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-settings-'));
  process.env.SOUNDCHECK_CONFIG_DIR = dir;
});
afterEach(() => {
  delete process.env.SOUNDCHECK_CONFIG_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('starts from every probe selected with its defaults when nothing is stored', () => {
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
    expect(loadSettings(probes).probes.map((p) => [p.id, p.selected, p.iterations, p.target])).toEqual([
      ['alpha', true, 100, 'avg<10ms'], ['beta', true, 50, 'avg<50ms'], ['gamma', true, 100, 'avg<10ms'],
    ]);
  });

  it('remembers selection, counts, targets and mode in the config directory', () => {
    const s = defaultSettings(probes);
    s.mode = 'soak';
    s.probes[0]!.selected = false;
    s.probes[1]!.iterations = 7;
    s.probes[2]!.target = 'p(95)<20ms,max<100ms';
    expect(saveSettings(s)).toBe(true);
    expect(existsSync(file())).toBe(true);
    expect(loadSettings(probes)).toEqual(s);
  });

  it('drops ids that are no longer probes and keeps new probes at their defaults', () => {
    writeFileSync(file(), JSON.stringify({
      version: 1, mode: 'bench', selected: ['beta', 'retired'], iterations: { retired: 5, beta: 9 }, targets: { retired: 'avg<1ms' },
    }));
    const s = loadSettings(probes);
    expect(s.probes.map((p) => p.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(s.probes.map((p) => p.selected)).toEqual([false, true, false]);
    expect(s.probes[1]!.iterations).toBe(9);
  });

  it('ignores each invalid value on its own and keeps the valid ones', () => {
    writeFileSync(file(), JSON.stringify({
      version: 1,
      mode: 'party',
      selected: 'alpha',
      iterations: { alpha: 0, beta: 2.5, gamma: 12 },
      targets: { alpha: 'fast please', beta: 42, gamma: 'med<5ms' },
    }));
    const s = loadSettings(probes);
    expect(s.mode).toBe('bench');
    expect(s.probes.map((p) => p.selected)).toEqual([true, true, true]);
    expect(s.probes.map((p) => p.iterations)).toEqual([100, 50, 12]);
    expect(s.probes.map((p) => p.target)).toEqual(['avg<10ms', 'avg<50ms', 'med<5ms']);
  });

  it('remembers the soak choices', () => {
    const s = defaultSettings(probes);
    s.soak = { duration: '20s', quick: true, rate: 'max', healthInterval: '2s', checkpointInterval: null };
    saveSettings(s);
    expect(loadSettings(probes).soak).toEqual(s.soak);
    expect(JSON.parse(readFileSync(file(), 'utf8')).soak).toEqual(s.soak);
  });

  it('validates each soak choice on its own, as `soundcheck soak` would, and defaults what is missing or invalid', () => {
    // A file from before soak choices were remembered.
    writeFileSync(file(), JSON.stringify({ version: 1, mode: 'soak', selected: ['alpha'], iterations: {}, targets: {} }));
    expect(loadSettings(probes).soak).toEqual(defaultSoakChoices());
    expect(loadSettings(probes).mode).toBe('soak');
    writeFileSync(file(), JSON.stringify({
      version: 1, mode: 'soak', selected: [], iterations: {}, targets: {},
      soak: { duration: 'soon', quick: 'yes', rate: '-1', healthInterval: '90s', checkpointInterval: 0 },
    }));
    expect(loadSettings(probes).soak).toEqual({ duration: '8h', quick: false, rate: '1', healthInterval: '90s', checkpointInterval: null });
    writeFileSync(file(), JSON.stringify({ version: 1, soak: { duration: ' 8 ', quick: true, rate: '0.5', healthInterval: '', checkpointInterval: '2h' } }));
    expect(loadSettings(probes).soak).toEqual({ duration: '8', quick: true, rate: '0.5', healthInterval: null, checkpointInterval: '2h' });
    writeFileSync(file(), JSON.stringify({ version: 1, soak: ['8h'] }));
    expect(loadSettings(probes).soak).toEqual(defaultSoakChoices());
  });

  it('survives a corrupt file and a file of the wrong shape', () => {
    writeFileSync(file(), '{"version": 1, "selected": [');
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
    writeFileSync(file(), '[1, 2, 3]');
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
    writeFileSync(file(), 'null');
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
  });

  it('reset forgets everything', () => {
    const s = defaultSettings(probes);
    s.probes[0]!.iterations = 3;
    saveSettings(s);
    resetSettings();
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({});
  });

  it('does not throw when the config directory cannot be written', () => {
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a directory should be');
    process.env.SOUNDCHECK_CONFIG_DIR = path.join(blocker, 'sub');
    expect(saveSettings(defaultSettings(probes))).toBe(false);
    expect(loadSettings(probes)).toEqual(defaultSettings(probes));
    expect(() => resetSettings()).not.toThrow();
  });
});
