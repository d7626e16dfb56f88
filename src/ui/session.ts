/**
 * One bench run as the TUI sees it: the engine running the plan, a throttled store of its events
 * for the screens, a stop that is graceful (the engine finishes the current iteration), and the
 * reports written at the end. Plain TS, outside React, so a signal handler can stop the run and
 * wait for its reports even after the Ink app is gone.
 */
import { runBench } from '../engine/bench.js';
import { saveBenchRun } from '../report/store-bench.js';
import type { BenchPlan, BenchResult, ProbeInfo } from '../engine/types.js';
import type { ReportPaths } from './components/SummaryTable.js';
import { writeRunReports } from './reports.js';
import { RunViewStore } from './store.js';

export interface SessionEnv {
  probes: readonly ProbeInfo[];
  assetsDir: string;
  /** Where reports go; the user's data directory unless a test says otherwise. */
  reportsDir?: () => string;
  /** Store notification interval, ms. */
  notifyMs?: number;
  /**
   * Keeps the finished run in the run store, as the headless bench does, so `soundcheck report`
   * finds TUI runs too. Returns a warning, or null.
   */
  saveRun?: (result: BenchResult) => Promise<string | null>;
}


export interface SessionOutcome {
  result: BenchResult;
  reports: ReportPaths;
}

let sessions = 0;

export class BenchSession {
  /** Distinguishes a rerun from the run before it (React keys). */
  readonly id = ++sessions;
  readonly store: RunViewStore;
  readonly done: Promise<SessionOutcome>;
  private readonly controller = new AbortController();

  constructor(readonly plan: BenchPlan, env: SessionEnv) {
    this.store = new RunViewStore(plan, { intervalMs: env.notifyMs });
    this.done = runBench(plan, {
      probes: env.probes,
      assetsDir: env.assetsDir,
      sinks: [this.store.sink],
      signal: this.controller.signal,
    }).then(async (result) => {
      // Its warning goes to the summary screen: stderr would tear the TUI.
      const warning = await (env.saveRun ?? saveBenchRun)(result);
      const reports = writeRunReports(result, env.reportsDir);
      return { result, reports: warning ? { ...reports, warning } : reports };
    });
  }

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  /** Asks the engine to stop after the current iteration; `done` resolves with the partial run. */
  stop(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }
}
