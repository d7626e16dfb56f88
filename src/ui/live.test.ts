import { describe, expect, it } from 'vitest';
import type { ProbeResult, ProgressSnapshot, Stats } from '../engine/types.js';
import { etaMs, fmtEta, liveTargets } from './live.js';

const stats = (mean: number, p95 = mean, p99 = mean): Stats => ({
  n: 10, mean, stddev: 0, min: mean, max: mean, p50: mean, p95, p99, opsPerSec: 1000 / mean, rmePercent: 0,
});
const snap = (s: Stats | null, done = 10, phase: ProgressSnapshot['phase'] = 'measure'): ProgressSnapshot => ({
  probeId: 'p', phase, done, total: 100, errors: 0, stats: s, recent: [], elapsedMs: 0,
});

describe('liveTargets', () => {
  it('is pending until there is a timed sample', () => {
    expect(liveTargets('avg<10ms', null, null)).toEqual([{ expr: 'avg<10ms', judgement: 'pending' }]);
    expect(liveTargets('avg<10ms', snap(null, 0, 'warmup'), null)[0]!.judgement).toBe('pending');
  });
  it("judges with the engine's evaluateTargets on the snapshot's stats", () => {
    expect(liveTargets('avg<10ms', snap(stats(5)), null)[0]!.judgement).toBe('pass');
    expect(liveTargets('avg<10ms,p(95)<6ms', snap(stats(5, 7)), null).map((t) => t.judgement)).toEqual(['pass', 'fail']);
  });
  it('leaves a percentile the snapshot does not carry to the final result', () => {
    expect(liveTargets('p(90)<10ms', snap(stats(5)), null)[0]!.judgement).toBe('pending');
  });
  it("uses the final result's verdict once the probe is done", () => {
    const result = { targets: [{ expr: 'avg<10ms', ok: false, actualMs: 12 }], stats: stats(12) } as unknown as ProbeResult;
    expect(liveTargets('avg<10ms', snap(stats(5)), result)).toEqual([{ expr: 'avg<10ms', judgement: 'fail' }]);
  });
  it('never throws on an invalid expression', () => {
    expect(liveTargets('nonsense', snap(stats(5)), null)).toEqual([{ expr: 'nonsense', judgement: 'pending' }]);
  });
});

describe('eta', () => {
  it('is the iterations left at the mean iteration time, only while measuring', () => {
    expect(etaMs(snap(stats(20), 40))).toBe(60 * 20);
    expect(etaMs(snap(stats(20), 40, 'warmup'))).toBeNull();
    expect(etaMs(null)).toBeNull();
    expect(fmtEta(1200)).toBe('ETA 1s');
    expect(fmtEta(500)).toBe('ETA <1s');
    expect(fmtEta(95_000)).toBe('ETA 1m35s');
    expect(fmtEta(null)).toBe('');
  });
});
