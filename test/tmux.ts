/**
 * The built `soundcheck` in a real terminal: each Terminal is its own tmux server (unique socket)
 * with its own config and data directories, read back with capture-pane, polled with deadlines.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = path.join(root, 'bin', 'soundcheck.js');

function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    // Not a skip: without tmux this test proves nothing, and a skipped e2e test looks like a pass.
    throw new Error('tmux is required for the end-to-end TUI test but was not found; install it (apt-get install tmux) — .ci/run does');
  }
}

/** Builds once if there is no build; registers the cleanup of every Terminal. Call at the top of a test file. */
export function useTerminals(): (columns: number, rows: number, env?: Record<string, string>, args?: string[]) => Terminal {
  beforeAll(() => {
    // tmux is checked in each test, so each one fails by name (a failing beforeAll reports them skipped).
    if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
      execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { cwd: root, stdio: 'inherit' });
    }
  }, 120_000);
  const open: Terminal[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.close();
  });
  afterAll(() => {
    for (const t of open.splice(0)) t.close();
  });
  return (columns, rows, env, args) => {
    requireTmux();
    const t = new Terminal(columns, rows, env, args);
    open.push(t);
    return t;
  };
}

/** One soundcheck in its own tmux server (unique socket), with its own config and data dirs. */
export class Terminal {
  readonly socket = `soundcheck-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-e2e-'));
  readonly configDir = path.join(this.dir, 'config');
  readonly dataDir = path.join(this.dir, 'data');
  readonly exitFile = path.join(this.dir, 'exit-code');

  constructor(columns: number, rows: number, env: Record<string, string> = {}, args: string[] = []) {
    const vars = Object.entries({ SOUNDCHECK_CONFIG_DIR: this.configDir, SOUNDCHECK_DATA_DIR: this.dataDir, ...env })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const argv = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    // CI=1 makes Ink print only the last frame at exit, and NO_COLOR is the test's choice: clear both.
    // After soundcheck exits the pane stays (sleep) so the summary it prints can be read back.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${vars} ${process.execPath} ${bin} ${argv}; echo $? > ${this.exitFile}; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), command);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main');
  }

  /** The screen and the lines scrolled off above it. */
  history(): string {
    return this.tmux('capture-pane', '-p', '-S', '-1000', '-t', 'main');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** The soundcheck process: the child of the pane's shell (env execs node). */
  pid(): number {
    const shell = this.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim();
    const r = spawnSync('pgrep', ['-P', shell, '-f', 'soundcheck.js'], { encoding: 'utf8' });
    const pid = Number(r.stdout.trim().split('\n')[0]);
    if (!pid) throw new Error(`no soundcheck process under the pane's shell ${shell}`);
    return pid;
  }

  /** Polls the screen until `ok` holds; fails with the last screen after the deadline. */
  async waitFor(what: string, ok: (screen: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (ok(last)) return last;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8').trim();
        if (text) return Number(text);
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`soundcheck did not exit within ${timeoutMs} ms; the screen was:\n${this.screen()}`);
  }

  close(): void {
    try { this.tmux('kill-server'); } catch { /* already gone */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const lines = (screen: string): string[] => screen.split('\n');
export const widest = (screen: string): number => Math.max(...lines(screen).map((l) => [...l].length));
