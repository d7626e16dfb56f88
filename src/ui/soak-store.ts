/**
 * The UI's view of a soak: a SoakSink that folds the engine's events into bounded live data and
 * publishes a plain snapshot to subscribers, throttled (at most one per `intervalMs`, leading and
 * trailing edge; the end at once). No statistics here: every figure is the engine's.
 *
 * Memory stays flat for any duration: the four series are DownsampledSeries (at most
 * MAX_SERIES_POINTS points each), the notes are the last MAX_NOTES, and everything else is
 * replaced, never appended. A flood of errors (a failing probe at full speed) costs a counter
 * and a short array shift per error, and at most one snapshot per interval.
 */
import type { SoakEvent, SoakPlan, SoakSink, SoakTick } from '../engine/soak-types.js';
import type { SoakReport } from '../engine/soak-report.js';
import { DownsampledSeries, MAX_SERIES_POINTS } from './series.js';
import { DEFAULT_NOTIFY_MS } from './store.js';
import { ThrottledNotifier } from './throttle.js';

export type SeriesId = 'p95' | 'rss' | 'loopDelay' | 'cpu';
export const SERIES_IDS: readonly SeriesId[] = ['p95', 'rss', 'loopDelay', 'cpu'];

/** What a tick contributes to each series. */
const SERIES_VALUE: Record<SeriesId, (t: SoakTick) => number> = {
  p95: (t) => t.recentP95Ms,
  rss: (t) => t.health.rssMb,
  loopDelay: (t) => t.health.loopDelayMs,
  cpu: (t) => t.health.cpuPercent,
};

/** Crashes, errors and warnings kept for the screen; the reports have them all. */
export const MAX_NOTES = 20;

export interface SoakNote {
  kind: 'crash' | 'error' | 'warning';
  /** ms since the soak started. */
  elapsedMs: number;
  text: string;
}

export interface SoakViewState {
  plan: SoakPlan;
  runId: string | null;
  startedAt: string | null;
  dbFile: string | null;
  /** The latest tick, null before the first (the interaction process is starting). */
  tick: SoakTick | null;
  /** Each at most MAX_SERIES_POINTS points, oldest first, covering the whole run. */
  series: Record<SeriesId, number[]>;
  /** Ticks per series point. */
  resolution: number;
  /**
   * The last checkpoint the latest tick knows of (so the counts above it are never older than
   * it), with its index from the checkpoint events.
   */
  lastCheckpoint: { index: number | null; elapsedMs: number; p95Ms: number | null; total: number } | null;
  notes: SoakNote[];
  /** Counted, all of them (the notes keep only the last few). */
  errors: number;
  warnings: number;
  stopping: boolean;
  report: SoakReport | null;
}

export interface SoakViewStoreOptions {
  intervalMs?: number;
  maxPoints?: number;
  /** Clock, ms; tests substitute a fake one. */
  now?: () => number;
}

export class SoakViewStore {
  private readonly series: Record<SeriesId, DownsampledSeries>;
  private tick: SoakTick | null = null;
  private runId: string | null = null;
  private startedAt: string | null = null;
  private dbFile: string | null = null;
  private startClock: number;
  /** The last few checkpoint events, to name the tick's last checkpoint by its index. */
  private checkpoints: { index: number; elapsedMs: number }[] = [];
  private notes: SoakNote[] = [];
  private errors = 0;
  private warnings = 0;
  private stopping = false;
  private report: SoakReport | null = null;

  private snapshot: SoakViewState;
  private readonly notifier: ThrottledNotifier;
  private readonly now: () => number;

  constructor(readonly plan: SoakPlan, opts: SoakViewStoreOptions = {}) {
    const max = opts.maxPoints ?? MAX_SERIES_POINTS;
    this.series = { p95: new DownsampledSeries(max), rss: new DownsampledSeries(max), loopDelay: new DownsampledSeries(max), cpu: new DownsampledSeries(max) };
    // The snapshot is built once per notification, not per event.
    this.notifier = new ThrottledNotifier(opts.intervalMs ?? DEFAULT_NOTIFY_MS, opts.now, () => {
      this.snapshot = this.build();
    });
    this.now = this.notifier.now;
    this.startClock = this.now();
    this.snapshot = this.build();
  }

  /** The sink to hand to runSoak. Arrow function: it is passed around detached from the store. */
  readonly sink: SoakSink = (e: SoakEvent) => {
    switch (e.type) {
      case 'soak-start':
        this.runId = e.runId;
        this.startedAt = e.startedAt;
        this.dbFile = e.dbFile;
        this.startClock = this.now();
        break;
      case 'soak-tick':
        this.tick = e.tick;
        for (const id of SERIES_IDS) this.series[id].push(SERIES_VALUE[id](e.tick));
        break;
      case 'soak-checkpoint':
        this.checkpoints.push({ index: e.index, elapsedMs: e.elapsedMs });
        if (this.checkpoints.length > 4) this.checkpoints.shift();
        break;
      case 'soak-error':
        this.errors++;
        // A crash is also recorded as an error; its soak-crash event says it better.
        if (e.type_.startsWith('crash:')) return;
        this.note('error', `${e.interaction !== null ? `interaction ${e.interaction}: ` : ''}${e.message}`);
        break;
      case 'soak-crash':
        this.note('crash', `${e.crash.type}${e.crash.interaction !== null ? ` in interaction ${e.crash.interaction}` : ''}: ${e.crash.message}; replaced, the soak goes on`, e.crash.elapsed_s * 1000);
        break;
      case 'soak-warning':
        this.warnings++;
        this.note('warning', e.message);
        break;
      case 'soak-end':
        this.report = e.report;
        this.notifier.flush();
        return;
    }
    this.notifier.schedule();
  };

  /** A graceful stop was asked for: the screen says so until the report arrives. */
  markStopping(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.notifier.flush();
  }

  getState = (): SoakViewState => this.snapshot;

  /** useSyncExternalStore-compatible. */
  subscribe = (listener: () => void): (() => void) => this.notifier.subscribe(listener);

  dispose(): void {
    this.notifier.dispose();
  }

  private note(kind: SoakNote['kind'], text: string, elapsedMs = this.now() - this.startClock): void {
    this.notes.push({ kind, elapsedMs, text });
    if (this.notes.length > MAX_NOTES) this.notes.shift();
  }

  private build(): SoakViewState {
    return {
      plan: this.plan,
      runId: this.runId,
      startedAt: this.startedAt,
      dbFile: this.dbFile,
      tick: this.tick,
      series: { p95: this.series.p95.values(), rss: this.series.rss.values(), loopDelay: this.series.loopDelay.values(), cpu: this.series.cpu.values() },
      resolution: this.series.p95.resolution,
      lastCheckpoint: this.lastCheckpointOfTick(),
      notes: [...this.notes],
      errors: this.errors,
      warnings: this.warnings,
      stopping: this.stopping,
      report: this.report,
    };
  }

  private lastCheckpointOfTick(): SoakViewState['lastCheckpoint'] {
    const cp = this.tick?.lastCheckpoint;
    if (!cp) return null;
    // The tick has it in whole ms, the event unrounded.
    const known = this.checkpoints.find((c) => Math.abs(c.elapsedMs - cp.elapsedMs) < 2);
    return { ...cp, index: known?.index ?? null };
  }
}
