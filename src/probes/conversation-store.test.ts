import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from './conversation-store.js';

const dir = mkdtempSync(join(tmpdir(), 'soundcheck-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let store: ConversationStore;
let n = 0;
beforeEach(async () => {
  store = await ConversationStore.open(join(dir, `store-${n++}.db`));
});
afterEach(() => store.close());

describe('ConversationStore', () => {
  it('runs in WAL mode on a real file', () => {
    expect(store.journalMode()).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // FULL (2): commits wait for the disk, as in a bridge that does not tune SQLite.
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('returns the newest 20 turns, oldest first, ties broken by insertion order', () => {
    store.createSession('s1', 'u1', { room: 'kitchen' }, 1000);
    store.createSession('s2', null, null, 1000);
    for (let i = 0; i < 30; i++) store.addTurn('s1', i % 2 ? 'assistant' : 'user', `turn ${i}`, null, 2000 + Math.floor(i / 3));
    store.addTurn('s2', 'user', 'other session', null, 9999);
    const recent = store.recentTurns('s1');
    expect(recent).toHaveLength(20);
    expect(recent.map((t) => t.content)).toEqual(Array.from({ length: 20 }, (_, i) => `turn ${i + 10}`));
    expect(store.recentTurns('s1', 5).at(-1)?.content).toBe('turn 29');
    expect(store.recentTurns('nobody')).toEqual([]);
  });

  it('records tools, touches sessions and enforces foreign keys', () => {
    store.createSession('s1', 'u1', { room: 'kitchen' }, 1000);
    const turn = store.addTurn('s1', 'assistant', 'Timer set.', 420.5, 1500);
    expect(store.addToolExecution(turn, 'timer.start', { duration_s: 300 }, 'ok', 3.2)).toBeGreaterThan(0);
    expect(store.touchSession('s1', 5000)).toBe(true);
    expect(store.touchSession('missing')).toBe(false);
    expect(store.getSession('s1')).toEqual({ id: 's1', createdAt: 1000, lastActivity: 5000, userId: 'u1', metadata: { room: 'kitchen' } });
    expect(() => store.addTurn('missing', 'user', 'x')).toThrow(/FOREIGN KEY/);
    expect(() => store.addToolExecution(9999, 'x', null, null)).toThrow(/FOREIGN KEY/);
  });

  it('rolls a failed transaction back entirely', () => {
    store.createSession('s1');
    expect(() =>
      store.transaction(() => {
        store.addTurn('s1', 'user', 'kept?');
        store.addTurn('s1', 'robot' as never, 'bad role');
      }),
    ).toThrow(/CHECK constraint/);
    expect(store.countTurns()).toBe(0);
  });
});
