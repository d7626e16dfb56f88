import { describe, expect, it } from 'vitest';
import { compare, evaluateTargets, parseThresholds, primaryTargetMs, ThresholdError } from './thresholds.js';
import { computeStats, percentile } from './stats.js';

describe('thresholds', () => {
  it('parses k6-style expressions with units', () => {
    const t = parseThresholds('avg<10ms, p(95)<20ms,p(99)<=0.05s,max<100,med<500us');
    expect(t.map((x) => [x.metric, x.op, x.value])).toEqual([
      ['avg', '<', 10], ['p(95)', '<', 20], ['p(99)', '<=', 50], ['max', '<', 100], ['med', '<', 0.5],
    ]);
    expect(t[1]!.percentile).toBe(95);
    expect(primaryTargetMs(t)).toBe(10);
  });

  it.each([
    ['avg<<10ms', /is not an expression/],
    ['mean<10ms', /unknown metric 'mean'.*avg, min, max, med, p\(N\)/],
    ['avg<10parsecs', /unknown unit 'parsecs'.*ms, s, us/],
    ['p(150)<10ms', /between 0 and 100/],
    ['', /empty expression/],
  ])('rejects %s with a message naming what is allowed', (expr, msg) => {
    expect(() => parseThresholds(expr)).toThrow(ThresholdError);
    expect(() => parseThresholds(expr)).toThrow(msg);
  });

  it('evaluates against statistics; all must hold', () => {
    const samples = [1, 2, 3, 4, 100];
    const stats = computeStats(samples)!;
    const sorted = Float64Array.from(samples).sort();
    const out = evaluateTargets(parseThresholds('avg<30ms,max<50ms,p(50)<=3ms'), stats, (p) => percentile(sorted, p));
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[1]!.actualMs).toBe(100);
    expect(evaluateTargets(parseThresholds('avg<1ms'), null, () => NaN)[0]!.ok).toBe(false);
  });

  it('never passes on NaN', () => {
    expect(compare(NaN, '<', 10)).toBe(false);
  });
});
