import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchEvent, BenchPlan, BenchResult, ProbeResult, ProgressSnapshot } from '../engine/types.js';
import { RunViewStore, reduceRun, initialRunState } from './store.js';

const plan: BenchPlan = {
  probes: [{ id: 'a', iterations: 10, target: 'avg<1ms' }, { id: 'b', iterations: 5, target: 'avg<2ms' }],
  warmup: 0, timeoutMs: 1000, options: {},
};
const snap = (probeId: string, done: number): ProgressSnapshot => ({
  probeId, phase: 'measure', done, total: 10, errors: 0, stats: null, recent: [done], elapsedMs: done,
});
const result = (probeId: string): ProbeResult => ({
  probeId, title: probeId, status: 'PASS', iterations: 10, samplesCount: 10, stats: null, targets: [], errors: [],
  warnings: [], stopped: false, setupMs: 0, durationMs: 1,
});
const runEnd = (results: ProbeResult[]): BenchEvent => ({
  type: 'run-end',
  result: { runId: 'r', startedAt: 's', finishedAt: 'f', host: {} as BenchResult['host'], plan, results, passed: true, stopped: false },
});

describe('reduceRun', () => {
  it('follows a probe from queued through running to done, keeping the latest snapshot', () => {
    let s = initialRunState(plan);
    expect(s.probes.map((p) => p.status)).toEqual(['queued', 'queued']);
    s = reduceRun(s, { type: 'probe-start', probeId: 'a', iterations: 10, warmup: 0 });
    s = reduceRun(s, { type: 'progress', snapshot: snap('a', 3) });
    s = reduceRun(s, { type: 'progress', snapshot: snap('a', 7) });
    expect(s.probes[0]).toMatchObject({ status: 'running', snapshot: { done: 7 } });
    s = reduceRun(s, { type: 'probe-result', result: result('a') });
    expect(s.probes.map((p) => p.status)).toEqual(['done', 'queued']);
  });

  it('marks every probe done at run end, with the not-run results of a stopped run', () => {
    const s = reduceRun(initialRunState(plan), runEnd([result('a'), { ...result('b'), status: 'FAIL', stopped: true }]));
    expect(s.result).not.toBeNull();
    expect(s.probes.map((p) => [p.status, p.result?.status])).toEqual([['done', 'PASS'], ['done', 'FAIL']]);
  });

  it('returns a new object for each change (React compares by identity)', () => {
    const s = initialRunState(plan);
    const t = reduceRun(s, { type: 'progress', snapshot: snap('b', 1) });
    expect(t).not.toBe(s);
    expect(t.probes[0]).toBe(s.probes[0]);
    expect(t.probes[1]).not.toBe(s.probes[1]);
  });
});

describe('RunViewStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('notifies at most once per interval however many events arrive, and delivers the last state', () => {
    const store = new RunViewStore(plan, { intervalMs: 100, now: () => Date.now() });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getState().probes[0]!.snapshot?.done ?? -1));
    store.sink({ type: 'probe-start', probeId: 'a', iterations: 10, warmup: 0 });
    for (let i = 1; i <= 50; i++) store.sink({ type: 'progress', snapshot: snap('a', i) });
    expect(seen).toEqual([-1]); // the first event goes out at once
    vi.advanceTimersByTime(99);
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([-1, 50]);
    for (let i = 51; i <= 60; i++) {
      store.sink({ type: 'progress', snapshot: snap('a', i) });
      vi.advanceTimersByTime(10);
    }
    expect(seen.length).toBeLessThanOrEqual(3);
    vi.advanceTimersByTime(200);
    expect(seen.at(-1)).toBe(60);
  });

  it('delivers the end of the run immediately, cancelling the pending notification', () => {
    const store = new RunViewStore(plan, { intervalMs: 100, now: () => Date.now() });
    const listener = vi.fn();
    store.subscribe(listener);
    store.sink({ type: 'progress', snapshot: snap('a', 1) });
    store.sink({ type: 'progress', snapshot: snap('a', 2) });
    expect(listener).toHaveBeenCalledTimes(1);
    store.sink(runEnd([result('a'), result('b')]));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getState().result).not.toBeNull();
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('stops notifying after unsubscribe and dispose', () => {
    const store = new RunViewStore(plan, { intervalMs: 100, now: () => Date.now() });
    const listener = vi.fn();
    const off = store.subscribe(listener);
    off();
    store.sink({ type: 'progress', snapshot: snap('a', 1) });
    expect(listener).not.toHaveBeenCalled();
    store.subscribe(listener);
    store.sink({ type: 'progress', snapshot: snap('a', 2) });
    store.dispose();
    vi.advanceTimersByTime(1000);
    expect(listener).not.toHaveBeenCalled();
  });
});
