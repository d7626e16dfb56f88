/** The built `soundcheck soak` and `report` as a user runs them: signals, SIGKILL, the JSON. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, ensureBuilt, soundcheck, tempDir } from './helpers.js';

beforeAll(() => ensureBuilt());

function start(args: string[], home: string): { child: ChildProcess; out: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  let out = '';
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, SOUNDCHECK_DATA_DIR: path.join(home, 'data'), SOUNDCHECK_CONFIG_DIR: path.join(home, 'config'), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, out: () => out, exited };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SOAK_FIELDS = {
  test_info: ['start_time', 'end_time', 'duration_seconds', 'duration_hours'],
  summary: ['total_interactions', 'successful_interactions', 'failed_interactions', 'crashes', 'errors_count', 'error_rate_percent', 'average_latency_s'],
  checkpoint: ['timestamp', 'elapsed_seconds', 'elapsed_hours', 'statistics'],
};

function expectSoakJson(r: any): void {
  for (const k of SOAK_FIELDS.test_info) expect(r.test_info, k).toHaveProperty(k);
  for (const k of SOAK_FIELDS.summary) expect(r.summary, k).toHaveProperty(k);
  expect(r.checkpoints.length).toBeGreaterThan(0);
  for (const c of r.checkpoints) for (const k of SOAK_FIELDS.checkpoint) expect(c, k).toHaveProperty(k);
  expect(Array.isArray(r.errors)).toBe(true);
  expect(r.health).toHaveProperty('memory_growth_mb_per_hour');
  expect(r.health.intervals.length).toBeGreaterThan(0);
  expect(r.criteria.map((c: any) => c.metric)).toEqual(expect.arrayContaining(['crashes', 'error_rate', 'interactions', 'memory_growth', 'cpu_avg', 'cpu_peak', 'p95_drift', 'p(95)']));
  for (const c of r.criteria) expect(c).toHaveProperty('measured');
  expect(typeof r.passed).toBe('boolean');
}

describe('soundcheck soak (built, headless)', () => {
  it('writes a complete JSON and Markdown report with every field, exit code by verdict', () => {
    const dir = tempDir();
    const json = path.join(dir, 'soak.json');
    const md = path.join(dir, 'soak.md');
    const r = soundcheck(['soak', '--duration', '4s', '--rate', '5', '--health-interval', '1s', '--checkpoint-interval', '2s', '--json', json, '--markdown', md], {}, 60_000);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expectSoakJson(report);
    expect(report.status).toBe('finished');
    expect(report.summary.total_interactions).toBe(20);
    expect(report.test_info.planned_duration_seconds).toBe(4);
    expect(r.status).toBe(report.passed ? 0 : 1);
    expect(r.stdout).toMatch(/checkpoint 0 at 2s/);
    expect(r.stdout).toMatch(/Criterion\s+Measured\s+Status/);
    expect(readFileSync(md, 'utf8')).toMatch(/^# soundcheck soak — (PASS|FAIL)/);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s stops it gracefully within 2 s with a complete partial report', async (signal) => {
    const home = tempDir();
    const json = path.join(home, 'soak.json');
    const run = start(['soak', '--duration', '10m', '--rate', '10', '--health-interval', '1s', '--checkpoint-interval', '1s', '--json', json], home);
    await waitFor(() => /checkpoint 1 at/.test(run.out()), 20_000);
    const sent = Date.now();
    run.child.kill(signal);
    const { code } = await run.exited;
    // 2 s for the interaction process to stop, plus writing the report.
    expect(Date.now() - sent).toBeLessThan(3500);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expectSoakJson(report);
    expect(report.status).toBe('stopped');
    expect(report.passed).toBe(false);
    expect(report.summary.total_interactions).toBeGreaterThan(10);
    expect(run.out()).toMatch(new RegExp(`${signal}: stopping the soak gracefully`));
  });

  it('after a SIGKILL, `report --last` rebuilds the run from the store, losing at most the last health interval', async () => {
    const home = tempDir();
    const run = start(['soak', '--duration', '10m', '--rate', '20', '--health-interval', '1s', '--checkpoint-interval', '2s'], home);
    await waitFor(() => /checkpoint 1 at/.test(run.out()), 20_000);
    const runId = /soundcheck soak ([0-9a-f-]{36})/.exec(run.out())![1]!;
    await new Promise((r) => setTimeout(r, 1200));
    run.child.kill('SIGKILL');
    const killedAt = Date.now();
    await run.exited;
    const json = path.join(home, 'rebuilt.json');
    const env = { SOUNDCHECK_DATA_DIR: path.join(home, 'data') };
    const r = soundcheck(['report', '--last', '--json', json], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`run ${runId} \\(interrupted\\)`));
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expectSoakJson(report);
    expect(report.status).toBe('interrupted');
    expect(report.run_id).toBe(runId);
    // Everything up to the last persisted health interval (≤ 1 s + a little before the kill) is there.
    const elapsedAtKill = (killedAt - Date.parse(report.test_info.start_time)) / 1000;
    expect(report.test_info.duration_seconds).toBeGreaterThan(elapsedAtKill - 2);
    expect(report.summary.total_interactions).toBeGreaterThanOrEqual(Math.floor((elapsedAtKill - 2.5) * 20));
    // The interaction process did not outlive its supervisor.
    await new Promise((r) => setTimeout(r, 500));
    const ps = spawn('pgrep', ['-f', 'soak-child.js']);
    let pids = '';
    ps.stdout.on('data', (d) => { pids += d; });
    await new Promise((r) => ps.on('exit', r));
    expect(pids.trim()).toBe('');
    // A run id prefix works as well as --last.
    const again = soundcheck(['report', runId.slice(0, 8)], env);
    expect(again.stdout).toMatch(/interrupted/);
  });

  it.each([
    [['soak', '--duration', 'abc'], /--duration: 'abc' is not a positive duration/],
    [['soak', '--quick', '--duration', '1h'], /--quick is exactly 5 minutes/],
    [['soak', '--criteria', 'cpu_avg<<1'], /--criteria: 'cpu_avg<<1' is not an expression/],
    [['soak', '--json', '/no/such/dir/x.json'], /--json: cannot write/],
    [['report'], /give a RUN_ID .* or --last/],
    [['report', 'ffffffff'], /report: no run 'ffffffff'/],
  ])('bad input %j exits 2 with a clear line', (args, message) => {
    const r = soundcheck(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(path.join(ROOT, 'x.json'))).toBe(false);
  });
});
