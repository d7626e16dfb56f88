/**
 * Shaping sample series for a fixed number of terminal cells. Pure functions, so the chart and
 * the sparklines never see NaN, Infinity or more points than they have columns.
 */

/** Only the finite values: a NaN in a chart series would crash asciichart and mean nothing anyway. */
export function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/**
 * At most `n` points, one per bucket of consecutive values, each the bucket's maximum: a latency
 * spike must stay visible after downsampling, not be averaged into its neighbours.
 */
export function downsampleMax(values: readonly number[], n: number): number[] {
  const count = Math.max(0, Math.floor(n));
  if (count === 0) return [];
  if (values.length <= count) return [...values];
  const out: number[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * values.length) / count);
    const to = Math.floor(((b + 1) * values.length) / count);
    let m = -Infinity;
    for (let i = from; i < to; i++) if (values[i]! > m) m = values[i]!;
    out.push(m);
  }
  return out;
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Exactly `width` characters: the most recent values as bars, left-padded with spaces. */
export function sparkline(values: readonly number[], width: number): string {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return '';
  const points = downsampleMax(finite(values), w);
  if (points.length === 0) return ' '.repeat(w);
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min;
  const bars = points.map((v) => (span > 0 ? BARS[Math.round(((v - min) / span) * (BARS.length - 1))]! : BARS[0]));
  return ' '.repeat(w - bars.length) + bars.join('');
}
