/** The engine against fixture probes in real worker threads: counts, errors, hangs, crashes, stop. */
import { describe, expect, it, vi } from 'vitest';
import { runBench } from '../src/engine/bench.js';
import type { BenchEvent, BenchPlan } from '../src/engine/types.js';
import { fixtureList } from './fixtures/probes.js';

const plan = (probes: BenchPlan['probes'], extra: Partial<BenchPlan> = {}): BenchPlan => ({
  probes, warmup: 0, timeoutMs: 5000, options: {}, ...extra,
});
const run = (p: BenchPlan, events: BenchEvent[] = [], signal?: AbortSignal) =>
  runBench(p, { probes: fixtureList, assetsDir: '/tmp', sinks: [(e) => events.push(e)], signal, snapshotMs: 20 });

describe('runBench', () => {
  it('takes exactly the requested number of samples and emits the event stream in order', async () => {
    const events: BenchEvent[] = [];
    const r = await run(plan([{ id: 'empty', iterations: 1234, target: 'avg<1ms' }], { warmup: 5 }), events);
    expect(r.results[0]!.samplesCount).toBe(1234);
    expect(r.results[0]!.stats!.n).toBe(1234);
    expect(r.results[0]!.status).toBe('PASS');
    expect(r.passed).toBe(true);
    const types = events.map((e) => e.type).filter((t, i, a) => t !== a[i - 1]);
    expect(types).toEqual(['run-start', 'probe-start', 'progress', 'probe-result', 'run-end']);
    const last = events.filter((e): e is Extract<BenchEvent, { type: 'progress' }> => e.type === 'progress').at(-1)!;
    expect(last.snapshot.done).toBe(1234);
    expect(last.snapshot.recent.length).toBe(512);
  });

  it('measures a calibrated busy-wait close to its length', async () => {
    process.env.SOUNDCHECK_BUSY_US = '2000';
    const r = await run(plan([{ id: 'busy', iterations: 20, target: 'avg<1000ms' }], { warmup: 2 }));
    const s = r.results[0]!.stats!;
    expect(s.p50).toBeGreaterThanOrEqual(2.0);
    expect(s.p50).toBeLessThan(2.0 * 1.5);
  });

  it('fails a probe whose target is missed, with the measured value', async () => {
    const r = await run(plan([{ id: 'busy', iterations: 5, target: 'avg<0.1ms,max<1000ms' }]));
    expect(r.results[0]!.status).toBe('FAIL');
    expect(r.results[0]!.targets.map((t) => t.ok)).toEqual([false, true]);
    expect(r.passed).toBe(false);
  });

  it('records iteration errors, keeps going and fails the probe', async () => {
    const r = await run(plan([{ id: 'throws', iterations: 9, target: 'avg<1000ms' }]));
    const p = r.results[0]!;
    expect(p.errors.map((e) => [e.iteration, e.kind, e.message])).toEqual([
      [2, 'error', 'boom at 2'], [5, 'error', 'boom at 5'], [8, 'error', 'boom at 8'],
    ]);
    expect(p.samplesCount).toBe(6);
    expect(p.status).toBe('FAIL');
  });

  it('stops a hung probe at the timeout, keeps its samples, and runs the next probe', async () => {
    const started = Date.now();
    const r = await run(plan([
      { id: 'hang', iterations: 10, target: 'avg<1000ms' },
      { id: 'empty', iterations: 10, target: 'avg<1000ms' },
    ], { timeoutMs: 300 }));
    const [hang, empty] = r.results;
    expect(hang!.errors[0]).toMatchObject({ kind: 'hang', iteration: 2 });
    expect(hang!.samplesCount).toBe(2);
    expect(hang!.status).toBe('FAIL');
    expect(empty!.status).toBe('PASS');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a worker that exits as a crash and goes on', async () => {
    const r = await run(plan([
      { id: 'exit', iterations: 10, target: 'avg<1000ms' },
      { id: 'empty', iterations: 3, target: 'avg<1000ms' },
    ]));
    expect(r.results[0]!.errors[0]).toMatchObject({ kind: 'crash', iteration: 3 });
    expect(r.results[0]!.errors[0]!.message).toMatch(/exited with code 7/);
    expect(r.results[0]!.samplesCount).toBe(3);
    expect(r.results[1]!.status).toBe('PASS');
  });

  it('reports a probe whose setup fails, with the reason', async () => {
    const r = await run(plan([{ id: 'setup-fails', iterations: 3, target: 'avg<1000ms' }]));
    expect(r.results[0]!.status).toBe('FAIL');
    expect(r.results[0]!.errors[0]).toMatchObject({ kind: 'setup', message: 'setup failed: model file missing' });
  });

  it('stops gracefully on abort: keeps what was measured, marks the rest stopped', async () => {
    process.env.SOUNDCHECK_BUSY_US = '5000';
    const controller = new AbortController();
    const events: BenchEvent[] = [];
    const pending = run(plan([
      { id: 'busy', iterations: 10_000, target: 'avg<1000ms' },
      { id: 'empty', iterations: 10, target: 'avg<1000ms' },
    ]), events, controller.signal);
    setTimeout(() => controller.abort(), 300);
    const r = await pending;
    expect(r.stopped).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.results[0]!.stopped).toBe(true);
    expect(r.results[0]!.samplesCount).toBeGreaterThan(0);
    expect(r.results[0]!.samplesCount).toBeLessThan(10_000);
    expect(r.results[1]!.warnings[0]).toMatch(/not run/);
    expect(events.at(-1)!.type).toBe('run-end');
  });

  it("keeps a probe's own prints off the terminal (they would tear the TUI)", async () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    try {
      const r = await run(plan([{ id: 'noisy', iterations: 20, target: 'avg<1000ms' }]));
      expect(r.results[0]!.samplesCount).toBe(20);
      const written = [...out.mock.calls, ...err.mock.calls].map((c) => String(c[0])).join('');
      expect(written).not.toMatch(/NOISY/);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('rejects an invalid plan before starting any worker', async () => {
    await expect(run(plan([{ id: 'nope', iterations: 1, target: 'avg<1ms' }]))).rejects.toThrow(/unknown probe 'nope'/);
    await expect(run(plan([{ id: 'empty', iterations: 0, target: 'avg<1ms' }]))).rejects.toThrow(/iterations/);
  });
});
