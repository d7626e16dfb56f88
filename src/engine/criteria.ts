/**
 * Soak pass criteria, in the same expression style as bench targets: `crashes==0`,
 * `error_rate<1%`, `memory_growth<100MB` (per 8 h, fitted), `cpu_avg<20%`, `p(95)<500ms`, …
 */
import { compare, parseThresholds, type Threshold, type Vocabulary } from './thresholds.js';

export const SOAK_VOCABULARY: Vocabulary = {
  metrics: ['crashes', 'error_rate', 'interactions', 'memory_growth', 'cpu_avg', 'cpu_peak', 'p95_drift', 'avg', 'max'],
  percentiles: true,
  units: { '': 1, '%': 1, mb: 1, ms: 1, s: 1000, x: 1 },
  example:
    'crashes==0, error_rate<1%, interactions>0, memory_growth<100MB (per 8 h), cpu_avg<20%, cpu_peak<50%, p(95)<500ms, p95_drift<=1.5',
};

/** The defaults; the interaction latency criterion comes from the soaked probe's target. */
export const DEFAULT_CRITERIA = 'crashes==0, error_rate<1%, interactions>0, memory_growth<100MB, cpu_avg<20%, cpu_peak<50%, p95_drift<=1.5';

const key = (t: Threshold): string => t.metric;

/** Defaults, then the probe's latency target, then the user's --criteria: later wins per metric. */
export function mergeCriteria(probeTarget: string, overrides?: string): string {
  const merged = new Map<string, Threshold[]>();
  const put = (list: Threshold[], replace: boolean): void => {
    const seen = new Set<string>();
    for (const t of list) {
      const k = key(t);
      if (replace && !seen.has(k)) merged.set(k, []);
      seen.add(k);
      (merged.get(k) ?? merged.set(k, []).get(k)!).push(t);
    }
  };
  put(parseThresholds(DEFAULT_CRITERIA, SOAK_VOCABULARY), true);
  put(parseThresholds(probeTarget, SOAK_VOCABULARY), true);
  if (overrides) put(parseThresholds(overrides, SOAK_VOCABULARY), true);
  return [...merged.values()].flat().map((t) => t.expr).join(',');
}

export interface SoakMeasures {
  crashes: number;
  interactions: number;
  errorRatePercent: number;
  /** Fitted RSS slope scaled to 8 h, MB; NaN when too few samples to fit. */
  memoryGrowthMbPer8h: number;
  /** How many hours of samples the slope was fitted over. */
  memoryWindowHours: number;
  cpuAvg: number;
  cpuPeak: number;
  /** Last checkpoint's p95 over the first's; NaN with fewer than two checkpoints. */
  p95Drift: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  percentileMs: (p: number) => number;
}

export interface CriterionOutcome {
  expr: string;
  metric: string;
  measured: number | null;
  unit: string;
  /** false when there is not enough data to judge it; it then neither passes nor fails. */
  judged: boolean;
  /** null when not judged: a consumer reading only `ok` must not take it for a pass. */
  ok: boolean | null;
  note?: string;
}

/** RSS moves by a few MB as V8 and malloc grow and return pages; less than this over a run is not evidence. */
export const MEMORY_NOISE_FLOOR_MB = 8;

/** A slope fitted over less than a minute of samples says nothing about hours. */
export const MIN_MEMORY_WINDOW_HOURS = 1 / 60;

const NEEDS_DATA = new Map<string, string>([
  ['p95_drift', 'needs two checkpoints of 30 or more interactions'],
  ['memory_growth', 'needs a minute or more of health samples after warm-up to fit a slope'],
  ['cpu_avg', 'no CPU samples after warm-up yet'],
  ['cpu_peak', 'no CPU samples after warm-up yet'],
]);

const UNIT: Record<string, string> = {
  crashes: '', interactions: '', error_rate: '%', memory_growth: 'MB/8h', cpu_avg: '%', cpu_peak: '%', p95_drift: '×', avg: 'ms', max: 'ms',
};

export function evaluateCriteria(criteria: string, m: SoakMeasures): CriterionOutcome[] {
  return parseThresholds(criteria, SOAK_VOCABULARY).map((t) => {
    const value = ((): number => {
      switch (t.metric) {
        case 'crashes': return m.crashes;
        case 'interactions': return m.interactions;
        case 'error_rate': return m.errorRatePercent;
        case 'memory_growth': return m.memoryGrowthMbPer8h;
        case 'cpu_avg': return m.cpuAvg;
        case 'cpu_peak': return m.cpuPeak;
        case 'p95_drift': return m.p95Drift;
        case 'avg': return m.latencyMeanMs;
        case 'max': return m.latencyMaxMs;
        default: return m.percentileMs(t.percentile!);
      }
    })();
    // Some criteria need data a short or young run does not have yet: they are reported as not
    // judged (never as passed), and the live verdict leaves them out.
    const tooShortForSlope = t.metric === 'memory_growth' && m.memoryWindowHours < MIN_MEMORY_WINDOW_HOURS;
    const notJudgeable = NEEDS_DATA.has(t.metric) && (!Number.isFinite(value) || tooShortForSlope);
    let note = notJudgeable ? `not judged: ${NEEDS_DATA.get(t.metric)}` : undefined;
    // A short run cannot tell a slow leak from the allocator's breathing: growth within the
    // observed window below the noise floor passes, and the note says how little was seen.
    if (t.metric === 'memory_growth' && !notJudgeable && !compare(value, t.op, t.value)) {
      const seen = (value / 8) * m.memoryWindowHours;
      if (seen < MEMORY_NOISE_FLOOR_MB) {
        note = `fitted growth over the ${(m.memoryWindowHours * 60).toFixed(1)} min observed is ${seen.toFixed(1)} MB, within the ${MEMORY_NOISE_FLOOR_MB} MB noise floor; a run this short cannot detect a slow leak`;
        return { expr: t.expr, metric: t.metric, measured: Math.round(value * 1000) / 1000, unit: UNIT[t.metric]!, judged: true, ok: true, note };
      }
    }
    return {
      expr: t.expr,
      metric: t.metric,
      measured: Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null,
      unit: t.percentile !== undefined ? 'ms' : UNIT[t.metric] ?? '',
      judged: !notJudgeable,
      ok: notJudgeable ? null : compare(value, t.op, t.value),
      ...(note ? { note } : {}),
    };
  });
}
