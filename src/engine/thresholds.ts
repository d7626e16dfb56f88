/**
 * k6-style threshold expressions: `avg<10ms`, `p(95)<20ms`, `p(99)<=50ms`, `max<100ms`, joined
 * with commas. The same grammar serves bench targets (latency metrics) and, with another
 * vocabulary, soak criteria.
 */
import type { Stats, TargetOutcome } from './types.js';

export type Operator = '<' | '<=' | '>' | '>=' | '==';

export interface Threshold {
  /** The expression as written, normalised (no spaces). */
  expr: string;
  /** Metric name; percentiles are `p(95)`. */
  metric: string;
  /** For `p(N)`, N; otherwise undefined. */
  percentile?: number;
  op: Operator;
  /** Threshold value in the vocabulary's base unit. */
  value: number;
}

export interface Vocabulary {
  /** Metric names allowed besides p(N) (if percentiles is true). */
  metrics: readonly string[];
  percentiles: boolean;
  /** Unit suffix → factor to the base unit; '' is the factor of a bare number. */
  units: Record<string, number>;
  /** Shown in errors: what a valid expression looks like. */
  example: string;
}

export class ThresholdError extends Error {}

export const LATENCY_VOCABULARY: Vocabulary = {
  metrics: ['avg', 'min', 'max', 'med'],
  percentiles: true,
  units: { '': 1, ms: 1, s: 1000, us: 0.001, µs: 0.001 },
  example: 'avg<10ms, p(95)<20ms, p(99)<=50ms, max<100ms, med<5ms (units ms, s, us; several joined with commas)',
};

const EXPR = /^([a-z_][a-z0-9_]*|p\((\d+(?:\.\d+)?)\))(<=|>=|==|<|>)(-?\d+(?:\.\d+)?)([a-zµ%]*)$/i;

export function parseThresholds(text: string, vocab: Vocabulary = LATENCY_VOCABULARY): Threshold[] {
  const parts = String(text)
    .split(',')
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s.length > 0);
  if (parts.length === 0) throw new ThresholdError(`empty expression; allowed: ${vocab.example}`);
  return parts.map((expr) => parseOne(expr, vocab));
}

function parseOne(expr: string, vocab: Vocabulary): Threshold {
  const m = EXPR.exec(expr);
  if (!m) throw new ThresholdError(`'${expr}' is not an expression; allowed: ${vocab.example}`);
  const [, name, pct, op, num, unitRaw] = m;
  const unit = unitRaw!.toLowerCase();
  let metric = name!.toLowerCase();
  let percentile: number | undefined;
  if (pct !== undefined) {
    if (!vocab.percentiles) throw new ThresholdError(`'${expr}': percentiles are not allowed here; allowed: ${vocab.example}`);
    percentile = Number(pct);
    if (!(percentile >= 0 && percentile <= 100)) throw new ThresholdError(`'${expr}': a percentile is between 0 and 100`);
    metric = `p(${pct})`;
  } else if (!vocab.metrics.includes(metric)) {
    throw new ThresholdError(
      `'${expr}': unknown metric '${name}'; allowed: ${[...vocab.metrics, ...(vocab.percentiles ? ['p(N)'] : [])].join(', ')}`,
    );
  }
  const factor = vocab.units[unit];
  if (factor === undefined) {
    throw new ThresholdError(
      `'${expr}': unknown unit '${unitRaw}'; allowed: ${Object.keys(vocab.units).filter(Boolean).join(', ')}`,
    );
  }
  return { expr, metric, percentile, op: op as Operator, value: Number(num) * factor };
}

export function compare(actual: number, op: Operator, value: number): boolean {
  if (!Number.isFinite(actual)) return false;
  switch (op) {
    case '<': return actual < value;
    case '<=': return actual <= value;
    case '>': return actual > value;
    case '>=': return actual >= value;
    case '==': return actual === value;
  }
}

/** The value of a latency metric from exact stats, or from a percentile function for p(N). */
export function latencyMetric(t: Threshold, stats: Stats, percentileOf: (p: number) => number): number {
  switch (t.metric) {
    case 'avg': return stats.mean;
    case 'min': return stats.min;
    case 'max': return stats.max;
    case 'med': return stats.p50;
    default: return percentileOf(t.percentile!);
  }
}

export function evaluateTargets(
  thresholds: Threshold[],
  stats: Stats | null,
  percentileOf: (p: number) => number,
): TargetOutcome[] {
  return thresholds.map((t) => {
    const actual = stats ? latencyMetric(t, stats, percentileOf) : NaN;
    return { expr: t.expr, ok: stats !== null && compare(actual, t.op, t.value), actualMs: actual };
  });
}

/** The number the original scripts called target_ms: the first threshold's value (in ms). */
export function primaryTargetMs(thresholds: Threshold[]): number {
  return thresholds[0]?.value ?? NaN;
}
