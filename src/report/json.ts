/**
 * The JSON report of a bench. Field names iterations, avg_ms, p95_ms, p99_ms, target_ms and
 * status are exactly the original scripts'; everything else is added beside them.
 */
import type { BenchResult, ProbeResult } from '../engine/types.js';
import { parseThresholds, primaryTargetMs } from '../engine/thresholds.js';
import { VERSION } from '../version.js';
import { round } from './format.js';

export const BENCH_SCHEMA_VERSION = 1;

export interface BenchProbeJson {
  iterations: number;
  avg_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  target_ms: number | null;
  status: 'PASS' | 'FAIL';
  title: string;
  samples: number;
  min_ms: number | null;
  max_ms: number | null;
  p50_ms: number | null;
  stddev_ms: number | null;
  ops_per_s: number | null;
  rme_percent: number | null;
  setup_ms: number | null;
  targets: { expr: string; ok: boolean; actual_ms: number | null }[];
  errors: { iteration: number; kind: string; message: string }[];
  warnings: string[];
  check?: { ok: boolean; message: string; metrics: Record<string, number> };
  stopped: boolean;
}

export interface BenchJson {
  schema_version: number;
  tool: { name: 'soundcheck'; version: string };
  kind: 'bench';
  run_id: string;
  started_at: string;
  finished_at: string;
  host: { hostname: string; platform: string; arch: string; cpus: number; cpu_model: string; total_mem: number; node: string };
  settings: { warmup: number; timeout_ms: number; config_file: string | null };
  results: Record<string, BenchProbeJson>;
  passed: boolean;
  stopped: boolean;
}

function probeJson(r: ProbeResult, target: string): BenchProbeJson {
  const s = r.stats;
  let targetMs: number | null = null;
  try { targetMs = round(primaryTargetMs(parseThresholds(target))); } catch { /* validated before the run */ }
  return {
    iterations: r.iterations,
    avg_ms: round(s?.mean),
    p95_ms: round(s?.p95),
    p99_ms: round(s?.p99),
    target_ms: targetMs,
    status: r.status,
    title: r.title,
    samples: r.samplesCount,
    min_ms: round(s?.min),
    max_ms: round(s?.max),
    p50_ms: round(s?.p50),
    stddev_ms: round(s?.stddev),
    ops_per_s: round(s?.opsPerSec, 2),
    rme_percent: round(s?.rmePercent, 3),
    setup_ms: round(r.setupMs, 3),
    targets: r.targets.map((t) => ({ expr: t.expr, ok: t.ok, actual_ms: round(t.actualMs) })),
    errors: r.errors.map((e) => ({ iteration: e.iteration, kind: e.kind, message: e.message })),
    warnings: r.warnings,
    ...(r.check ? { check: { ok: r.check.ok, message: r.check.message, metrics: r.check.metrics ?? {} } } : {}),
    stopped: r.stopped,
  };
}

export function benchToJson(b: BenchResult): BenchJson {
  const results: Record<string, BenchProbeJson> = {};
  for (const r of b.results) {
    const target = b.plan.probes.find((p) => p.id === r.probeId)?.target ?? '';
    results[r.probeId] = probeJson(r, target);
  }
  return {
    schema_version: BENCH_SCHEMA_VERSION,
    tool: { name: 'soundcheck', version: VERSION },
    kind: 'bench',
    run_id: b.runId,
    started_at: b.startedAt,
    finished_at: b.finishedAt,
    host: {
      hostname: b.host.hostname, platform: b.host.platform, arch: b.host.arch, cpus: b.host.cpus,
      cpu_model: b.host.cpuModel, total_mem: b.host.totalMem, node: b.host.node,
    },
    settings: { warmup: b.plan.warmup, timeout_ms: b.plan.timeoutMs, config_file: b.plan.options.configFile ?? null },
    results,
    passed: b.passed,
    stopped: b.stopped,
  };
}

export function renderBenchJson(b: BenchResult): string {
  return JSON.stringify(benchToJson(b), null, 2) + '\n';
}
