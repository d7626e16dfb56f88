/**
 * The built `soundcheck` in a real terminal: tmux at 80×24, driven by keys as a person would,
 * read back with capture-pane. Polls the screen with deadlines; no fixed sleeps.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, useTerminals, widest } from './tmux.js';

const terminal = useTerminals();

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
      // Ink writes a frame top to bottom: wait for the footer too, so the capture is a whole frame.
      (s) => /config_loading\s+█*░+\s+[1-9]\d*\/400\s+ETA/.test(s) && s.includes('↑↓ chart  q stop  ? help'),
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
