/**
 * One soak as the TUI sees it: the engine's runSoak on the run store in the data directory, a
 * throttled bounded store of its events for the screens, a graceful stop (the current interaction
 * finishes or is abandoned within 2 s, the final checkpoint and the report are written), and the
 * JSON and Markdown reports written at the end as `soundcheck soak` writes them. Plain TS, outside
 * React, so a signal handler can stop it and wait for its reports after the Ink app is gone.
 */
import path from 'node:path';
import { runSoak } from '../engine/soak.js';
import type { SoakReport } from '../engine/soak-report.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { RunStore } from '../engine/store.js';
import { soakReportPaths, writeSoakReports } from '../commands/soak.js';
import { dataDir } from '../paths.js';
import type { ReportPaths } from './components/SummaryTable.js';
import { SoakViewStore } from './soak-store.js';

export interface SoakSessionEnv {
  assetsDir: string;
  /** The run store's file; soundcheck.db in the data directory unless a test says otherwise. */
  dbFile?: string;
  /** --json/--markdown of `soundcheck soak`; the reports directory otherwise. */
  json?: string;
  markdown?: string;
  /** Store notification interval, ms. */
  notifyMs?: number;
  /** The engine's live tick, ms (1 s unless a test hurries it). */
  tickMs?: number;
  maxPoints?: number;
}

export interface SoakOutcome {
  report: SoakReport;
  reports: ReportPaths;
}

let sessions = 0;

export class SoakSession {
  /** Distinguishes a rerun from the run before it (React keys). */
  readonly id = ++sessions;
  readonly store: SoakViewStore;
  readonly done: Promise<SoakOutcome>;
  private readonly controller = new AbortController();

  /** Throws (before anything runs) when the run store cannot be opened. */
  constructor(readonly plan: SoakPlan, env: SoakSessionEnv) {
    this.store = new SoakViewStore(plan, { intervalMs: env.notifyMs, maxPoints: env.maxPoints });
    const runs = new RunStore(env.dbFile ?? path.join(dataDir(), 'soundcheck.db'));
    // runSoak is async: whatever goes wrong in it (even creating the run) rejects `done`.
    this.done = runSoak(plan, { store: runs, assetsDir: env.assetsDir, sinks: [this.store.sink], signal: this.controller.signal, tickMs: env.tickMs })
      .then((report) => ({ report, reports: writeReports(report, env) }))
      .finally(() => runs.close());
  }

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  /** Graceful: the engine finishes or abandons the current interaction, then checkpoints and reports. */
  stop(): void {
    if (this.controller.signal.aborted) return;
    this.store.markStopping();
    this.controller.abort();
  }
}

/** writeSoakReports' messages collected for the summary screen: a write to the terminal would tear the TUI. */
function writeReports(report: SoakReport, env: SoakSessionEnv): ReportPaths {
  let paths: { json: string; markdown: string };
  try {
    paths = soakReportPaths(report, env.json, env.markdown);
  } catch (e) {
    return { error: `could not write the reports: ${(e as Error).message}` };
  }
  const errors: string[] = [];
  const quiet = { write: () => true };
  const ok = writeSoakReports(report, paths.json, paths.markdown, quiet, { write: (s: string) => errors.push(s.replace(/^soundcheck: /, '').trim()) });
  if (ok) return paths;
  const failed = (file: string): boolean => errors.some((e) => e.includes(`'${file}'`));
  return {
    ...(failed(paths.json) ? {} : { json: paths.json }),
    ...(failed(paths.markdown) ? {} : { markdown: paths.markdown }),
    error: errors.join('; '),
  };
}
