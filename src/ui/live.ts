/**
 * What a live row says about its probe, derived from the engine's snapshot: the target verdict
 * so far (the engine's own evaluateTargets on the snapshot's stats) and the time left.
 */
import { formatDuration } from '../engine/duration.js';
import { evaluateTargets, parseThresholds, type Threshold } from '../engine/thresholds.js';
import type { ProbeResult, ProgressSnapshot, Stats } from '../engine/types.js';

export type Judgement = 'pass' | 'fail' | 'pending';

export interface LiveTarget {
  expr: string;
  judgement: Judgement;
}

const parsed = new Map<string, Threshold[] | null>();

/** Parsed once per expression: rows re-render ten times a second. */
function thresholdsOf(target: string): Threshold[] | null {
  if (!parsed.has(target)) {
    try {
      parsed.set(target, parseThresholds(target));
    } catch {
      parsed.set(target, null);
    }
  }
  return parsed.get(target)!;
}

/** A snapshot carries p50/p95/p99 only; any other percentile waits for the final result. */
function snapshotPercentile(stats: Stats): (p: number) => number {
  return (p) => (p === 50 ? stats.p50 : p === 95 ? stats.p95 : p === 99 ? stats.p99 : NaN);
}

export function liveTargets(target: string, snapshot: ProgressSnapshot | null, result: ProbeResult | null): LiveTarget[] {
  if (result && result.targets.length > 0) {
    return result.targets.map((t) => ({ expr: t.expr, judgement: result.stats ? (t.ok ? 'pass' : 'fail') : 'pending' }));
  }
  const thresholds = thresholdsOf(target);
  if (!thresholds) return [{ expr: target, judgement: 'pending' }];
  // Stats exist once the first timed sample does (warmup samples are never in them).
  const stats = snapshot?.stats ?? null;
  if (!stats) return thresholds.map((t) => ({ expr: t.expr, judgement: 'pending' }));
  return evaluateTargets(thresholds, stats, snapshotPercentile(stats)).map((o) => ({
    expr: o.expr,
    judgement: Number.isFinite(o.actualMs) ? (o.ok ? 'pass' : 'fail') : 'pending',
  }));
}

/** The time left at the engine's current mean iteration time, or null before it can be told. */
export function etaMs(snapshot: ProgressSnapshot | null): number | null {
  if (!snapshot || snapshot.phase !== 'measure' || !snapshot.stats) return null;
  const left = Math.max(0, snapshot.total - snapshot.done);
  return left * snapshot.stats.mean;
}

export function fmtEta(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? 'ETA <1s' : `ETA ${formatDuration(ms)}`;
}
