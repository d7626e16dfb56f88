import { describe, expect, it } from 'vitest';
import { downsampleMax, finite, sparkline } from './series.js';

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
