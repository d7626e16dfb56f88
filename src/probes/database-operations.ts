import { join } from 'node:path';
import type { Probe, ProbeCheck, ProbeContext } from '../engine/types.js';
import { ConversationStore, type Turn } from './conversation-store.js';

const SESSIONS = 5;
const SEEDED_TURNS_PER_SESSION = 40;
const HISTORY_TURNS = 20;

const USER_LINES = [
  'set a timer for fifteen minutes',
  "what's the weather in são paulo at seven thirty",
  'turn on the kitchen lights',
  'add oat milk to my shopping list',
  'play some jazz in the kitchen',
];
const ASSISTANT_LINES = [
  "Sure! I've set a timer for 15 minutes.",
  "It's 24.5 degrees and partly cloudy in São Paulo. Expect light rain around 7:30 p.m.",
  'Okay, the kitchen lights are on.',
  'Added oat milk to your shopping list.',
  'Playing jazz on the kitchen speaker.',
];

interface State {
  store: ConversationStore;
  sessionIds: string[];
  /** One prepared transaction for the whole iteration, built once in setup. */
  turn: (iteration: number) => Turn[];
  turnsAtStart: number;
  iterations: number;
  lastHistory: number;
}

const probe: Probe<State> = {
  id: 'database_operations',
  title: 'Database operations',
  description: "SQLite (WAL) with the bridge's schema: add a turn, read the session's last 20 turns, update the session",
  defaultIterations: 50,
  target: 'avg<100ms',

  async setup(ctx: ProbeContext): Promise<State> {
    // A real file, not :memory:, so WAL, fsync behaviour and the page cache are what the box has.
    const store = await ConversationStore.open(join(ctx.tmpDir, 'bridge.db'));
    const sessionIds = Array.from({ length: SESSIONS }, (_, i) => `session-${i + 1}`);
    const t0 = Date.now() - 3_600_000;
    store.transaction(() => {
      sessionIds.forEach((id, s) => {
        store.createSession(id, `user-${(s % 2) + 1}`, { room: ['kitchen', 'living room'][s % 2], device: 'satellite-1' }, t0);
        for (let t = 0; t < SEEDED_TURNS_PER_SESSION; t++) {
          const user = t % 2 === 0;
          const line = (user ? USER_LINES : ASSISTANT_LINES)[(t >> 1) % USER_LINES.length]!;
          store.addTurn(id, user ? 'user' : 'assistant', line, user ? null : 400 + ((t * 37) % 300), t0 + t * 5_000);
        }
      });
    });

    const state: State = {
      store,
      sessionIds,
      turn: () => [],
      turnsAtStart: store.countTurns(),
      iterations: 0,
      lastHistory: 0,
    };
    // The bridge's per-turn write path, committed as one unit: a crash must not leave a turn
    // recorded without its session being marked active.
    state.turn = store.db.transaction((iteration: number): Turn[] => {
      const sessionId = sessionIds[iteration % sessionIds.length]!;
      const assistant = iteration % 2 === 1;
      const lines = assistant ? ASSISTANT_LINES : USER_LINES;
      const turnId = store.addTurn(
        sessionId,
        assistant ? 'assistant' : 'user',
        lines[iteration % lines.length]!,
        assistant ? 350 + (iteration % 7) * 20 : null,
      );
      // Roughly one turn in five calls a tool (timers, lights, lists).
      if (iteration % 5 === 0) {
        store.addToolExecution(turnId, 'timer.start', { duration_s: 900, name: 'kitchen' }, '{"ok":true}', 12.5);
      }
      const history = store.recentTurns(sessionId, HISTORY_TURNS);
      store.touchSession(sessionId);
      return history;
    });
    return state;
  },

  run(state: State, iteration: number): void {
    const history = state.turn(iteration);
    state.lastHistory = history.length;
    state.iterations++;
  },

  /** Every committed iteration must have left exactly one turn behind, in a sound database. */
  verify(state: State): ProbeCheck {
    const { store } = state;
    const added = store.countTurns() - state.turnsAtStart;
    const integrity = String(store.db.pragma('integrity_check', { simple: true }));
    const mode = store.journalMode();
    const historyOk = state.iterations === 0 || state.lastHistory === HISTORY_TURNS;
    const ok = added === state.iterations && integrity === 'ok' && mode === 'wal' && historyOk;
    return {
      ok,
      message:
        `${added} turns added for ${state.iterations} iterations, history read ${state.lastHistory}/${HISTORY_TURNS} turns, ` +
        `journal_mode=${mode}, integrity_check=${integrity}`,
      metrics: { turns_added: added },
    };
  },

  teardown(state: State): void {
    state.store.close();
  },
};

export default probe;
