/** The data of a soak: its plan, what its child reports, and the events its sinks receive. */
import type { ProbeOptions } from './types.js';
import type { HealthSample } from './health.js';
import type { SoakReport } from './soak-report.js';

export interface SoakPlan {
  /** The probe whose iterations are the interactions: `interaction`, or a module path. */
  probe: { id: string; moduleUrl: string; target: string };
  durationMs: number;
  /** Interactions per second; 0 runs them back to back (an accelerated soak). */
  rate: number;
  healthIntervalMs: number;
  checkpointIntervalMs: number;
  /** An interaction running longer than this is a hang: its process is killed and replaced. */
  timeoutMs: number;
  /** Criteria expressions, comma-separated, already merged with the defaults. */
  criteria: string;
  quick: boolean;
  options: ProbeOptions;
  /** Heap limit of the interaction process, MB: a leak dies there, not in the whole box. */
  maxHeapMb: number;
}

/** One batch from the interaction process: compact arrays, not an object per interaction. */
export interface ChildBatch {
  t: 'batch';
  /** Index of the first interaction in this batch, and how many. */
  first: number;
  /** Latency from when each interaction was due (coordinated-omission free), ms. */
  latency: number[];
  /** Service time: from its start to its end, ms. */
  service: number[];
  ok: boolean[];
  stages: Record<string, number[]>;
  failures: { index: number; message: string; dueMs: number }[];
  /** Interactions due but not yet started when the batch was sent. */
  backlog: number;
  /** The interaction running now, if any: its index and when it started (monotonic ms). */
  inFlight: { index: number; startedMs: number } | null;
  process: ChildProcessHealth;
}

export interface ChildProcessHealth {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Event-loop utilisation since the previous batch, 0..1. */
  elu: number;
  /** Event-loop delay of the interaction process (monitorEventLoopDelay minus its resolution), ms. */
  loopDelayMeanMs: number;
  loopDelayMaxMs: number;
  /** CPU time used since the previous batch, µs. */
  cpuUserUs: number;
  cpuSystemUs: number;
}

export type ChildMessage =
  | { t: 'ready'; setupMs: number; t0Ms: number }
  | ChildBatch
  | { t: 'fatal'; phase: 'setup' | 'run'; message: string }
  | { t: 'done' };

export interface ChildStart {
  t: 'start';
  moduleUrl: string;
  /**
   * Monotonic ms (process.hrtime: CLOCK_MONOTONIC, shared by every process on the machine) of
   * interaction 0's due time; null for the first process, which sets it when its setup is done,
   * so start-up is not counted as latency. Replacements keep the first process's schedule.
   */
  t0Ms: number | null;
  periodMs: number;
  startIndex: number;
  /** No interaction due at or after t0 + durationMs is started. */
  durationMs: number;
  tmpDir: string;
  assetsDir: string;
  options: ProbeOptions;
}

export type CrashType = 'exit' | 'uncaught-exception' | 'out-of-memory' | 'native-fault' | 'signal' | 'hang' | 'setup';

export interface CrashRecord {
  timestamp: string;
  elapsed_s: number;
  type: CrashType;
  message: string;
  /** The interaction that was running, if known. */
  interaction: number | null;
}

/** What the live view needs, once a second. */
export interface SoakTick {
  elapsedMs: number;
  remainingMs: number;
  total: number;
  successful: number;
  failed: number;
  crashes: number;
  errorRatePercent: number;
  /** p95 of the recent interactions (the last ~30 s), ms. */
  recentP95Ms: number;
  cumulativeP95Ms: number;
  backlog: number;
  health: HealthSample;
  lastCheckpoint: { elapsedMs: number; p95Ms: number | null; total: number } | null;
  /** Criteria judged on what is known so far. */
  verdictSoFar: boolean;
  failing: string[];
}

export type SoakEvent =
  | { type: 'soak-start'; runId: string; startedAt: string; plan: SoakPlan; dbFile: string }
  | { type: 'soak-tick'; tick: SoakTick }
  | { type: 'soak-checkpoint'; index: number; elapsedMs: number; p95Ms: number | null; total: number }
  | { type: 'soak-error'; type_: string; message: string; interaction: number | null }
  | { type: 'soak-crash'; crash: CrashRecord }
  | { type: 'soak-warning'; message: string }
  | { type: 'soak-end'; report: SoakReport };

export type SoakSink = (event: SoakEvent) => void;
