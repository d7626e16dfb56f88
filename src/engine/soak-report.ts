/**
 * The soak report, always built from the store: the report written at the end of a run and the
 * one `soundcheck report RUN_ID` rebuilds after a SIGKILL come from the same rows and code.
 * A superset of the original stability script's JSON fields.
 */
import { LatencyHistogram, type LatencySummary } from './histogram.js';
import type { HealthSample, HealthSummary } from './health.js';
import { evaluateCriteria, type CriterionOutcome } from './criteria.js';
import type { RunStore } from './store.js';
import type { CrashRecord, SoakPlan } from './soak-types.js';
import type { HostInfo } from './types.js';
import { VERSION } from '../version.js';

export const SOAK_SCHEMA_VERSION = 1;
/** Interactions a checkpoint interval needs before its p95 takes part in the drift criterion. */
export const MIN_DRIFT_COUNT = 30;

/** Running least-squares sums: an exact fitted slope in constant memory, for any duration. */
export interface SlopeSums { n: number; sx: number; sy: number; sxx: number; sxy: number }

/** The span of x the sums cover, from their moments: enough to judge what a slope means. */
function windowHours(s: SlopeSums): number {
  // For evenly spaced samples the span is √(12·variance) (a uniform distribution's range).
  const variance = s.sxx / s.n - (s.sx / s.n) ** 2;
  return variance > 0 ? Math.sqrt(12 * variance) : 0;
}

export function slopeOf(s: SlopeSums): number {
  const den = s.n * s.sxx - s.sx * s.sx;
  return s.n >= 3 && den > 0 ? (s.n * s.sxy - s.sx * s.sy) / den : NaN;
}

/** The cumulative state of a soak, persisted at every health interval and checkpoint. */
export interface SoakState {
  total: number;
  successful: number;
  failed: number;
  errorsCount: number;
  errorsByType: Record<string, number>;
  crashes: CrashRecord[];
  /** HDR histograms, compressed base64. */
  latency: string;
  service: string;
  stages: Record<string, string>;
  maxBacklog: number;
  /** CPU % of one core, over 1-s samples after warm-up. */
  cpu: { sum: number; n: number; peak: number };
  /** RSS (MB) over time (hours), after warm-up. */
  memory: SlopeSums;
  lastHealth: HealthSample | null;
  setupMs: number | null;
}

export interface CheckpointData {
  index: number;
  timestamp: string;
  elapsed_seconds: number;
  elapsed_hours: number;
  statistics: {
    total_interactions: number;
    successful_interactions: number;
    failed_interactions: number;
    crashes: number;
    errors_so_far: number;
    error_rate_percent: number;
    /** Interactions per second over this checkpoint's interval. */
    rate_per_s: number;
    interval: LatencySummary;
    cumulative: LatencySummary;
  };
  health: HealthSummary | null;
}

export interface SoakReport {
  schema_version: number;
  tool: { name: 'soundcheck'; version: string };
  kind: 'soak';
  run_id: string;
  /** finished: ran its duration; stopped: by a signal or the user; interrupted: killed, rebuilt from the store. */
  status: 'finished' | 'stopped' | 'interrupted' | 'running';
  test_info: {
    start_time: string;
    end_time: string;
    duration_seconds: number;
    duration_hours: number;
    planned_duration_seconds: number;
    quick: boolean;
    probe: string;
    rate_per_s: number;
    health_interval_seconds: number;
    checkpoint_interval_seconds: number;
    timeout_seconds: number;
  };
  host: HostInfo;
  summary: {
    total_interactions: number;
    successful_interactions: number;
    failed_interactions: number;
    crashes: number;
    errors_count: number;
    error_rate_percent: number;
    average_latency_s: number | null;
    latency_ms: LatencySummary;
    service_time_ms: LatencySummary;
    max_backlog: number;
  };
  stages: Record<string, LatencySummary>;
  checkpoints: CheckpointData[];
  errors: { timestamp: string; error: string; type: string; context: unknown }[];
  crashes: CrashRecord[];
  health: {
    memory_growth_mb_per_hour: number | null;
    memory_growth_mb_per_8h: number | null;
    cpu_average_percent: number | null;
    cpu_peak_percent: number | null;
    last_sample: HealthSample | null;
    intervals: HealthSummary[];
  };
  criteria: CriterionOutcome[];
  passed: boolean;
}

export const emptyState = (): SoakState => ({
  total: 0, successful: 0, failed: 0, errorsCount: 0, errorsByType: {}, crashes: [],
  latency: new LatencyHistogram().encode(), service: new LatencyHistogram().encode(), stages: {},
  maxBacklog: 0, cpu: { sum: 0, n: 0, peak: 0 }, memory: { n: 0, sx: 0, sy: 0, sxx: 0, sxy: 0 }, lastHealth: null, setupMs: null,
});

const r3 = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);

export function measuresOf(state: SoakState, checkpoints: CheckpointData[], latency: LatencyHistogram) {
  const slope = slopeOf(state.memory);
  // A p95 of a handful of interactions is noise (a short final interval, say): compare only
  // checkpoints with enough interactions behind them.
  const withP95 = checkpoints.filter((c) => c.statistics.interval.p95_ms !== null && c.statistics.interval.count >= MIN_DRIFT_COUNT);
  const drift = withP95.length >= 2 ? withP95.at(-1)!.statistics.interval.p95_ms! / withP95[0]!.statistics.interval.p95_ms! : NaN;
  return {
    crashes: state.crashes.length,
    interactions: state.total,
    errorRatePercent: state.total > 0 ? (state.failed / state.total) * 100 : NaN,
    memoryGrowthMbPer8h: slope * 8,
    memoryGrowthMbPerHour: slope,
    memoryWindowHours: state.memory.n >= 2 ? windowHours(state.memory) : 0,
    cpuAvg: state.cpu.n > 0 ? state.cpu.sum / state.cpu.n : NaN,
    cpuPeak: state.cpu.n > 0 ? state.cpu.peak : NaN,
    p95Drift: drift,
    latencyMeanMs: latency.mean,
    latencyMaxMs: latency.max,
    percentileMs: (p: number) => latency.percentile(p),
  };
}

/** Builds the report of a soak from the store: finished, stopped, or killed mid-run. */
export function buildSoakReport(store: RunStore, runId: string): SoakReport {
  const run = store.getRun(runId);
  if (!run) throw new Error(`no run '${runId}' in ${store.file}`);
  if (run.kind !== 'soak') throw new Error(`run '${runId}' is a ${run.kind}, not a soak`);
  const plan = run.plan as SoakPlan;
  const saved = store.state<SoakState>(runId);
  const state = saved?.data ?? emptyState();
  const checkpoints = store.checkpoints<CheckpointData>(runId).map((c) => c.data);
  const health = store.health<HealthSummary>(runId).map((h) => h.data);
  const errors = store.errors(runId);
  const latency = LatencyHistogram.decode(state.latency);
  const service = LatencyHistogram.decode(state.service);
  const m = measuresOf(state, checkpoints, latency);
  const criteria = evaluateCriteria(plan.criteria, m);

  const endIso = run.finished_at ?? saved?.ts ?? run.updated_at;
  const durationS = (Date.parse(endIso) - Date.parse(run.started_at)) / 1000;
  const status = run.status === 'running' ? 'interrupted' : run.status;
  const stages: Record<string, LatencySummary> = {};
  for (const [name, enc] of Object.entries(state.stages)) stages[name] = LatencyHistogram.decode(enc).summary();

  return {
    schema_version: SOAK_SCHEMA_VERSION,
    tool: { name: 'soundcheck', version: VERSION },
    kind: 'soak',
    run_id: runId,
    status,
    test_info: {
      start_time: run.started_at,
      end_time: endIso,
      duration_seconds: r3(durationS) ?? 0,
      duration_hours: r3(durationS / 3600) ?? 0,
      planned_duration_seconds: plan.durationMs / 1000,
      quick: plan.quick,
      probe: plan.probe.id,
      rate_per_s: plan.rate,
      health_interval_seconds: plan.healthIntervalMs / 1000,
      checkpoint_interval_seconds: plan.checkpointIntervalMs / 1000,
      timeout_seconds: plan.timeoutMs / 1000,
    },
    host: run.host as HostInfo,
    summary: {
      total_interactions: state.total,
      successful_interactions: state.successful,
      failed_interactions: state.failed,
      crashes: state.crashes.length,
      errors_count: state.errorsCount,
      error_rate_percent: state.total > 0 ? r3((state.failed / state.total) * 100)! : 0,
      average_latency_s: latency.count > 0 ? r3(latency.mean / 1000) : null,
      latency_ms: latency.summary(),
      service_time_ms: service.summary(),
      max_backlog: state.maxBacklog,
    },
    stages,
    checkpoints,
    errors: errors.map((e) => ({ timestamp: e.ts, error: e.message, type: e.type, context: e.context })),
    crashes: state.crashes,
    health: {
      memory_growth_mb_per_hour: r3(m.memoryGrowthMbPerHour),
      memory_growth_mb_per_8h: r3(m.memoryGrowthMbPer8h),
      cpu_average_percent: r3(m.cpuAvg),
      cpu_peak_percent: r3(m.cpuPeak),
      last_sample: state.lastHealth,
      intervals: health,
    },
    criteria,
    passed: status !== 'interrupted' && status !== 'stopped' ? criteria.every((c) => c.ok !== false) : false,
  };
}
