/**
 * Short soaks (seconds) through the real engine: a supervised child process, real fault
 * injection, the SQLite store on a real file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeCriteria } from '../src/engine/criteria.js';
import { runSoak } from '../src/engine/soak.js';
import type { SoakEvent, SoakPlan } from '../src/engine/soak-types.js';
import { RunStore } from '../src/engine/store.js';
import { buildSoakReport } from '../src/engine/soak-report.js';
import { assetsDir } from '../src/probes/registry.js';
import { soakPlanFromFlags } from '../src/commands/soak.js';

const fixture = (name: string): SoakPlan['probe'] => ({
  id: name, moduleUrl: pathToFileURL(path.resolve(import.meta.dirname, 'fixtures/soak', `${name}.mjs`)).href, target: 'p(95)<1000ms',
});

function plan(over: Partial<SoakPlan> & { probe: SoakPlan['probe'] }): SoakPlan {
  return {
    durationMs: 3000, rate: 20, healthIntervalMs: 1000, checkpointIntervalMs: 1000, timeoutMs: 1500,
    criteria: mergeCriteria(over.probe.target), quick: false, options: {}, maxHeapMb: 64, ...over,
  };
}

async function soak(p: SoakPlan, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-test-'));
  // The fault fixtures fire once per soak: their marker lives here.
  Object.assign(process.env, { SOUNDCHECK_FAULT_DIR: dir, SOUNDCHECK_FAULT_AT: '10', ...env });
  const store = new RunStore(path.join(dir, 'runs.db'));
  const events: SoakEvent[] = [];
  const started = Date.now();
  const report = await runSoak(p, { store, assetsDir, sinks: [(e) => events.push(e)], tickMs: 200 });
  return { report, events, store, wallMs: Date.now() - started };
}

describe('soak', () => {
  it('ends by itself at its duration, with checkpoints and health intervals at their times', async () => {
    const { report, store, wallMs, events } = await soak(plan({ probe: fixture('light'), durationMs: 3500, rate: 20, healthIntervalMs: 1000, checkpointIntervalMs: 1500 }));
    expect(report.status).toBe('finished');
    expect(wallMs).toBeGreaterThan(3400);
    expect(wallMs).toBeLessThan(3500 + 4000); // start-up and the grace to finish, no more
    // 20/s for 3.5 s: interactions 0…69 are due before the end.
    expect(report.summary.total_interactions).toBe(70);
    expect(report.summary.failed_interactions).toBe(0);
    const cps = report.checkpoints.map((c) => c.elapsed_seconds);
    expect(cps.length).toBe(3); // at 1.5 s, 3 s, and the final one at the end
    expect(cps[0]).toBeGreaterThan(1.3);
    expect(cps[0]).toBeLessThan(2.0);
    expect(cps[1]! - cps[0]!).toBeGreaterThan(1.3);
    expect(cps[1]! - cps[0]!).toBeLessThan(1.7);
    expect(report.checkpoints.at(-1)!.statistics.total_interactions).toBe(70);
    const health = store.health(report.run_id);
    expect(health.length).toBeGreaterThanOrEqual(3);
    expect(health[0]!.elapsed_ms).toBeGreaterThan(800);
    expect(health[0]!.elapsed_ms).toBeLessThan(1500);
    expect(events.filter((e) => e.type === 'soak-tick').length).toBeGreaterThan(10);
    expect(events.at(-1)!.type).toBe('soak-end');
    expect(report.stages.work!.count).toBe(70);
  });

  it('counts interactions that throw as failed, with their errors, and goes on', async () => {
    const { report } = await soak(plan({ probe: fixture('throws'), durationMs: 2000, rate: 20 }));
    // throws.mjs fails when i % 5 === 3: 8 of the 40 interactions due.
    expect(report.summary.total_interactions).toBe(40);
    expect(report.summary.failed_interactions).toBe(8);
    expect(report.summary.crashes).toBe(0);
    expect(report.summary.error_rate_percent).toBe(20);
    expect(report.errors[0]).toMatchObject({ type: 'interaction', error: 'injected failure', context: { interaction: 3 } });
    expect(report.criteria.find((c) => c.metric === 'error_rate')).toMatchObject({ ok: false, measured: 20 });
    expect(report.passed).toBe(false);
  });

  it.each([
    ['exits', 'exit', /exited with code 3/],
    ['oom', 'out-of-memory', /ran out of memory/],
    ['hang', 'hang', /did not finish within the 1500 ms timeout/],
    ['segfault', 'native-fault', /SIGSEGV/],
  ] as const)('survives a probe that %s: one crash recorded, the process replaced, the soak goes on', async (name, type, message) => {
    const { report } = await soak(plan({ probe: fixture(name), durationMs: 4000, rate: 20 }));
    expect(report.summary.crashes).toBe(1);
    expect(report.crashes[0]).toMatchObject({ type, interaction: 10 });
    expect(report.crashes[0]!.message).toMatch(message);
    expect(report.errors.some((e) => e.type === `crash:${type}`)).toBe(true);
    // Every interaction due in the 4 s is accounted for: the one that died failed, the rest ran.
    expect(report.summary.total_interactions).toBe(80);
    expect(report.summary.failed_interactions).toBe(1);
    expect(report.summary.successful_interactions).toBe(79);
    expect(report.criteria.find((c) => c.metric === 'crashes')).toMatchObject({ ok: false, measured: 1 });
    expect(report.status).toBe('finished');
  });

  it('paces without coordinated omission: a slow loop carries its backlog and latency counts from when each was due', async () => {
    const { report, events } = await soak(plan({ probe: fixture('slow'), durationMs: 2000, rate: 40 }), { SOUNDCHECK_SLOW_MS: '50' });
    // 80 due, each takes 50 ms: the loop falls behind but skips none.
    expect(report.summary.total_interactions).toBeGreaterThanOrEqual(40);
    expect(report.summary.max_backlog).toBeGreaterThan(10);
    expect(report.summary.latency_ms.p95_ms!).toBeGreaterThan(report.summary.service_time_ms.p95_ms! * 5);
    expect(events.some((e) => e.type === 'soak-warning' && /falling behind/.test(e.message))).toBe(true);
  });

  it('stops gracefully on abort within 2 s and marks the run stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-test-'));
    const store = new RunStore(path.join(dir, 'runs.db'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    const report = await runSoak(plan({ probe: fixture('light'), durationMs: 60_000, rate: 10 }), { store, assetsDir, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(1500 + 2500);
    expect(report.status).toBe('stopped');
    expect(report.passed).toBe(false);
    expect(report.summary.total_interactions).toBeGreaterThan(5);
    expect(store.getRun(report.run_id)!.status).toBe('stopped');
  });

  it('rebuilds the same report from the store', async () => {
    const { report, store } = await soak(plan({ probe: fixture('light'), durationMs: 1500, rate: 20 }));
    expect(buildSoakReport(store, report.run_id)).toEqual(report);
  });

  it('runs the real voice interaction', async () => {
    const { report } = await soak(plan({ probe: { id: 'interaction', moduleUrl: pathToFileURL(path.resolve(import.meta.dirname, '../src/probes/interaction.ts')).href, target: 'p(95)<500ms' }, durationMs: 3000, rate: 5, timeoutMs: 10_000 }));
    expect(report.summary.total_interactions).toBe(15);
    expect(report.summary.failed_interactions).toBe(0);
    expect(Object.keys(report.stages).sort()).toEqual(['audio', 'config', 'store', 'text', 'vad']);
    expect(report.stages.vad!.mean_ms!).toBeGreaterThan(0);
  });
});

describe('soak flags', () => {
  it('--quick is exactly 5 minutes; a bare duration is hours; intervals scale for quick', () => {
    expect(soakPlanFromFlags({ quick: true })).toMatchObject({ durationMs: 300_000, healthIntervalMs: 30_000, checkpointIntervalMs: 60_000, quick: true });
    expect(soakPlanFromFlags({})).toMatchObject({ durationMs: 8 * 3_600_000, rate: 1, healthIntervalMs: 300_000, checkpointIntervalMs: 3_600_000 });
    expect(soakPlanFromFlags({ duration: '8' }).durationMs).toBe(8 * 3_600_000);
    expect(soakPlanFromFlags({ duration: '90s', rate: 'max' })).toMatchObject({ durationMs: 90_000, rate: 0 });
  });
  it('merges --criteria over the defaults, per metric', () => {
    const p = soakPlanFromFlags({ criteria: ['cpu_avg<30%', 'p(99)<2s'] });
    expect(p.criteria).toBe('crashes==0,error_rate<1%,interactions>0,memory_growth<100MB,cpu_avg<30%,cpu_peak<50%,p95_drift<=1.5,p(95)<500ms,p(99)<2s');
  });
  it.each([
    [{ duration: 'soon' }, /--duration: 'soon' is not a positive duration/],
    [{ quick: true, duration: '1h' }, /--quick is exactly 5 minutes/],
    [{ rate: '-1' }, /--rate: '-1' is not allowed/],
    [{ rate: 'fast' }, /--rate: 'fast' is not allowed/],
    [{ healthInterval: '0' }, /--health-interval/],
    [{ criteria: ['crashes<=zero'] }, /--criteria: 'crashes<=zero' is not an expression/],
    [{ criteria: ['leaks<1'] }, /--criteria: 'leaks<1': unknown metric 'leaks'; allowed: crashes, error_rate/],
    [{ probe: 'nope' }, /--probe: unknown probe 'nope'; allowed: interaction/],
  ])('rejects %j', (flags, message) => {
    expect(() => soakPlanFromFlags(flags)).toThrow(message);
  });
});
