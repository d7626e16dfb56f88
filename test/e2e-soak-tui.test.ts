/**
 * The soak in the TUI, with the built `soundcheck` in a real terminal (tmux at 80×24): set up in
 * the picker with the keys, watched live, stopped with q; `soundcheck soak` opening the live
 * screen at once; a signal during a TUI soak; CI and --no-tui keeping the plain lines.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTerminals, widest } from './tmux.js';

const terminal = useTerminals();

const interactionsOn = (screen: string): number => Number(/interactions (\d+) ·/.exec(screen)?.[1] ?? -1);
const flat = (s: string): string => s.replace(/\n/g, '');

describe('soundcheck soak in the TUI (tmux, 80×24)', () => {
  it('sets a soak up in the picker with the keys, shows it live, stops it with q, and keeps its reports', async () => {
    const t = terminal(80, 24);
    await t.waitFor('the picker', (s) => s.includes('enter start'));
    t.keys('Tab');
    await t.waitFor('soak mode', (s) => s.includes('Start soak'));
    // Duration 20s, rate 5, health every 2s, checkpoints every 4s.
    t.keys('Enter', 'C-u', '2', '0', 's', 'Enter', 'j', 'j', 'Enter', 'C-u', '5', 'Enter', 'j', 'Enter', '2', 's', 'Enter', 'j', 'Enter', '4', 's', 'Enter');
    const set = await t.waitFor('the soak set up', (s) => /Checkpoint interval\s+4s/.test(s));
    expect(set).toMatch(/Duration\s+20s/);
    expect(set).toMatch(/Rate\s+5\/s/);
    expect(set).toMatch(/Health interval\s+2s/);
    expect(set).toContain('interaction at 5/s for 20s: about 100 interactions');
    expect(set).toMatch(/Pass criteria: crashes==0, error_rate<1%/);

    t.keys('s');
    // The footer too: Ink writes a frame top to bottom, and the capture must be a whole frame.
    const first = await t.waitFor('the live soak counting', (s) => interactionsOn(s) > 0 && /ms┤/.test(s) && s.includes('↑↓ chart  q stop  ? help'));
    expect(first).toMatch(/^soundcheck soak · interaction at 5\/s · running/);
    expect(first).toMatch(/elapsed \d+s · remaining \d+s of 20s/);
    expect(first).toMatch(/verdict so far: (PASSING|FAILING)/);
    expect(first).toMatch(/interaction p95 \(last 30 s\) · now/);
    expect(first).toMatch(/^ {2}RSS\s+[▁▂▃▄▅▆▇█]+\s+\d+\.\d MB/m);
    expect(first).toContain('↑↓ chart  q stop  ? help');
    expect(widest(first)).toBeLessThanOrEqual(80);
    const later = await t.waitFor('more interactions and a checkpoint', (s) => interactionsOn(s) >= interactionsOn(first) + 5 && /checkpoint #0 at/.test(s));
    expect(widest(later)).toBeLessThanOrEqual(80);
    t.keys('Down');
    await t.waitFor('the RSS chart', (s) => /RSS of soundcheck · now \d+\.\d MB/.test(s) && / MB┤/.test(s));

    t.keys('q');
    const summary = await t.waitFor('the soak summary', (s) => s.includes('r rerun  b back  q quit'), 10_000);
    expect(summary).toMatch(/FAIL \(stopped\) — \d+ interactions/);
    expect(summary).toMatch(/Criterion\s+Measured\s+Status/);
    expect(summary).toMatch(/crashes==0\s+0\s+PASS/);
    const reportDir = path.join(t.dataDir, 'reports');
    const files = readdirSync(reportDir).sort();
    expect(files).toHaveLength(2);
    const json = files.find((f) => f.endsWith('.json'))!;
    expect(json).toMatch(/^soak-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    expect(flat(summary)).toContain(json);
    expect(flat(summary)).toContain(json.replace(/\.json$/, '.md'));
    const report = JSON.parse(readFileSync(path.join(reportDir, json), 'utf8'));
    expect(report.status).toBe('stopped');
    expect(report.passed).toBe(false);
    expect(report.test_info.planned_duration_seconds).toBe(20);
    expect(report.test_info.health_interval_seconds).toBe(2);
    expect(report.test_info.checkpoint_interval_seconds).toBe(4);
    expect(report.summary.total_interactions).toBeGreaterThanOrEqual(interactionsOn(later));
    expect(existsSync(path.join(t.dataDir, 'soundcheck.db'))).toBe(true);

    t.keys('q');
    expect(await t.exitCode()).toBe(1);
    const after = await t.waitFor('the printed summary', (s) => s.includes('Markdown report:'));
    expect(after).toMatch(/FAIL \(stopped\) — /);
    expect(flat(after)).toContain(path.join(reportDir, json));
    const settings = JSON.parse(readFileSync(path.join(t.configDir, 'settings.json'), 'utf8'));
    expect(settings.mode).toBe('soak');
    expect(settings.soak).toEqual({ duration: '20s', quick: false, rate: '5', healthInterval: '2s', checkpointInterval: '4s' });
  });

  it('`soundcheck soak FLAGS` opens the live soak at once, which ends by itself; the exit code is its verdict', async () => {
    const t = terminal(80, 24, {}, ['soak', '--duration', '3s', '--rate', '5', '--health-interval', '1s', '--checkpoint-interval', '1s']);
    const live = await t.waitFor('the live soak', (s) => /soundcheck soak · interaction at 5\/s/.test(s));
    expect(live).not.toContain('enter start');
    const summary = await t.waitFor('the summary', (s) => s.includes('r rerun  b back  q quit'), 20_000);
    expect(summary).toMatch(/(PASS|FAIL) — 15 interactions, 0 failed/);
    expect(summary).not.toContain('(stopped)');
    const json = readdirSync(path.join(t.dataDir, 'reports')).find((f) => f.endsWith('.json'))!;
    const report = JSON.parse(readFileSync(path.join(t.dataDir, 'reports', json), 'utf8'));
    expect(report.status).toBe('finished');
    t.keys('q');
    expect(await t.exitCode()).toBe(report.passed ? 0 : 1);
  });

  it('SIGTERM during a TUI soak stops it gracefully: reports written, exit code 1', async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), 'soundcheck-e2e-json-')), 'soak-term.json');
    const t = terminal(80, 24, {}, ['soak', '--duration', '10m', '--rate', '5', '--health-interval', '1s', '--checkpoint-interval', '1s', '--json', json]);
    await t.waitFor('the live soak counting', (s) => interactionsOn(s) > 3);
    const sent = Date.now();
    process.kill(t.pid(), 'SIGTERM');
    expect(await t.exitCode()).toBe(1);
    expect(Date.now() - sent).toBeLessThan(4000);
    const printed = await t.waitFor('the printed summary', (s) => s.includes('JSON report:'));
    expect(printed).toMatch(/FAIL \(stopped\) — /);
    expect(flat(printed)).toContain(`JSON report: ${json}`);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.status).toBe('stopped');
    expect(report.checkpoints.length).toBeGreaterThan(0);
    // The Markdown report went to the data directory, as by default.
    expect(readdirSync(path.join(t.dataDir, 'reports')).filter((f) => f.endsWith('.md'))).toHaveLength(1);
    rmSync(path.dirname(json), { recursive: true, force: true });
  });

  it('keeps the plain lines under CI and with --no-tui, even on a terminal', async () => {
    const ci = terminal(80, 24, { CI: '1' }, ['-p', 'config_loading', '-n', '5']);
    expect(await ci.exitCode(20_000)).toBeLessThanOrEqual(1);
    const bench = ci.history();
    expect(bench).toMatch(/config_loading/);
    expect(bench).toMatch(/(PASS|FAIL) — /);
    expect(bench).not.toContain('enter start');

    const noTui = terminal(80, 24, {}, ['soak', '--no-tui', '--duration', '2s', '--rate', '5', '--health-interval', '1s', '--checkpoint-interval', '1s']);
    expect(await noTui.exitCode(20_000)).toBeLessThanOrEqual(1);
    const soak = noTui.history();
    expect(flat(soak)).toMatch(/soundcheck soak [0-9a-f-]{36}: interaction at 5\/s for 2s/);
    expect(soak).toMatch(/Criterion\s+Measured\s+Status/);
    expect(soak).toContain('JSON report:');
  });
});
