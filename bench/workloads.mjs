/**
 * The calibrated workloads of soundcheck's accuracy benchmark. Both sides import these very
 * functions: the probes in bench/probes/ (run by soundcheck in a worker thread) and mitata /
 * tinybench (run in bench/accuracy.mjs's main thread), so every tool times the same code.
 *
 * Every workload is a zero-argument function (mitata treats a function with parameters as an
 * iterator benchmark); a probe's run(state, i) may pass arguments, which these ignore.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

const hrtime = process.hrtime.bigint;

/**
 * Spins on the monotonic clock until `ns` nanoseconds have passed. Calibrated by the clock, not
 * by a loop count, so it lasts the same on any CPU and at any JIT tier: a true duration of `ns`
 * plus the cost of the last clock read (tens of ns).
 */
export function spin(ns) {
  const end = hrtime() + ns;
  while (hrtime() < end) { /* spin */ }
}

export const busy10us = () => spin(10_000n);
export const busy100us = () => spin(100_000n);
export const busy1ms = () => spin(1_000_000n);

/** The empty workload: measures nothing but the harness around it. */
export const empty = () => {};

const CONTENT =
  'Turn on the kitchen lights and set them to forty percent, then remind me to water the plants at six.';

/** Inserts done while opening (untimed): past the first WAL checkpoint (1000 frames by default). */
export const SQLITE_PRIME_ROWS = 2000;

/**
 * A real SQLite insert: better-sqlite3 on a real file in `dir`, WAL mode (synchronous=NORMAL, as
 * WAL is meant to be used: no fsync per commit, so the figure is SQLite's and the page cache's,
 * not the disk's), one prepared INSERT of a conversation turn per call (autocommit: one
 * transaction each). Returns the zero-argument `insert` both tools time, and `close`.
 *
 * Opening primes the database with SQLITE_PRIME_ROWS inserts. Until the first checkpoint every
 * commit also grows the -wal file; measured here, those first ~1000 inserts of a fresh database
 * take ~20 % longer than all later ones, so a tool that takes 2000 samples and one that takes
 * 40 000 (mitata's default here) would report the medians of different workloads.
 * Primed, the workload is the same from its first timed call to its last.
 */
export function openSqliteInsert(dir) {
  const db = new Database(path.join(dir, 'accuracy.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);
  const stmt = db.prepare('INSERT INTO turns (session_id, role, content, created_at) VALUES (?, ?, ?, ?)');
  let i = 0;
  const insert = () => {
    stmt.run('session-1', (i & 1) === 0 ? 'user' : 'assistant', CONTENT, i++);
  };
  for (let k = 0; k < SQLITE_PRIME_ROWS; k++) insert();
  return { insert, close: () => db.close(), rows: () => i };
}
