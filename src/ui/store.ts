/**
 * The UI's view of a bench run: a BenchSink that folds engine events into a plain state object
 * and tells subscribers about it, throttled. No React here, and no statistics: every figure the
 * screens show comes from the engine's snapshots and results.
 *
 * Throttling matters for the measurement: the probes run in workers, but drawing costs the main
 * thread CPU that a 2-core box shares with them. Subscribers hear at most one change per
 * `intervalMs` (leading and trailing edge: the first change at once, the last one always); the
 * end of the run is delivered at once so the summary never waits.
 */
import type { BenchEvent, BenchPlan, BenchResult, BenchSink, ProbeResult, ProgressSnapshot } from '../engine/types.js';
import { ThrottledNotifier } from './throttle.js';

export type ProbeRunStatus = 'queued' | 'running' | 'done';

export interface ProbeRunView {
  id: string;
  status: ProbeRunStatus;
  /** Iterations planned. */
  iterations: number;
  target: string;
  /** The latest live snapshot, null until the first arrives. */
  snapshot: ProgressSnapshot | null;
  result: ProbeResult | null;
}

export interface RunViewState {
  runId: string | null;
  startedAt: string | null;
  probes: ProbeRunView[];
  result: BenchResult | null;
}

/** No faster than the TUI draws (5 fps): a notification that cannot be drawn is wasted work. */
export const DEFAULT_NOTIFY_MS = 200;

export interface RunViewStoreOptions {
  intervalMs?: number;
  /** Clock, ms; tests substitute a fake one. */
  now?: () => number;
}

export function initialRunState(plan: BenchPlan): RunViewState {
  return {
    runId: null,
    startedAt: null,
    probes: plan.probes.map((p) => ({ id: p.id, status: 'queued', iterations: p.iterations, target: p.target, snapshot: null, result: null })),
    result: null,
  };
}

/** Pure reducer: a new state object for every event that changes something (React compares by identity). */
export function reduceRun(state: RunViewState, e: BenchEvent): RunViewState {
  const update = (id: string, f: (p: ProbeRunView) => ProbeRunView): RunViewState => ({
    ...state,
    probes: state.probes.map((p) => (p.id === id ? f(p) : p)),
  });
  switch (e.type) {
    case 'run-start':
      return { ...state, runId: e.runId, startedAt: e.startedAt };
    case 'probe-start':
      return update(e.probeId, (p) => ({ ...p, status: 'running', iterations: e.iterations }));
    case 'progress':
      return update(e.snapshot.probeId, (p) => ({ ...p, snapshot: e.snapshot }));
    case 'probe-error':
      // The count of errors arrives with the next snapshot; the details with the result.
      return state;
    case 'probe-result':
      return update(e.result.probeId, (p) => ({ ...p, status: 'done', result: e.result }));
    case 'run-end': {
      // Probes the engine never started (the run was stopped) get their not-run result too.
      const byId = new Map(e.result.results.map((r) => [r.probeId, r]));
      return {
        ...state,
        result: e.result,
        probes: state.probes.map((p) => ({ ...p, status: 'done', result: byId.get(p.id) ?? p.result })),
      };
    }
  }
}

export class RunViewStore {
  private state: RunViewState;
  private readonly notifier: ThrottledNotifier;

  constructor(plan: BenchPlan, opts: RunViewStoreOptions = {}) {
    this.state = initialRunState(plan);
    this.notifier = new ThrottledNotifier(opts.intervalMs ?? DEFAULT_NOTIFY_MS, opts.now);
  }

  /** The sink to hand to runBench. Arrow function: it is passed around detached from the store. */
  readonly sink: BenchSink = (e) => {
    this.state = reduceRun(this.state, e);
    if (e.type === 'run-end') this.notifier.flush();
    else this.notifier.schedule();
  };

  getState = (): RunViewState => this.state;

  /** useSyncExternalStore-compatible. */
  subscribe = (listener: () => void): (() => void) => this.notifier.subscribe(listener);

  /** Stops any pending notification (the screen that listened is gone). */
  dispose(): void {
    this.notifier.dispose();
  }
}
