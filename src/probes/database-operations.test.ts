import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import probe from './database-operations.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const tmpDir = mkdtempSync(join(tmpdir(), 'soundcheck-db-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe('database_operations probe', () => {
  it('keeps its fixed identity and defaults', () => {
    expect(probe).toMatchObject({ id: 'database_operations', title: 'Database operations', defaultIterations: 50, target: 'avg<100ms' });
  });

  it('adds one turn per iteration to a WAL database file and verifies it', async () => {
    const state = await probe.setup({ tmpDir, assetsDir, options: {} });
    expect(existsSync(join(tmpDir, 'bridge.db'))).toBe(true);
    expect(state.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const before = state.store.countTurns();
    const N = 12;
    for (let i = 0; i < N; i++) await probe.run(state, i);
    expect(state.store.countTurns()).toBe(before + N);
    expect(state.lastHistory).toBe(20);
    // Iterations 0, 5 and 10 call a tool.
    expect(state.store.db.prepare('SELECT count(*) AS n FROM tool_executions').get()).toEqual({ n: 3 });
    // The WAL file exists: writes really went through the write-ahead log.
    expect(existsSync(join(tmpDir, 'bridge.db-wal'))).toBe(true);
    const check = await probe.verify!(state);
    expect(check.ok).toBe(true);
    expect(check.message).toContain(`${N} turns added for ${N} iterations`);
    await probe.teardown?.(state);
    expect(state.store.db.open).toBe(false);
  });

  it('fails verification if turns go missing', async () => {
    const state = await probe.setup({ tmpDir: mkdtempSync(join(tmpDir, 'x-')), assetsDir, options: {} });
    await probe.run(state, 0);
    state.store.db.prepare('DELETE FROM conversation_turns WHERE id = (SELECT max(id) FROM conversation_turns)').run();
    const check = await probe.verify!(state);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('0 turns added for 1 iterations');
    await probe.teardown?.(state);
  });
});
