import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('accepts units and treats a bare number as hours by default', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('8h')).toBe(8 * 3_600_000);
    expect(parseDuration('8')).toBe(8 * 3_600_000);
    expect(parseDuration('0.5')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30', 's')).toBe(30_000);
  });
  it.each(['', 'abc', '-5m', '0', '5 minutes', '0s'])('rejects %j', (s) => {
    expect(() => parseDuration(s)).toThrow(DurationError);
  });
  it('formats', () => {
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(3_725_000)).toBe('1h02m05s');
    expect(formatDuration(NaN)).toBe('—');
  });
});
