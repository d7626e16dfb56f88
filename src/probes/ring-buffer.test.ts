import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

const seq = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('RingBuffer', () => {
  it('returns what was written, oldest first, until full', () => {
    const rb = new RingBuffer(5);
    expect(rb.write(seq(1, 3))).toBe(0);
    expect(Array.from(rb.readLatest())).toEqual([1, 2, 3]);
    expect(rb.length).toBe(3);
  });

  it('overwrites the oldest samples when full, across the wrap point', () => {
    const rb = new RingBuffer(5);
    rb.write(seq(1, 4));
    expect(rb.write(seq(5, 3))).toBe(2);
    expect(Array.from(rb.readLatest())).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(rb.readLatest(2))).toEqual([6, 7]);
    expect(rb.written).toBe(7);
  });

  it('keeps only the tail of a write larger than its capacity', () => {
    const rb = new RingBuffer(4);
    rb.write(seq(0, 2));
    expect(rb.write(seq(10, 9))).toBe(7);
    expect(Array.from(rb.readLatest())).toEqual([15, 16, 17, 18]);
  });

  it('refuses to read more than it holds', () => {
    const rb = new RingBuffer(4);
    rb.write(seq(0, 2));
    expect(() => rb.readLatest(3)).toThrow(RangeError);
  });
});
