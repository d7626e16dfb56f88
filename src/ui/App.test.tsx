/** The whole TUI flow on the real engine: pick, edit, run, read the summary, go back, rerun, quit. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BenchPlan } from '../engine/types.js';
import { assetsDir, builtinProbes } from '../probes/registry.js';
import { defaultSettings, type Settings } from '../settings.js';
import { KEY, LIGHT_PROBE, plain, press, waitForFrame } from '../../test/ui-helpers.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { soakPlanFromFlags } from '../commands/soak.js';
import { SoakSession, type SoakOutcome } from './soak-session.js';
import { App } from './App.js';
import { BenchSession, type SessionOutcome } from './session.js';

const reports = mkdtempSync(path.join(tmpdir(), 'soundcheck-app-'));
const dataDir = reports;
const savedDataDir = process.env.SOUNDCHECK_DATA_DIR;
beforeAll(() => {
  process.env.SOUNDCHECK_DATA_DIR = reports; // the run store goes there too
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.SOUNDCHECK_DATA_DIR;
  else process.env.SOUNDCHECK_DATA_DIR = savedDataDir;
  rmSync(reports, { recursive: true, force: true });
});

function setup() {
  const plans: BenchPlan[] = [];
  const outcomes: SessionOutcome[] = [];
  const onSettingsChange = vi.fn<(s: Settings) => void>();
  const onQuit = vi.fn();
  const r = render(
    <App
      probes={builtinProbes}
      initialSettings={defaultSettings(builtinProbes)}
      run={{ warmup: 1, timeoutMs: 10_000, options: {} }}
      startSession={(plan) => {
        plans.push(plan);
        return new BenchSession(plan, { probes: builtinProbes, assetsDir, reportsDir: () => reports });
      }}
      onSettingsChange={onSettingsChange}
      onOutcome={(o) => outcomes.push(o)}
      onQuit={onQuit}
    />,
  );
  return { ...r, plans, outcomes, onSettingsChange, onQuit, frame: () => plain(r.lastFrame()) };
}

describe('App', () => {
  it('selects two probes, sets counts and a target, runs them and shows the summary with the reports', async () => {
    const t = setup();
    // Deselect all, pick string_processing (40 iterations) and config_loading (3, with its own target).
    await press(t.stdin, 'a', KEY.down, KEY.down, ' ', '4', '0', KEY.enter, KEY.up, KEY.up, ' ', '3', KEY.enter);
    await press(t.stdin, 't', KEY.ctrlU, ...'max<'.split(''), KEY.enter);
    expect(t.frame()).toContain("✗ 'max<' is not an expression");
    await press(t.stdin, ...'5000ms'.split(''), KEY.enter);
    expect(t.frame()).toContain('2 of 5 selected');
    expect(t.onSettingsChange.mock.lastCall![0].probes.find((p) => p.id === 'config_loading')!.target).toBe('max<5000ms');

    await press(t.stdin, KEY.enter);
    expect(t.plans[0]!.probes).toEqual([
      { id: 'config_loading', iterations: 3, target: 'max<5000ms' },
      { id: 'string_processing', iterations: 40, target: 'avg<10ms' },
    ]);
    expect(t.plans[0]!.warmup).toBe(1);
    expect(t.frame()).toMatch(/soundcheck bench · (starting|probe 1 of 2)/);

    const summary = await waitForFrame(t.lastFrame, (f) => f.includes('r rerun'));
    expect(summary).toContain('PASS — all 2 probes met their targets');
    expect(summary).toMatch(/config_loading .*max<5000ms ✓\s+PASS/);
    expect(summary).toMatch(/string_processing .*avg<10ms ✓\s+PASS/);
    const { reports: files, result } = t.outcomes[0]!;
    expect(path.basename(files.json!)).toMatch(/^bench-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?\.json$/);
    expect(summary).toContain(files.json!);
    expect(JSON.parse(readFileSync(files.json!, 'utf8')).results.config_loading.iterations).toBe(3);
    expect(existsSync(files.markdown!)).toBe(true);
    expect(result.passed).toBe(true);

    // Back to the picker: the choices are still there. Rerun from there and from the summary.
    await press(t.stdin, 'b');
    expect(t.frame()).toMatch(/\[x\] config_loading .*3× max<5000ms/);
    await press(t.stdin, KEY.enter);
    await waitForFrame(t.lastFrame, (f) => f.includes('r rerun'));
    await press(t.stdin, 'r');
    await waitForFrame(t.lastFrame, (f) => f.includes('r rerun') && t.outcomes.length === 3);
    expect(t.plans).toHaveLength(3);
    expect(new Set(t.outcomes.map((o) => o.reports.json)).size).toBe(3); // never overwritten

    await press(t.stdin, 'q');
    expect(t.onQuit).toHaveBeenCalledTimes(1);
  });

  it('stops a run with Ctrl-C, keeps and writes what was measured, and shows it as stopped', async () => {
    const t = setup();
    await press(t.stdin, 'a', KEY.down, KEY.down, ' ', ...'900000'.split(''), KEY.enter, KEY.enter);
    await waitForFrame(t.lastFrame, (f) => /string_processing .* [1-9]\d*\/900000/.test(f));
    await press(t.stdin, KEY.ctrlC);
    const summary = await waitForFrame(t.lastFrame, (f) => f.includes('r rerun'));
    expect(summary).toContain('STOPPED — 0 of 1 probes passed before the stop');
    expect(summary).toMatch(/✗ string_processing: stopped after \d+ of 900000 iterations/);
    expect(t.outcomes[0]!.result.stopped).toBe(true);
    expect(JSON.parse(readFileSync(t.outcomes[0]!.reports.json!, 'utf8')).stopped).toBe(true);
    expect(t.onQuit).not.toHaveBeenCalled();
  });

  it('shows the help over any screen and closes it with any key', async () => {
    const t = setup();
    await press(t.stdin, '?');
    expect(t.frame()).toContain('Picker keys');
    expect(t.frame()).not.toContain('[x] config_loading');
    await press(t.stdin, 'x');
    expect(t.frame()).toContain('[x] config_loading');
    // The key that closed the help did nothing else.
    await press(t.stdin, 'q');
    expect(t.onQuit).toHaveBeenCalledTimes(1);
  });
});

function soakSetup(initialSoak?: SoakPlan) {
  const plans: SoakPlan[] = [];
  const outcomes: SoakOutcome[] = [];
  const onSettingsChange = vi.fn<(s: Settings) => void>();
  const onQuit = vi.fn();
  const r = render(
    <App
      probes={builtinProbes}
      initialSettings={defaultSettings(builtinProbes)}
      run={{ warmup: 1, timeoutMs: 10_000, options: {} }}
      startSession={() => { throw new Error('no bench here'); }}
      startSoak={(plan) => {
        plans.push(plan);
        return new SoakSession(plan, { assetsDir, tickMs: 250 });
      }}
      soakBase={{ probe: LIGHT_PROBE }}
      initialSoak={initialSoak}
      onSettingsChange={onSettingsChange}
      onSoakOutcome={(o) => outcomes.push(o)}
      onQuit={onQuit}
    />,
  );
  return { ...r, plans, outcomes, onSettingsChange, onQuit, frame: () => plain(r.lastFrame()) };
}

describe('App: soak', () => {
  it('sets a soak up with the keys, runs it live, stops it with q, shows the stopped summary; r reruns, b goes back', async () => {
    const t = soakSetup();
    await press(t.stdin, KEY.tab, KEY.enter, KEY.ctrlU, ...'60s'.split(''), KEY.enter);
    await press(t.stdin, 'j', 'j', KEY.enter, KEY.ctrlU, '2', '0', KEY.enter, 'j', KEY.enter, '1', 's', KEY.enter, 'j', KEY.enter, '1', 's', KEY.enter);
    expect(t.onSettingsChange.mock.lastCall![0].soak).toEqual({ duration: '60s', quick: false, rate: '20', healthInterval: '1s', checkpointInterval: '1s' });
    await press(t.stdin, '?');
    expect(t.frame()).toContain('Soak setup keys');
    await press(t.stdin, 'x', 's');
    expect(t.plans[0]).toMatchObject({ durationMs: 60_000, rate: 20, healthIntervalMs: 1000, checkpointIntervalMs: 1000, probe: { id: 'light' } });
    const live = await waitForFrame(t.lastFrame, (f) => /interactions [1-9]\d+ /.test(f) && /checkpoint #\d/.test(f));
    expect(live).toMatch(/^soundcheck soak · light at 20\/s · running/);
    expect(live).toMatch(/remaining \d+s of 1m00s/);
    await press(t.stdin, '?');
    expect(t.frame()).toContain('Live soak keys');
    await press(t.stdin, 'x', 'q');
    const summary = await waitForFrame(t.lastFrame, (f) => f.includes('r rerun  b back'));
    expect(summary).toMatch(/^soundcheck soak\s+FAIL \(stopped\) — \d+ interactions/);
    expect(summary).toMatch(/^crashes==0\s+0\s+PASS$/m);
    const { report, reports } = t.outcomes[0]!;
    expect(report.status).toBe('stopped');
    expect(path.dirname(reports.json!)).toBe(path.join(dataDir, 'reports'));
    expect(existsSync(reports.json!) && existsSync(reports.markdown!)).toBe(true);
    expect(summary).toContain(path.basename(reports.json!));

    await press(t.stdin, 'r');
    await waitForFrame(t.lastFrame, (f) => /soundcheck soak · light at 20\/s · running/.test(f));
    expect(t.plans[1]).toBe(t.plans[0]);
    await press(t.stdin, KEY.ctrlC);
    await waitForFrame(t.lastFrame, (f) => f.includes('r rerun  b back') && t.outcomes.length === 2);
    expect(t.outcomes[1]!.report.run_id).not.toBe(report.run_id);

    await press(t.stdin, 'b');
    expect(t.frame()).toMatch(/Duration\s+60s/);
    expect(t.frame()).toMatch(/Rate\s+20\/s/);
    await press(t.stdin, 'q');
    expect(t.onQuit).toHaveBeenCalledTimes(1);
  });

  it('opens on the live soak of a plan from the command line, and back goes to soak mode', async () => {
    const plan = soakPlanFromFlags({ probe: LIGHT_PROBE, duration: '2s', rate: '20', healthInterval: '1s', checkpointInterval: '1s' });
    const t = soakSetup(plan);
    expect(t.frame()).toMatch(/^soundcheck soak · light at 20\/s · (starting|running)/);
    const summary = await waitForFrame(t.lastFrame, (f) => f.includes('r rerun  b back'));
    expect(summary).toMatch(/soundcheck soak\s+(PASS|FAIL) — 40 interactions/);
    expect(t.plans).toEqual([plan]);
    await press(t.stdin, 'b');
    expect(t.frame()).toContain('Soak: whole voice interactions');
    expect(t.onSettingsChange.mock.lastCall![0].mode).toBe('soak');
  });
});
