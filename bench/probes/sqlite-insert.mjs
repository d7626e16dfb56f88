/**
 * soundcheck probe: the shared SQLite insert (bench/workloads.mjs). Setup (untimed) creates the
 * WAL database in the probe's temporary directory and prepares the statement; each timed
 * iteration is one `insert()`, the same function mitata times.
 */
import { openSqliteInsert } from '../workloads.mjs';

export default {
  id: 'sqlite_insert',
  title: 'SQLite insert (WAL)',
  description: 'one prepared INSERT per iteration, better-sqlite3, WAL, real temp file',
  defaultIterations: 2000,
  target: 'avg<1000ms',
  setup: (ctx) => openSqliteInsert(ctx.tmpDir),
  run: (s) => s.insert(),
  teardown: (s) => s.close(),
};
