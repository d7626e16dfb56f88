import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BIN = path.join(ROOT, 'bin', 'soundcheck.js');

/** The CLI tests run the built program, as a user does; `npm test` builds first (pretest). */
export function ensureBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    spawnSync('node', ['scripts/copy-assets.mjs'], { cwd: ROOT });
  }
}

export function tempDir(prefix = 'soundcheck-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Runs `soundcheck ARGS` without a terminal, with its own data and config directories. */
export function soundcheck(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): SpawnSyncReturns<string> {
  const home = tempDir();
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: {
      ...process.env,
      SOUNDCHECK_DATA_DIR: path.join(home, 'data'),
      SOUNDCHECK_CONFIG_DIR: path.join(home, 'config'),
      NO_COLOR: '1',
      ...env,
    },
  });
}
