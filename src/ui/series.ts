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

/** Points a soak's live series keeps, whatever its length: a chart is never wider than this. */
export const MAX_SERIES_POINTS = 512;

/**
 * A series over a whole run in constant memory: at most `max` points, each the maximum of the
 * raw values it covers. When it is full, neighbouring pairs merge (halving its resolution) and
 * each point covers twice as many values from then on; the newest values build up in a partial
 * last point, so the live end of the chart still moves. An 8-hour soak sampled every second is
 * 28 800 values, drawn as 256…512 points; nothing grows per value.
 */
export class DownsampledSeries {
  private readonly points: number[] = [];
  /** Raw values each full point covers: 1, 2, 4, … */
  private span = 1;
  /** The partial point: the maximum of the last `pendingCount` values (< span). */
  private pending = NaN;
  private pendingCount = 0;
  private count = 0;

  constructor(readonly max = MAX_SERIES_POINTS) {
    if (!Number.isInteger(max) || max < 4 || max % 2 !== 0) throw new RangeError(`DownsampledSeries: max must be an even integer ≥ 4, not ${max}`);
  }

  /** NaN (nothing known yet, e.g. a p95 before the first interaction) is kept as a gap, never a 0. */
  push(value: number): void {
    this.count++;
    this.pending = mergeMax(this.pending, value);
    if (++this.pendingCount < this.span) return;
    this.points.push(this.pending);
    this.pending = NaN;
    this.pendingCount = 0;
    // Full, with room left for the partial point: halve the resolution.
    if (this.points.length >= this.max) {
      const half = this.points.length / 2;
      for (let i = 0; i < half; i++) this.points[i] = mergeMax(this.points[2 * i]!, this.points[2 * i + 1]!);
      this.points.length = half;
      this.span *= 2;
    }
  }

  /** Raw values pushed so far. */
  get length(): number {
    return this.count;
  }

  /** Raw values per point. */
  get resolution(): number {
    return this.span;
  }

  /** The points, oldest first, the partial one last: a fresh array of at most `max` values. */
  values(): number[] {
    return this.pendingCount > 0 ? [...this.points, this.pending] : [...this.points];
  }
}

/** The larger of two values; NaN only when both are (a gap merged with a value is the value). */
function mergeMax(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a > b ? a : b;
}
