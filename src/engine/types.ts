/**
 * The data that flows through a run. The engine produces these; every sink (headless
 * reporter, TUI store, SQLite store, report writers) only consumes them.
 */

/** What a probe's setup receives. Everything a probe may need from outside is here. */
export interface ProbeContext {
  /** A fresh temporary directory for this probe's run, removed after teardown. */
  tmpDir: string;
  /** Directory of the shipped assets (speech clip, representative config, transcripts). */
  assetsDir: string;
  /** Options from the command line that probes may read (e.g. configFile). */
  options: ProbeOptions;
  /**
   * How many untimed warmup calls of run() come before the timed ones (0 in a soak). A probe
   * that keeps figures of its own (the VAD's real-time factor) leaves those calls out.
   */
  warmup?: number;
}

export interface ProbeOptions {
  /** `--config-file`: the bridge config the config_loading probe reads instead of the shipped one. */
  configFile?: string;
}

/** The result of a probe's own correctness check after its timed iterations (e.g. VAD accuracy). */
export interface ProbeCheck {
  ok: boolean;
  /** One line a person can read: what was checked and what was found. */
  message: string;
  /** Extra figures for the report, e.g. { real_time_factor: 0.02 }. */
  metrics?: Record<string, number>;
}

/**
 * A probe measures one stage of the voice pipeline. `run` is one timed iteration; everything
 * expensive (files, model sessions, databases) belongs in `setup`, which is never timed.
 */
export interface Probe<State = unknown> {
  id: string;
  title: string;
  /** One line, shown in `soundcheck list` and the TUI picker. */
  description: string;
  defaultIterations: number;
  /** Default target, k6-style threshold expression(s), e.g. "avg<10ms". */
  target: string;
  setup(ctx: ProbeContext): State | Promise<State>;
  /**
   * One iteration. A probe made of stages (the soak's interaction) may return how long each
   * stage took; the soak records those beside the whole iteration's latency.
   */
  run(state: State, iteration: number): void | StageTimings | Promise<void | StageTimings>;
  /** Called after the timed iterations; a failed check makes the probe FAIL whatever its timings. */
  verify?(state: State): ProbeCheck | Promise<ProbeCheck>;
  teardown?(state: State): void | Promise<void>;
}

/** Milliseconds per named stage of one iteration, e.g. { vad: 4.1, store: 0.8 }. */
export type StageTimings = Record<string, number>;

/** Registry entry: what the main thread knows without loading the probe's (possibly heavy) module. */
export interface ProbeInfo {
  id: string;
  title: string;
  description: string;
  defaultIterations: number;
  target: string;
  /** Absolute file URL of the module whose default export is the Probe; loaded inside the worker. */
  moduleUrl: string;
}

/** Summary statistics of a set of latency samples, all in milliseconds. */
export interface Stats {
  n: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
  opsPerSec: number;
  /** Relative margin of error of the mean at 95 % confidence, in percent. */
  rmePercent: number;
}

/** One evaluated threshold expression, e.g. `p(95)<20ms` → actual 12.3 ms, ok. */
export interface TargetOutcome {
  expr: string;
  ok: boolean;
  actualMs: number;
}

export interface IterationError {
  iteration: number;
  message: string;
  /** error: the iteration threw; hang: it exceeded the timeout; crash: the worker died; setup/verify: those phases failed. */
  kind: 'error' | 'hang' | 'crash' | 'setup' | 'verify';
}

export type ProbeStatus = 'PASS' | 'FAIL';

export interface ProbeResult {
  probeId: string;
  title: string;
  status: ProbeStatus;
  /** Iterations requested. */
  iterations: number;
  /** Timed iterations that completed without error. */
  samplesCount: number;
  stats: Stats | null;
  targets: TargetOutcome[];
  errors: IterationError[];
  warnings: string[];
  check?: ProbeCheck;
  /** True when the run was stopped before this probe completed. */
  stopped: boolean;
  setupMs: number;
  durationMs: number;
}

export interface HostInfo {
  hostname: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  totalMem: number;
  node: string;
}

export interface ProbePlan {
  id: string;
  iterations: number;
  /** Threshold expression(s), comma-separated. */
  target: string;
}

export interface BenchPlan {
  probes: ProbePlan[];
  warmup: number;
  /** Per-iteration timeout in ms; longer is a hang. */
  timeoutMs: number;
  options: ProbeOptions;
}

export interface BenchResult {
  runId: string;
  startedAt: string;
  finishedAt: string;
  host: HostInfo;
  plan: BenchPlan;
  results: ProbeResult[];
  passed: boolean;
  /** True when the user stopped the run before all probes finished. */
  stopped: boolean;
}

/** A live view of one probe while it runs; what the TUI draws. */
export interface ProgressSnapshot {
  probeId: string;
  phase: 'setup' | 'warmup' | 'measure' | 'verify';
  done: number;
  total: number;
  errors: number;
  stats: Stats | null;
  /** The most recent samples (ms), oldest first, at most a few hundred. */
  recent: number[];
  elapsedMs: number;
}

export type BenchEvent =
  | { type: 'run-start'; runId: string; startedAt: string; host: HostInfo; plan: BenchPlan }
  | { type: 'probe-start'; probeId: string; iterations: number; warmup: number }
  | { type: 'progress'; snapshot: ProgressSnapshot }
  | { type: 'probe-error'; probeId: string; error: IterationError }
  | { type: 'probe-result'; result: ProbeResult }
  | { type: 'run-end'; result: BenchResult };

export type BenchSink = (event: BenchEvent) => void;
