import type BetterSqlite3 from 'better-sqlite3';

/**
 * The voice bridge's conversation history in SQLite: sessions, their turns, and the tools a
 * turn ran. The database_operations probe times one turn's worth of writes and reads; the soak
 * reuses the store to see whether the database degrades over hours.
 */

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS sessions (
  id            TEXT PRIMARY KEY,
  created_at    INTEGER NOT NULL,            -- ms since the epoch
  last_activity INTEGER NOT NULL,
  user_id       TEXT,
  metadata      TEXT CHECK (metadata IS NULL OR json_valid(metadata))
);

CREATE TABLE IF NOT EXISTS conversation_turns (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
  content     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  latency_ms  REAL
);
-- Every request reads "this session's latest turns"; without it that is a full scan.
CREATE INDEX IF NOT EXISTS idx_turns_session_created ON conversation_turns(session_id, created_at);

CREATE TABLE IF NOT EXISTS tool_executions (
  id          INTEGER PRIMARY KEY,
  turn_id     INTEGER NOT NULL REFERENCES conversation_turns(id) ON DELETE CASCADE,
  tool_name   TEXT NOT NULL,
  arguments   TEXT CHECK (arguments IS NULL OR json_valid(arguments)),
  result      TEXT,
  duration_ms REAL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_tools_turn ON tool_executions(turn_id);
`;

export type Role = 'user' | 'assistant' | 'system' | 'tool';

export interface Turn {
  id: number;
  sessionId: string;
  role: Role;
  content: string;
  createdAt: number;
  latencyMs: number | null;
}

export interface Session {
  id: string;
  createdAt: number;
  lastActivity: number;
  userId: string | null;
  metadata: unknown;
}

interface TurnRow {
  id: number;
  session_id: string;
  role: Role;
  content: string;
  created_at: number;
  latency_ms: number | null;
}

interface SessionRow {
  id: string;
  created_at: number;
  last_activity: number;
  user_id: string | null;
  metadata: string | null;
}

export interface StoreOptions {
  /** Default 'wal', as the bridge runs; open() fails if the file system cannot do it. */
  journalMode?: 'wal' | 'delete';
  /**
   * Default 'full', SQLite's own default and so what a bridge gets unless it tunes it: every
   * commit waits for the disk, which on an SD card is most of what a turn's write costs.
   * 'normal' skips that wait in WAL mode (safe across app crashes, not power loss).
   */
  synchronous?: 'full' | 'normal';
}

type Db = BetterSqlite3.Database;
type Stmt = BetterSqlite3.Statement;

export class ConversationStore {
  readonly path: string;
  readonly db: Db;
  private readonly stmts: {
    createSession: Stmt;
    addTurn: Stmt;
    addTool: Stmt;
    recent: Stmt;
    touch: Stmt;
    getSession: Stmt;
    countAll: Stmt;
    countSession: Stmt;
  };

  private constructor(path: string, db: Db) {
    this.path = path;
    this.db = db;
    // Prepared once: preparing per call would dominate the timings this store is used to measure.
    this.stmts = {
      createSession: db.prepare(
        'INSERT INTO sessions (id, created_at, last_activity, user_id, metadata) VALUES (?, ?, ?, ?, ?)',
      ),
      addTurn: db.prepare(
        'INSERT INTO conversation_turns (session_id, role, content, created_at, latency_ms) VALUES (?, ?, ?, ?, ?)',
      ),
      addTool: db.prepare(
        'INSERT INTO tool_executions (turn_id, tool_name, arguments, result, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // Newest N via the index (scanned backwards), then returned oldest first; id breaks ties
      // between turns written in the same millisecond.
      recent: db.prepare(
        `SELECT * FROM (
           SELECT id, session_id, role, content, created_at, latency_ms FROM conversation_turns
           WHERE session_id = ? ORDER BY created_at DESC, id DESC LIMIT ?
         ) ORDER BY created_at ASC, id ASC`,
      ),
      touch: db.prepare('UPDATE sessions SET last_activity = ? WHERE id = ?'),
      getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      countAll: db.prepare('SELECT count(*) AS n FROM conversation_turns'),
      countSession: db.prepare('SELECT count(*) AS n FROM conversation_turns WHERE session_id = ?'),
    };
  }

  /** Open (creating if needed) the database file and its schema. */
  static async open(path: string, options: StoreOptions = {}): Promise<ConversationStore> {
    // Imported here so that loading this module does not load the native addon.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    try {
      const wanted = options.journalMode ?? 'wal';
      const mode = String(db.pragma(`journal_mode = ${wanted === 'wal' ? 'WAL' : 'DELETE'}`, { simple: true }));
      // SQLite silently keeps the old mode when WAL is impossible (e.g. some network file
      // systems); measuring the wrong mode would look like a pass.
      if (mode.toLowerCase() !== wanted) {
        throw new Error(`${path}: cannot use journal_mode=${wanted}, SQLite kept "${mode}"`);
      }
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA_SQL);
      return new ConversationStore(path, db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  createSession(id: string, userId: string | null = null, metadata: unknown = null, at = Date.now()): void {
    this.stmts.createSession.run(id, at, at, userId, metadata === null ? null : JSON.stringify(metadata));
  }

  getSession(id: string): Session | undefined {
    const row = this.stmts.getSession.get(id) as SessionRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      lastActivity: row.last_activity,
      userId: row.user_id,
      metadata: row.metadata === null ? null : JSON.parse(row.metadata),
    };
  }

  /** Append a turn; returns its id. */
  addTurn(sessionId: string, role: Role, content: string, latencyMs: number | null = null, at = Date.now()): number {
    return Number(this.stmts.addTurn.run(sessionId, role, content, at, latencyMs).lastInsertRowid);
  }

  /** Record a tool the assistant ran during a turn; returns its id. */
  addToolExecution(
    turnId: number,
    toolName: string,
    args: unknown,
    result: string | null,
    durationMs: number | null = null,
    at = Date.now(),
  ): number {
    return Number(
      this.stmts.addTool.run(turnId, toolName, args === undefined ? null : JSON.stringify(args), result, durationMs, at)
        .lastInsertRowid,
    );
  }

  /**
   * The session's newest `limit` turns (default 20, the bridge's history_turns), returned
   * OLDEST FIRST: the order in which they are sent to the assistant as context.
   */
  recentTurns(sessionId: string, limit = 20): Turn[] {
    const rows = this.stmts.recent.all(sessionId, limit) as TurnRow[];
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      role: r.role,
      content: r.content,
      createdAt: r.created_at,
      latencyMs: r.latency_ms,
    }));
  }

  /** Mark the session active now; false if no such session. */
  touchSession(sessionId: string, at = Date.now()): boolean {
    return this.stmts.touch.run(at, sessionId).changes > 0;
  }

  /** Turns stored, in one session or overall. */
  countTurns(sessionId?: string): number {
    const row = (sessionId === undefined ? this.stmts.countAll.get() : this.stmts.countSession.get(sessionId)) as { n: number };
    return row.n;
  }

  /**
   * Run `fn` in one transaction (committed on return, rolled back on throw). Builds the wrapper
   * per call; a hot path should build its own once with `store.db.transaction`.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
