/**
 * runBench: the probes of a plan, one after another, each in its own worker (running them side
 * by side on a 2-core box would make them measure each other). Emits BenchEvents to every sink.
 */
import { randomUUID } from 'node:crypto';
import { hostInfo } from './host.js';
import { fanOut } from './sinks.js';
import { runProbe } from './probe-runner.js';
import { parseThresholds } from './thresholds.js';
import type { BenchEvent, BenchPlan, BenchResult, BenchSink, ProbeInfo, ProbeResult } from './types.js';

export interface RunBenchOptions {
  /** Where probes are looked up by id. */
  probes: readonly ProbeInfo[];
  assetsDir: string;
  sinks?: BenchSink[];
  /** Aborting stops the running probe after its current iteration and skips the rest. */
  signal?: AbortSignal;
  snapshotMs?: number;
}

export class PlanError extends Error {}

/** Checks a plan before any work starts, so bad input costs nothing already measured. */
export function validatePlan(plan: BenchPlan, probes: readonly ProbeInfo[]): void {
  if (plan.probes.length === 0) throw new PlanError('no probes selected');
  for (const p of plan.probes) {
    if (!probes.some((i) => i.id === p.id)) {
      throw new PlanError(`unknown probe '${p.id}'; available: ${probes.map((i) => i.id).join(', ')}`);
    }
    if (!Number.isInteger(p.iterations) || p.iterations < 1) {
      throw new PlanError(`probe '${p.id}': iterations must be a whole number ≥ 1, got ${p.iterations}`);
    }
    parseThresholds(p.target);
  }
  if (!Number.isInteger(plan.warmup) || plan.warmup < 0) throw new PlanError(`warmup must be a whole number ≥ 0, got ${plan.warmup}`);
  if (!(plan.timeoutMs > 0)) throw new PlanError(`timeout must be positive, got ${plan.timeoutMs}`);
}

export async function runBench(plan: BenchPlan, opts: RunBenchOptions): Promise<BenchResult> {
  validatePlan(plan, opts.probes);
  const emit = fanOut<BenchEvent>(opts.sinks ?? []);
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  const host = hostInfo();
  emit({ type: 'run-start', runId, startedAt, host, plan });

  const results: ProbeResult[] = [];
  for (const p of plan.probes) {
    const info = opts.probes.find((i) => i.id === p.id)!;
    if (opts.signal?.aborted) {
      results.push(notRun(info, p.iterations));
      continue;
    }
    emit({ type: 'probe-start', probeId: p.id, iterations: p.iterations, warmup: plan.warmup });
    const result = await runProbe({
      probe: info,
      iterations: p.iterations,
      warmup: plan.warmup,
      target: p.target,
      timeoutMs: plan.timeoutMs,
      options: plan.options,
      assetsDir: opts.assetsDir,
      snapshotMs: opts.snapshotMs,
      signal: opts.signal,
      onSnapshot: (snapshot) => emit({ type: 'progress', snapshot }),
      onError: (error) => emit({ type: 'probe-error', probeId: p.id, error }),
    });
    results.push(result);
    emit({ type: 'probe-result', result });
  }

  const stopped = opts.signal?.aborted ?? false;
  const result: BenchResult = {
    runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    host,
    plan,
    results,
    passed: !stopped && results.every((r) => r.status === 'PASS'),
    stopped,
  };
  emit({ type: 'run-end', result });
  return result;
}

function notRun(info: ProbeInfo, iterations: number): ProbeResult {
  return {
    probeId: info.id,
    title: info.title,
    status: 'FAIL',
    iterations,
    samplesCount: 0,
    stats: null,
    targets: [],
    errors: [],
    warnings: ['not run: the run was stopped before this probe started'],
    stopped: true,
    setupMs: 0,
    durationMs: 0,
  };
}
