import { describe, expect, it } from 'vitest';
import { DownsampledSeries, MAX_SERIES_POINTS, downsampleMax, finite, sparkline } from './series.js';

describe('downsampleMax', () => {
  it('keeps short series and reduces long ones to n bucket maxima, so a spike survives', () => {
    expect(downsampleMax([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const values = Array.from({ length: 100 }, (_, i) => (i === 37 ? 50 : 1));
    const d = downsampleMax(values, 10);
    expect(d).toHaveLength(10);
    expect(d[3]).toBe(50);
    expect(d.filter((v) => v === 50)).toHaveLength(1);
  });
  it('returns nothing for no room', () => {
    expect(downsampleMax([1, 2], 0)).toEqual([]);
    expect(downsampleMax([1, 2], -3)).toEqual([]);
  });
});

describe('sparkline', () => {
  it('is exactly the width asked for, lowest to highest bar', () => {
    const s = sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8);
    expect(s).toBe('▁▂▃▄▅▆▇█');
    expect([...sparkline([1, 2, 3], 10)]).toHaveLength(10);
    expect([...sparkline(Array.from({ length: 1000 }, (_, i) => i), 10)]).toHaveLength(10);
  });
  it('survives empty, NaN, Infinity and constant data', () => {
    expect(sparkline([], 5)).toBe('     ');
    expect(sparkline([NaN, NaN], 4)).toBe('    ');
    expect(sparkline([NaN, 1, Infinity, 2], 4)).toBe('  ▁█');
    expect(sparkline([3, 3, 3], 3)).toBe('▁▁▁');
    expect(sparkline([1], 0)).toBe('');
  });
  it('finite drops what cannot be drawn', () => {
    expect(finite([1, NaN, -Infinity, 2])).toEqual([1, 2]);
  });
});

describe('DownsampledSeries', () => {
  it('keeps every value until it is full', () => {
    const s = new DownsampledSeries(8);
    for (const v of [1, 2, 3]) s.push(v);
    expect(s.values()).toEqual([1, 2, 3]);
    expect(s.resolution).toBe(1);
  });

  it('stays within its maximum over 100 000 values, preserving the shape', () => {
    const s = new DownsampledSeries();
    const n = 100_000;
    const f = (i: number): number => 100 + 50 * Math.sin((2 * Math.PI * i) / n) + (i === 61_234 ? 400 : 0);
    let longest = 0;
    for (let i = 0; i < n; i++) {
      s.push(f(i));
      longest = Math.max(longest, s.values().length);
    }
    const v = s.values();
    expect(longest).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(v.length).toBeGreaterThan(MAX_SERIES_POINTS / 2);
    expect(s.length).toBe(n);
    expect(s.resolution).toBeGreaterThanOrEqual(128);
    // One sine period: its maximum near a quarter of the run, its minimum near three quarters.
    const argmax = (a: number[]): number => a.indexOf(Math.max(...a));
    const withoutSpike = v.map((x) => Math.min(x, 150));
    expect(argmax(withoutSpike) / v.length).toBeCloseTo(0.25, 1);
    expect(withoutSpike.indexOf(Math.min(...withoutSpike)) / v.length).toBeCloseTo(0.75, 1);
    // Every point is the maximum of the values it covers: the spike survives, at its place.
    expect(Math.max(...v)).toBe(f(61_234));
    expect(argmax(v) / v.length).toBeCloseTo(0.612, 2);
    // Each point matches the true bucket maximum of the raw values it covers.
    const r = s.resolution;
    for (let k = 0; k < v.length - 1; k += 37) {
      let m = -Infinity;
      for (let i = k * r; i < (k + 1) * r; i++) m = Math.max(m, f(i));
      expect(v[k]).toBe(m);
    }
  });

  it('keeps a ramp monotonic and its ends exact', () => {
    const s = new DownsampledSeries(16);
    for (let i = 0; i < 1000; i++) s.push(i);
    const v = s.values();
    expect(v.length).toBeLessThanOrEqual(16);
    for (let k = 1; k < v.length; k++) expect(v[k]!).toBeGreaterThan(v[k - 1]!);
    expect(v.at(-1)).toBe(999);
  });

  it('keeps NaN as a gap that a value fills, never as a number', () => {
    const s = new DownsampledSeries(4);
    for (const v of [NaN, NaN, NaN, 5, NaN, NaN]) s.push(v);
    const v = s.values();
    expect(v.some((x) => x === 5)).toBe(true);
    expect(finite(v)).toEqual([5]);
    expect(() => new DownsampledSeries(3)).toThrow(RangeError);
  });
});
