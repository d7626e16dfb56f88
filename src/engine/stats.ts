import type { Stats } from './types.js';

/** Linear interpolation between closest ranks (numpy's default, hyperfine's too) on sorted data. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(sorted: ArrayLike<number>): number {
  return percentile(sorted, 50);
}

// Two-sided Student's t critical values at 95 %, by degrees of freedom (as benchmark.js/tinybench).
const T_TABLE: Record<number, number> = {
  1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
  10: 2.228, 11: 2.201, 12: 2.179, 13: 2.16, 14: 2.145, 15: 2.131, 16: 2.12, 17: 2.11, 18: 2.101,
  19: 2.093, 20: 2.086, 21: 2.08, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.06, 26: 2.056, 27: 2.052,
  28: 2.048, 29: 2.045, 30: 2.042,
};
function tCritical(df: number): number {
  if (df < 1) return NaN;
  return T_TABLE[df] ?? 1.96;
}

/** Exact statistics of latency samples (ms). Returns null when there is nothing to summarise. */
export function computeStats(samples: ArrayLike<number>): Stats | null {
  const n = samples.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (sorted[i]! - mean) ** 2;
  const stddev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  const sem = n > 1 ? stddev / Math.sqrt(n) : 0;
  const rmePercent = n > 1 && mean > 0 ? ((tCritical(n - 1) * sem) / mean) * 100 : 0;
  return {
    n,
    mean,
    stddev,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    opsPerSec: mean > 0 ? 1000 / mean : Infinity,
    rmePercent,
  };
}

/**
 * Modified Z-scores (Iglewicz & Hoaglin) on the median absolute deviation: robust to the very
 * outliers we look for, unlike a mean/σ score. hyperfine uses the same with threshold 14.
 */
export function modifiedZScores(samples: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  const med = median(sorted);
  const deviations = Float64Array.from(sorted, (x) => Math.abs(x - med)).sort();
  const mad = median(deviations);
  return Array.from(samples as ArrayLike<number>, (x) => (mad === 0 ? (x === med ? 0 : Infinity) : (0.6745 * (x - med)) / mad));
}

export const OUTLIER_THRESHOLD = 14;

/** Warnings a careful reader of the numbers needs: outliers and a cold first iteration. */
export function statisticalWarnings(samples: ArrayLike<number>): string[] {
  const warnings: string[] = [];
  const n = samples.length;
  if (n < 3) return warnings;
  const z = modifiedZScores(samples);
  const outliers = z.filter((v) => Math.abs(v) > OUTLIER_THRESHOLD).length;
  if (outliers > 0) {
    warnings.push(
      `${outliers} statistical outlier${outliers === 1 ? '' : 's'} (of ${n} samples) far from the median; ` +
        'other programs may have disturbed the measurement — close them, or use more warmup iterations.',
    );
  }
  const first = samples[0]!;
  const rest = Float64Array.from(Array.prototype.slice.call(samples, 1) as number[]).sort();
  const restMedian = median(rest);
  // A first iteration several times slower than the rest usually means caches or JIT were cold.
  if (restMedian > 0 && first > 5 * restMedian && first - restMedian > 0.05) {
    warnings.push(
      `the first timed iteration was much slower than the rest (${first.toFixed(3)} ms vs median ${restMedian.toFixed(3)} ms); ` +
        'consider more warmup iterations (--warmup).',
    );
  }
  return warnings;
}
