/**
 * The run store: one SQLite database (WAL) holding every run — its plan, health intervals,
 * checkpoints, errors, crashes and the latest cumulative state — written as the run goes, so
 * a run killed without warning loses at most its last health interval and its report can be
 * rebuilt from here.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type RunKind = 'bench' | 'soak';
export type RunStatus = 'running' | 'finished' | 'stopped';

export interface RunRow {
  id: string;
  kind: RunKind;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  updated_at: string;
  plan: unknown;
  host: unknown;
  /** The final report, once written; a killed run has none and is rebuilt from the rows. */
  report: unknown | null;
}

export interface TimedRow<T> {
  ts: string;
  elapsed_ms: number;
  data: T;
}

export interface ErrorRow {
  ts: string;
  elapsed_ms: number;
  type: string;
  message: string;
  context: unknown;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  updated_at TEXT NOT NULL,
  plan TEXT NOT NULL,
  host TEXT NOT NULL,
  report TEXT
);
CREATE TABLE IF NOT EXISTS health (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ts TEXT NOT NULL, elapsed_ms REAL NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS health_run ON health(run_id, elapsed_ms);
CREATE TABLE IF NOT EXISTS checkpoints (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ts TEXT NOT NULL, elapsed_ms REAL NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checkpoints_run ON checkpoints(run_id, elapsed_ms);
CREATE TABLE IF NOT EXISTS errors (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ts TEXT NOT NULL, elapsed_ms REAL NOT NULL, type TEXT NOT NULL, message TEXT NOT NULL, context TEXT
);
CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id, elapsed_ms);
CREATE TABLE IF NOT EXISTS state (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  ts TEXT NOT NULL, elapsed_ms REAL NOT NULL, data TEXT NOT NULL
);
`;

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export class RunStore {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file;
    // FULL would fsync on every health interval of an 8-hour run on an SD card.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  createRun(r: { id: string; kind: RunKind; startedAt: string; plan: unknown; host: unknown }): void {
    this.db
      .prepare('INSERT INTO runs (id, kind, status, started_at, updated_at, plan, host) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.kind, 'running', r.startedAt, r.startedAt, JSON.stringify(r.plan), JSON.stringify(r.host));
  }

  finishRun(id: string, status: Exclude<RunStatus, 'running'>, finishedAt: string, report: unknown): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, updated_at = ?, report = ? WHERE id = ?')
      .run(status, finishedAt, finishedAt, JSON.stringify(report), id);
  }

  /** Health interval + the cumulative state at that moment, in one transaction. */
  saveInterval(id: string, ts: string, elapsedMs: number, health: unknown, state: unknown): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO health (run_id, ts, elapsed_ms, data) VALUES (?, ?, ?, ?)').run(id, ts, elapsedMs, JSON.stringify(health));
      this.saveState(id, ts, elapsedMs, state);
    })();
  }

  saveState(id: string, ts: string, elapsedMs: number, state: unknown): void {
    this.db
      .prepare('INSERT INTO state (run_id, ts, elapsed_ms, data) VALUES (?, ?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET ts = excluded.ts, elapsed_ms = excluded.elapsed_ms, data = excluded.data')
      .run(id, ts, elapsedMs, JSON.stringify(state));
    this.db.prepare('UPDATE runs SET updated_at = ? WHERE id = ?').run(ts, id);
  }

  addCheckpoint(id: string, ts: string, elapsedMs: number, data: unknown, state: unknown): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO checkpoints (run_id, ts, elapsed_ms, data) VALUES (?, ?, ?, ?)').run(id, ts, elapsedMs, JSON.stringify(data));
      this.saveState(id, ts, elapsedMs, state);
    })();
  }

  addErrors(id: string, rows: ErrorRow[]): void {
    if (rows.length === 0) return;
    const insert = this.db.prepare('INSERT INTO errors (run_id, ts, elapsed_ms, type, message, context) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const e of rows) insert.run(id, e.ts, e.elapsed_ms, e.type, e.message, JSON.stringify(e.context ?? null));
    })();
  }

  getRun(id: string): RunRow | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Record<string, string | null> | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Run ids may be abbreviated, as git's are. */
  findRun(prefix: string): RunRow[] {
    const rows = this.db.prepare("SELECT * FROM runs WHERE id LIKE ? || '%' ORDER BY started_at DESC").all(prefix) as Record<string, string | null>[];
    return rows.map(toRun);
  }

  lastRun(kind?: RunKind): RunRow | undefined {
    const row = (kind
      ? this.db.prepare('SELECT * FROM runs WHERE kind = ? ORDER BY started_at DESC LIMIT 1').get(kind)
      : this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT 1').get()) as Record<string, string | null> | undefined;
    return row ? toRun(row) : undefined;
  }

  listRuns(limit = 20): RunRow[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit) as Record<string, string | null>[]).map(toRun);
  }

  health<T>(id: string): TimedRow<T>[] {
    return this.timed<T>('health', id);
  }

  checkpoints<T>(id: string): TimedRow<T>[] {
    return this.timed<T>('checkpoints', id);
  }

  state<T>(id: string): TimedRow<T> | undefined {
    const row = this.db.prepare('SELECT ts, elapsed_ms, data FROM state WHERE run_id = ?').get(id) as { ts: string; elapsed_ms: number; data: string } | undefined;
    return row ? { ts: row.ts, elapsed_ms: row.elapsed_ms, data: JSON.parse(row.data) as T } : undefined;
  }

  errors(id: string, limit = 10_000): ErrorRow[] {
    const rows = this.db.prepare('SELECT ts, elapsed_ms, type, message, context FROM errors WHERE run_id = ? ORDER BY elapsed_ms LIMIT ?').all(id, limit) as { ts: string; elapsed_ms: number; type: string; message: string; context: string | null }[];
    return rows.map((r) => ({ ...r, context: parse(r.context) }));
  }

  close(): void {
    this.db.close();
  }

  private timed<T>(table: 'health' | 'checkpoints', id: string): TimedRow<T>[] {
    const rows = this.db.prepare(`SELECT ts, elapsed_ms, data FROM ${table} WHERE run_id = ? ORDER BY elapsed_ms`).all(id) as { ts: string; elapsed_ms: number; data: string }[];
    return rows.map((r) => ({ ts: r.ts, elapsed_ms: r.elapsed_ms, data: JSON.parse(r.data) as T }));
  }
}

function toRun(row: Record<string, string | null>): RunRow {
  return {
    id: row.id!,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    started_at: row.started_at!,
    finished_at: row.finished_at,
    updated_at: row.updated_at!,
    plan: parse(row.plan!),
    host: parse(row.host!),
    report: parse(row.report ?? null),
  };
}
