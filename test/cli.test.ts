/** The built `soundcheck` command without a terminal: flags, reports, exit codes, bad input. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, soundcheck, tempDir } from './helpers.js';

beforeAll(() => ensureBuilt());

const FAST = ['--probes', 'string_processing,config_loading'];

describe('soundcheck bench (headless)', () => {
  it('honours --iterations exactly and writes the JSON report with the original fields', () => {
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    const r = soundcheck(['bench', ...FAST, '--iterations', '7', '--json', json]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    // This machine is shared: the verdict may go either way, but code, report and lines must agree.
    expect(r.status).toBe(report.passed ? 0 : 1);
    for (const id of ['string_processing', 'config_loading']) {
      const p = report.results[id];
      expect(p.iterations).toBe(7);
      expect(p.samples).toBe(7);
      for (const k of ['avg_ms', 'p95_ms', 'p99_ms', 'target_ms', 'min_ms', 'max_ms', 'p50_ms', 'stddev_ms', 'ops_per_s', 'rme_percent']) {
        expect(typeof p[k], k).toBe('number');
      }
      expect(p.target_ms).toBe(10);
      expect(p.targets[0]).toMatchObject({ expr: 'avg<10ms', ok: p.avg_ms < 10 });
      expect(p.status).toBe(p.targets[0].ok && p.errors.length === 0 ? 'PASS' : 'FAIL');
      expect(Array.isArray(p.errors) && Array.isArray(p.warnings)).toBe(true);
    }
    expect(report.schema_version).toBe(1);
    expect(report.tool.name).toBe('soundcheck');
    expect(Object.keys(report.host).sort()).toEqual(['arch', 'cpu_model', 'cpus', 'hostname', 'node', 'platform', 'total_mem']);
    expect(report.passed).toBe(Object.values(report.results).every((p: any) => p.status === 'PASS'));
    expect(new Date(report.finished_at) >= new Date(report.started_at)).toBe(true);
    // Without a TTY: one line per probe as it finishes, then the summary table.
    expect(r.stdout).toMatch(/^(PASS|FAIL) {2}string_processing .*\(7\/7 iterations\)/m);
    expect(r.stdout).toMatch(/Probe\s+Mean ± σ\s+Min … Max\s+p95\s+p99\s+Target\s+Status/);
    expect(r.stdout).toMatch(report.passed ? /PASS — all 2 probes met their targets/ : /FAIL — \d of 2 probes failed/);
  });

  it('--json - writes only the JSON to stdout', () => {
    const r = soundcheck(['bench', '--probes', 'string_processing', '-n', '3', '--warmup', '0', '--timeout', '2s', '--json', '-']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.settings).toMatchObject({ warmup: 0, timeout_ms: 2000 });
    expect(report.results.string_processing.iterations).toBe(3);
    expect(r.stderr).toMatch(/PASS {2}string_processing/);
  });

  it('writes the Markdown report as a table', () => {
    const md = path.join(tempDir(), 'r.md');
    const r = soundcheck(['bench', '--probes', 'config_loading', '-n', '5', '--markdown', md]);
    expect(r.status).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# soundcheck bench — PASS/);
    expect(text).toMatch(/\| Probe \| Mean ± σ \| Min … Max \| p95 \| p99 \| Target \| Status \|/);
    expect(text).toMatch(/\| config_loading \| .* \| \*\*PASS\*\* \|/);
  });

  it('exits 1 when a target is missed, and says which', () => {
    const json = path.join(tempDir(), 'r.json');
    const r = soundcheck(['bench', '--probes', 'string_processing', '-n', '5', '--target', 'string_processing:max<1us', '--json', json]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}string_processing .*target max<1us missed/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.results.string_processing.status).toBe('FAIL');
    expect(report.passed).toBe(false);
  });

  it('benchmarks a user config with --config-file', () => {
    const dir = tempDir();
    const cfg = path.join(dir, 'bridge.json');
    writeFileSync(cfg, JSON.stringify({ audio: { sample_rate: 16000, channels: 1, frame_ms: 30 }, vad: { threshold: 0.6 } }));
    const json = path.join(dir, 'r.json');
    const r = soundcheck(['bench', '--probes', 'config_loading', '-n', '4', '--config-file', cfg, '--json', json]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).settings.config_file).toBe(cfg);
  });

  it('keeps the run in the store: `report --last` gives back its JSON', () => {
    const home = tempDir();
    const env = { SOUNDCHECK_DATA_DIR: path.join(home, 'data') };
    const first = path.join(home, 'first.json');
    const r = soundcheck(['bench', '--probes', 'string_processing', '-n', '4', '--json', first], env);
    expect(r.status).toBe(0);
    const again = path.join(home, 'again.json');
    const rep = soundcheck(['report', '--last', '--json', again], env);
    expect(rep.stderr).toBe('');
    expect(rep.status).toBe(0);
    expect(rep.stdout).toMatch(/\(bench, finished\)/);
    expect(JSON.parse(readFileSync(again, 'utf8'))).toEqual(JSON.parse(readFileSync(first, 'utf8')));
  });

  it('list prints every probe with its defaults', () => {
    const r = soundcheck(['list']);
    expect(r.status).toBe(0);
    for (const [id, n, target] of [
      ['config_loading', 100, 'avg<10ms'], ['audio_processing', 50, 'avg<50ms'], ['string_processing', 100, 'avg<10ms'],
      ['database_operations', 50, 'avg<100ms'], ['vad', 100, 'avg<20ms'],
    ] as const) {
      expect(r.stdout).toMatch(new RegExp(`^${id}\\s+${n} iterations\\s+target ${target.replace('<', '\\<')}`, 'm'));
    }
  });
});

describe('bad input: one clear line, exit 2, nothing run', () => {
  const dir = tempDir();
  const broken = path.join(dir, 'broken.yaml');
  writeFileSync(broken, 'audio:\n  sample_rate: [16000\nvad: {');
  const invalid = path.join(dir, 'invalid.yaml');
  writeFileSync(invalid, 'audio:\n  sample_rate: 16000\n  channels: 1\nvad:\n  threshold: high\n');

  it.each([
    [['--probes', 'nope'], /--probes: unknown probe 'nope'; available: config_loading, audio_processing/],
    [['--iterations', '0'], /--iterations: '0' is not allowed; use a whole number ≥ 1/],
    [['--iterations', '-5'], /--iterations: '-5' is not allowed|--iterations/],
    [['--iterations', 'abc'], /--iterations: 'abc' is not allowed; use a whole number ≥ 1/],
    [['--warmup', 'x'], /--warmup: 'x' is not allowed; use a whole number ≥ 0/],
    [['--target', 'vad:p95<20ms'], /--target vad: 'p95<20ms': unknown metric 'p95'; allowed: avg, min, max, med, p\(N\)/],
    [['--target', 'vad:avg<<1'], /--target vad: 'avg<<1' is not an expression; allowed: avg<10ms, p\(95\)<20ms/],
    [['--target', 'avg<10ms'], /--target: 'avg<10ms' must be ID:EXPR|--target: unknown probe 'avg<10ms/],
    [['--timeout', 'soon'], /--timeout: 'soon' is not a positive duration/],
    [['--config-file', path.join(dir, 'missing.yaml')], /--config-file: config file .*missing\.yaml: not found/],
    [['--config-file', broken], /--config-file: config file .*broken\.yaml: not valid YAML/],
    [['--config-file', invalid], /--config-file: config file .*invalid\.yaml: key vad\.threshold/],
    [['--json', path.join(dir, 'no-such-dir', 'r.json')], /--json: cannot write .*directory .*no-such-dir' does not exist/],
    [['--json', dir], /--json: '.*' is a directory/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('bench %j', (args, message) => {
    const r = soundcheck(['bench', '--probes', 'string_processing', '-n', '2', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    // Checked before any work: no probe ran, nothing was printed as a result.
    expect(r.stdout).not.toMatch(/PASS|FAIL/);
  });
});

describe('a report that cannot be written after the run', () => {
  it('still prints the measured results, names the file, and exits 2', () => {
    // /dev/full passes every up-front check and then fails the write (ENOSPC), like a full disk.
    const r = soundcheck(['bench', '--probes', 'string_processing', '-n', '3', '--markdown', '/dev/full']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/PASS {2}string_processing/);
    expect(r.stdout).toMatch(/PASS — the probe met its target/);
    expect(r.stderr).toMatch(/--markdown: could not write '\/dev\/full'/);
  });
});
