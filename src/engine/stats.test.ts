import { describe, expect, it } from 'vitest';
import { computeStats, modifiedZScores, percentile, statisticalWarnings } from './stats.js';

describe('stats', () => {
  it('computes exact summary statistics', () => {
    const s = computeStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])!;
    expect(s.n).toBe(10);
    expect(s.mean).toBe(5.5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(s.p50).toBe(5.5);
    expect(s.p95).toBeCloseTo(9.55, 10);
    expect(s.p99).toBeCloseTo(9.91, 10);
    expect(s.stddev).toBeCloseTo(3.02765, 5);
    expect(s.opsPerSec).toBeCloseTo(1000 / 5.5, 10);
    // t(9) = 2.262: rme = 2.262 * σ/√n / mean
    expect(s.rmePercent).toBeCloseTo((2.262 * 3.02765) / Math.sqrt(10) / 5.5 * 100, 3);
  });

  it('does not depend on input order', () => {
    expect(computeStats([5, 1, 4, 2, 3])).toEqual(computeStats([1, 2, 3, 4, 5]));
  });

  it('returns null for no samples and handles one', () => {
    expect(computeStats([])).toBeNull();
    const one = computeStats([2])!;
    expect([one.mean, one.p99, one.stddev, one.rmePercent]).toEqual([2, 2, 0, 0]);
  });

  it('interpolates percentiles', () => {
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([10, 20, 30, 40], 100)).toBe(40);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('scores outliers robustly and warns about them', () => {
    const samples = [...Array.from({ length: 50 }, (_, i) => 10 + (i % 5) * 0.1), 100];
    const z = modifiedZScores(samples);
    expect(Math.abs(z[50]!)).toBeGreaterThan(14);
    expect(Math.max(...z.slice(0, 50).map(Math.abs))).toBeLessThan(14);
    expect(statisticalWarnings(samples).join()).toMatch(/1 statistical outlier/);
    expect(statisticalWarnings(samples.slice(0, 50))).toEqual([]);
  });

  it('warns about a slow first iteration', () => {
    const w = statisticalWarnings([50, 1, 1.1, 0.9, 1, 1.05, 0.95]);
    expect(w.join()).toMatch(/first timed iteration was much slower/);
  });
});
