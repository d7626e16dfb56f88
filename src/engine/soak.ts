/**
 * runSoak: interactions at a fixed rate for a duration, in a supervised child process, with
 * health sampled every second, summarised and persisted every health interval, checkpoints
 * persisted the moment they are taken, errors and crashes recorded, and a verdict at the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LatencyHistogram } from './histogram.js';
import { HealthSampler, summariseHealth, type HealthSample } from './health.js';
import { hostInfo } from './host.js';
import { fanOut } from './sinks.js';
import { evaluateCriteria } from './criteria.js';
import { buildSoakReport, emptyState, measuresOf, type CheckpointData, type SoakReport, type SoakState } from './soak-report.js';
import { Supervisor, monoMs } from './soak-supervisor.js';
import type { RunStore, ErrorRow } from './store.js';
import type { ChildBatch, CrashRecord, SoakEvent, SoakPlan, SoakSink, SoakTick } from './soak-types.js';

export interface RunSoakOptions {
  store: RunStore;
  assetsDir: string;
  sinks?: SoakSink[];
  /** Aborting stops the soak gracefully: final checkpoint, report, status 'stopped'. */
  signal?: AbortSignal;
  /** Live ticks per second (default 1). */
  tickMs?: number;
}

/** Errors kept in full in the store; beyond that they are counted by type, so a flood cannot fill the disk. */
export const MAX_STORED_ERRORS = 1000;
const RECENT_WINDOW = 300;

export async function runSoak(plan: SoakPlan, opts: RunSoakOptions): Promise<SoakReport> {
  const { store } = opts;
  const emit = fanOut<SoakEvent>(opts.sinks ?? []);
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  const startWall = performance.now();
  store.createRun({ id: runId, kind: 'soak', startedAt, plan, host: hostInfo() });
  emit({ type: 'soak-start', runId, startedAt, plan, dbFile: store.file });

  const tmpDir = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-'));
  const state: SoakState = emptyState();
  const latency = new LatencyHistogram();
  const service = new LatencyHistogram();
  const stages = new Map<string, LatencyHistogram>();
  let checkpointLatency = new LatencyHistogram();
  let checkpointCount = 0;
  const checkpoints: CheckpointData[] = [];
  let checkpointHealth: HealthSample[] = [];
  let intervalHealth: HealthSample[] = [];
  const recent: number[] = [];
  let backlog = 0;
  let pendingErrors: ErrorRow[] = [];
  let lastBacklogWarning = 0;
  // Warm-up: start-up allocations (the model, the JIT) are not a leak, and loading them is not
  // the steady CPU load; both are judged after it: 10 % of the run, at least 10 s, at most 60 s.
  const warmupMs = Math.min(60_000, Math.max(10_000, plan.durationMs * 0.1));

  const elapsed = (): number => performance.now() - startWall;
  const iso = (): string => new Date().toISOString();

  const recordError = (type: string, message: string, context: Record<string, unknown>): void => {
    state.errorsCount++;
    state.errorsByType[type] = (state.errorsByType[type] ?? 0) + 1;
    if (state.errorsCount <= MAX_STORED_ERRORS) pendingErrors.push({ ts: iso(), elapsed_ms: elapsed(), type, message, context });
    emit({ type: 'soak-error', type_: type, message, interaction: (context.interaction as number | undefined) ?? null });
  };

  const onBatch = (b: ChildBatch): void => {
    for (let k = 0; k < b.latency.length; k++) {
      state.total++;
      if (b.ok[k]) {
        state.successful++;
        latency.record(b.latency[k]!);
        service.record(b.service[k]!);
        checkpointLatency.record(b.latency[k]!);
        recent.push(b.latency[k]!);
      } else {
        state.failed++;
      }
    }
    if (recent.length > RECENT_WINDOW) recent.splice(0, recent.length - RECENT_WINDOW);
    for (const [name, values] of Object.entries(b.stages)) {
      let h = stages.get(name);
      if (!h) stages.set(name, (h = new LatencyHistogram()));
      for (const v of values) h.record(v);
    }
    for (const f of b.failures) recordError('interaction', f.message, { interaction: f.index });
    backlog = b.backlog;
    state.maxBacklog = Math.max(state.maxBacklog, b.backlog);
    if (b.backlog > 0 && performance.now() - lastBacklogWarning > 10_000) {
      lastBacklogWarning = performance.now();
      emit({ type: 'soak-warning', message: `falling behind: ${b.backlog} interaction${b.backlog === 1 ? '' : 's'} due but not started; latency counts from when each was due` });
    }
    sampler.addChild(b.process);
  };

  const onCrash = (c: { type: CrashRecord['type']; message: string; interaction: number | null }): void => {
    const crash: CrashRecord = { timestamp: iso(), elapsed_s: Math.round(elapsed()) / 1000, ...c };
    state.crashes.push(crash);
    // The interaction the process died in is a failed interaction too.
    if (c.interaction !== null) { state.total++; state.failed++; }
    sampler.childGone();
    recordError(`crash:${c.type}`, c.message, { interaction: c.interaction });
    emit({ type: 'soak-crash', crash });
    persistState(); // a crash is worth a write at once
  };

  const snapshotState = (): SoakState => {
    state.latency = latency.encode();
    state.service = service.encode();
    state.stages = Object.fromEntries([...stages].map(([k, h]) => [k, h.encode()]));
    return state;
  };
  const flushErrors = (): void => {
    if (pendingErrors.length) { store.addErrors(runId, pendingErrors); pendingErrors = []; }
  };
  const persistState = (): void => {
    flushErrors();
    store.saveState(runId, iso(), elapsed(), snapshotState());
  };

  const takeCheckpoint = (): void => {
    const e = elapsed();
    const prev = checkpoints.at(-1);
    const intervalS = (e - (prev ? prev.elapsed_seconds * 1000 : 0)) / 1000;
    const totalBefore = prev?.statistics.total_interactions ?? 0;
    const data: CheckpointData = {
      index: checkpointCount++,
      timestamp: iso(),
      elapsed_seconds: Math.round(e) / 1000,
      elapsed_hours: Math.round((e / 3_600_000) * 1e6) / 1e6,
      statistics: {
        total_interactions: state.total,
        successful_interactions: state.successful,
        failed_interactions: state.failed,
        crashes: state.crashes.length,
        errors_so_far: state.errorsCount,
        error_rate_percent: state.total ? Math.round((state.failed / state.total) * 100 * 1000) / 1000 : 0,
        rate_per_s: intervalS > 0 ? Math.round(((state.total - totalBefore) / intervalS) * 1000) / 1000 : 0,
        interval: checkpointLatency.summary(),
        cumulative: latency.summary(),
      },
      health: summariseHealth(checkpointHealth),
    };
    checkpoints.push(data);
    checkpointLatency = new LatencyHistogram();
    checkpointHealth = [];
    flushErrors();
    store.addCheckpoint(runId, data.timestamp, e, data, snapshotState());
    emit({ type: 'soak-checkpoint', index: data.index, elapsedMs: e, p95Ms: data.statistics.interval.p95_ms, total: state.total });
  };

  const persistHealthInterval = (): void => {
    const summary = summariseHealth(intervalHealth);
    intervalHealth = [];
    flushErrors();
    if (summary) store.saveInterval(runId, iso(), elapsed(), summary, snapshotState());
    else persistState();
  };

  const sampler = new HealthSampler(startWall);
  const periodMs = plan.rate > 0 ? 1000 / plan.rate : 0;
  let doneResolve!: () => void;
  const done = new Promise<void>((r) => { doneResolve = r; });
  const supervisor = new Supervisor({
    moduleUrl: plan.probe.moduleUrl,
    periodMs,
    durationMs: plan.durationMs,
    timeoutMs: plan.timeoutMs,
    maxHeapMb: plan.maxHeapMb,
    tmpDir,
    assetsDir: opts.assetsDir,
    options: plan.options,
    onBatch,
    onCrash,
    onReady: (ms, t0) => {
      state.setupMs = Math.round(ms * 1000) / 1000;
      scheduleStartedAt = performance.now() - (monoMs() - t0);
      armEnd();
    },
    onDone: () => doneResolve(),
  });

  const tick = (): void => {
    const h = sampler.sample();
    state.lastHealth = h;
    intervalHealth.push(h);
    checkpointHealth.push(h);
    if (h.t >= warmupMs) {
      state.cpu.sum += h.cpuPercent;
      state.cpu.n++;
      state.cpu.peak = Math.max(state.cpu.peak, h.cpuPercent);
      const x = h.t / 3_600_000;
      const m = state.memory;
      m.n++; m.sx += x; m.sy += h.rssMb; m.sxx += x * x; m.sxy += x * h.rssMb;
    }
    const sorted = Float64Array.from(recent).sort();
    const recentP95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! : NaN;
    const soFar = evaluateCriteria(plan.criteria, measuresOf(state, checkpoints, latency));
    const failingSoFar = soFar.filter((c) => c.judged && !c.ok && !(c.metric === 'interactions' && state.total === 0));
    const last = checkpoints.at(-1);
    const t: SoakTick = {
      elapsedMs: elapsed(),
      remainingMs: Math.max(0, plan.durationMs - (scheduleStartedAt === null ? 0 : performance.now() - scheduleStartedAt)),
      total: state.total,
      successful: state.successful,
      failed: state.failed,
      crashes: state.crashes.length,
      errorRatePercent: state.total ? (state.failed / state.total) * 100 : 0,
      recentP95Ms: recentP95,
      cumulativeP95Ms: latency.percentile(95),
      backlog,
      health: h,
      lastCheckpoint: last ? { elapsedMs: last.elapsed_seconds * 1000, p95Ms: last.statistics.interval.p95_ms, total: last.statistics.total_interactions } : null,
      // What cannot be judged yet (no interactions, no samples after warm-up) does not colour the live verdict.
      verdictSoFar: failingSoFar.length === 0,
      failing: failingSoFar.map((c) => `${c.expr} (${c.measured ?? '—'}${c.unit})`),
    };
    emit({ type: 'soak-tick', tick: t });
  };

  const tickTimer = setInterval(tick, opts.tickMs ?? 1000);
  const healthTimer = setInterval(persistHealthInterval, plan.healthIntervalMs);
  const checkpointTimer = setInterval(takeCheckpoint, plan.checkpointIntervalMs);
  const errorTimer = setInterval(flushErrors, 1000);
  // The end: once the schedule has started, its last interaction was due before t0 + duration;
  // the child stops by itself then. This timer is the safety net if it does not.
  let endTimer: NodeJS.Timeout | undefined;
  const armEnd = (): void => {
    endTimer = setTimeout(() => void supervisor.stop(2000), plan.durationMs + Math.min(plan.timeoutMs, 5000));
  };
  /** performance.now() at which interaction 0 was due: the soak's clock for elapsed/remaining. */
  let scheduleStartedAt: number | null = null;
  let stopped = false;
  const onAbort = (): void => { stopped = true; void supervisor.stop(2000); };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  supervisor.start();
  await done;

  clearInterval(tickTimer);
  clearInterval(healthTimer);
  clearInterval(checkpointTimer);
  clearInterval(errorTimer);
  clearTimeout(endTimer);
  opts.signal?.removeEventListener('abort', onAbort);
  tick();
  sampler.stop();
  // The final checkpoint and health interval: what happened since the last ones is not lost.
  takeCheckpoint();
  persistHealthInterval();
  rmSync(tmpDir, { recursive: true, force: true });

  const finishedAt = iso();
  store.finishRun(runId, stopped ? 'stopped' : 'finished', finishedAt, null);
  const report = buildSoakReport(store, runId);
  store.finishRun(runId, stopped ? 'stopped' : 'finished', finishedAt, report);
  emit({ type: 'soak-end', report });
  return report;
}
