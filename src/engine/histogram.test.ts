import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.js';
import { slopeOf } from './soak-report.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within 3 significant digits, in ms', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 100); // 0.01 … 100 ms
    expect(h.count).toBe(10_000);
    expect(h.percentile(50)).toBeCloseTo(50, 0);
    expect(Math.abs(h.percentile(95) - 95) / 95).toBeLessThan(0.002);
    expect(h.max).toBeCloseTo(100, 0);
    expect(h.summary().p99_ms).toBeCloseTo(99, 0);
  });

  it('survives encode/decode, as the store keeps it', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) h.record(5 + (i % 10));
    const back = LatencyHistogram.decode(h.encode());
    expect(back.summary()).toEqual(h.summary());
  });

  it('keeps a fixed footprint however much it records', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100; i++) h.record(i);
    const small = h.encode().length;
    for (let i = 0; i < 1_000_000; i++) h.record(i % 100);
    expect(h.encode().length).toBeLessThan(small * 2);
    expect(h.count).toBe(1_000_100);
  });

  it('ignores NaN and is empty-safe', () => {
    const h = new LatencyHistogram();
    h.record(NaN);
    expect(h.count).toBe(0);
    expect(h.summary()).toEqual({ count: 0, mean_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, max_ms: null });
  });
});

describe('slopeOf', () => {
  it('is the least-squares slope from running sums', () => {
    const s = { n: 0, sx: 0, sy: 0, sxx: 0, sxy: 0 };
    for (const [x, y] of [[0, 1], [1, 3], [2, 5], [3, 7.5]]) { s.n++; s.sx += x!; s.sy += y!; s.sxx += x! * x!; s.sxy += x! * y!; }
    expect(slopeOf(s)).toBeCloseTo(2.15, 10);
    expect(slopeOf({ n: 2, sx: 1, sy: 1, sxx: 1, sxy: 1 })).toBeNaN();
  });
});
