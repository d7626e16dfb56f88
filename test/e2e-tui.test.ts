/**
 * The built `soundcheck` in a real terminal: tmux at 80×24, driven by keys as a person would,
 * read back with capture-pane. Polls the screen with deadlines; no fixed sleeps.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'soundcheck.js');

function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    // Not a skip: without tmux this test proves nothing, and a skipped e2e test looks like a pass.
    throw new Error('tmux is required for the end-to-end TUI test but was not found; install it (apt-get install tmux) — .ci/run does');
  }
}

beforeAll(() => {
  // tmux is checked in each test, so each one fails by name (a failing beforeAll reports them skipped).
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { cwd: root, stdio: 'inherit' });
  }
}, 120_000);

/** One soundcheck in its own tmux server (unique socket), with its own config and data dirs. */
class Terminal {
  readonly socket = `soundcheck-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-e2e-'));
  readonly configDir = path.join(this.dir, 'config');
  readonly dataDir = path.join(this.dir, 'data');
  readonly exitFile = path.join(this.dir, 'exit-code');

  constructor(columns: number, rows: number, env: Record<string, string> = {}) {
    const vars = Object.entries({ SOUNDCHECK_CONFIG_DIR: this.configDir, SOUNDCHECK_DATA_DIR: this.dataDir, ...env })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    // CI=1 makes Ink print only the last frame at exit, and NO_COLOR is the test's choice: clear both.
    // After soundcheck exits the pane stays (sleep) so the summary it prints can be read back.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${vars} ${process.execPath} ${bin}; echo $? > ${this.exitFile}; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), command);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
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

const open: Terminal[] = [];
const terminal = (columns: number, rows: number, env?: Record<string, string>): Terminal => {
  requireTmux();
  const t = new Terminal(columns, rows, env);
  open.push(t);
  return t;
};
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});
afterAll(() => {
  for (const t of open.splice(0)) t.close();
});

const lines = (screen: string): string[] => screen.split('\n');
const widest = (screen: string): number => Math.max(...lines(screen).map((l) => [...l].length));

describe('soundcheck TUI in a real terminal (tmux, 80×24)', () => {
  it('picks two probes with the keys, runs them live, shows the summary and writes the reports', async () => {
    const t = terminal(80, 24);
    const picker = await t.waitFor('the picker', (s) => s.includes('enter start') && s.includes('[x] config_loading'));
    expect(picker).toContain('5 of 5 selected');

    // a: none selected. config_loading (focused): select, 400 iterations. Two down: string_processing, 500.
    t.keys('a', 'Space', '4', '0', '0', 'Enter', 'j', 'j', 'Space', '5', '0', '0', 'Enter');
    const chosen = await t.waitFor('two probes chosen', (s) => s.includes('2 of 5 selected'));
    expect(chosen).toMatch(/\[x\] config_loading .* 400× avg<10ms/);
    expect(chosen).toMatch(/› \[x\] string_processing .* 500× avg<10ms/);
    expect(chosen).toMatch(/\[ \] audio_processing/);

    t.keys('Enter');
    const live = await t.waitFor(
      'live progress of config_loading',
      (s) => /config_loading\s+█*░+\s+[1-9]\d*\/400\s+ETA/.test(s),
    );
    expect(live).toContain('soundcheck bench · probe 1 of 2');
    expect(live).toMatch(/p50\s+\d[\d.]* [mµ]?s\s+p95/);
    expect(live).toMatch(/· string_processing .* 0\/500\s+queued/);
    expect(live).toMatch(/config_loading · \d+ recent samples/);
    expect(live).toContain('↑↓ chart  q stop  ? help');
    expect(widest(live)).toBeLessThanOrEqual(80);

    const summary = await t.waitFor('the summary', (s) => s.includes('r rerun  b back  q quit'), 120_000);
    expect(summary).toMatch(/soundcheck bench\s+(PASS|FAIL) — /);
    expect(summary).toMatch(/Probe\s+Mean ± σ\s+.*Status/);
    expect(summary).toMatch(/config_loading\s+.*avg<10ms [✓✗]\s+(PASS|FAIL)/);
    expect(summary).toMatch(/string_processing\s+.*avg<10ms [✓✗]\s+(PASS|FAIL)/);

    const reportDir = path.join(t.dataDir, 'reports');
    const files = readdirSync(reportDir).sort();
    expect(files).toHaveLength(2);
    const [json, markdown] = [files.find((f) => f.endsWith('.json'))!, files.find((f) => f.endsWith('.md'))!];
    expect(json).toMatch(/^bench-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    expect(markdown).toBe(json.replace(/\.json$/, '.md'));
    // The paths are on the screen (whole, or the directory once and the names under it).
    expect(summary.replace(/\n/g, '')).toContain(json);
    expect(summary.replace(/\n/g, '')).toContain(markdown);
    const report = JSON.parse(readFileSync(path.join(reportDir, json), 'utf8'));
    expect(Object.keys(report.results)).toEqual(['config_loading', 'string_processing']);
    expect(report.results.config_loading.iterations).toBe(400);
    expect(report.results.string_processing.iterations).toBe(500);
    expect(summary).toContain(report.passed ? 'PASS — all 2 probes met their targets' : 'FAIL — ');

    t.keys('q');
    expect(await t.exitCode()).toBe(report.passed ? 0 : 1);
    // Off the alternate screen, the run's summary stays readable in the terminal.
    const after = await t.waitFor('the printed summary', (s) => s.includes('JSON report:'));
    expect(after).toMatch(/(PASS|FAIL) — /);
    expect(after.replace(/\n/g, '')).toContain(path.join(reportDir, json));

    // The run is in the run store like a headless one: `soundcheck report --last` rebuilds it.
    // (spawnSync: its exit code follows the run's verdict, which may be FAIL on a slow box.)
    const stored = JSON.parse(spawnSync(process.execPath, [bin, 'report', '--last', '--json', '-'], {
      env: { ...process.env, SOUNDCHECK_DATA_DIR: t.dataDir, SOUNDCHECK_CONFIG_DIR: t.configDir },
      encoding: 'utf8',
    }).stdout);
    expect(stored.run_id).toBe(report.run_id);

    // The choices are remembered for the next start.
    const settings = JSON.parse(readFileSync(path.join(t.configDir, 'settings.json'), 'utf8'));
    expect(settings.selected).toEqual(['config_loading', 'string_processing']);
    expect(settings.iterations).toMatchObject({ config_loading: 400, string_processing: 500 });
  });

  it('says how big the terminal must be, comes back on resize, and honours NO_COLOR', async () => {
    const t = terminal(50, 12, { NO_COLOR: '1' });
    const small = await t.waitFor('the size guard', (s) => s.includes('Terminal too small: 50×12'));
    expect(small).toContain('at least 60×16');
    t.tmux('resize-window', '-t', 'main', '-x', '80', '-y', '24');
    await t.waitFor('the picker after the resize', (s) => s.includes('enter start'));
    const styled = t.screen(true);
    // Bold, dim and inverse are allowed; no foreground or background colour is.
    expect(styled).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)[0-9;]*m/);
    expect(styled).toMatch(/\x1b\[[0-9;]*;?7m/); // the focused row is still inverted
    t.keys('q');
    expect(await t.exitCode()).toBe(0);
  });
});
