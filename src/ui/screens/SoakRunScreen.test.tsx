/**
 * The live soak screen, fed the events of a real short soak of the light fixture (the engine,
 * its supervised child process and its store, for real), then driven by a real SoakSession.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SoakEvent, SoakTick } from '../../engine/soak-types.js';
import { soakPlanFromFlags } from '../../commands/soak.js';
import { assetsDir } from '../../probes/registry.js';
import { KEY, LIGHT_PROBE, plain, press, recordLightSoak, waitForFrame } from '../../../test/ui-helpers.js';
import { SoakSession } from '../soak-session.js';
import { SoakViewStore } from '../soak-store.js';
import { SoakRunScreen, soakLayout } from './SoakRunScreen.js';

const recorded = recordLightSoak();
const home = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-screen-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const lines = (frame: string): string[] => frame.split('\n');
const widest = (frame: string): number => Math.max(...lines(frame).map((l) => [...l].length));

/** A session-shaped source fed by hand: the store of a real session, without running one. */
function fed(plan: Awaited<typeof recorded>['plan']) {
  const store = new SoakViewStore(plan, { intervalMs: 0 });
  const stop = vi.fn(() => store.markStopping());
  return { store, stop };
}

describe('SoakRunScreen', () => {
  it('shows a real soak live at 80×24: times, counts, checkpoint, verdict, the focused chart and sparklines', async () => {
    const { plan, events } = await recorded;
    const source = fed(plan);
    const r = render(<SoakRunScreen session={source} width={80} height={24} onHelp={() => {}} />);
    expect(plain(r.lastFrame())).toContain('starting the interaction process…');
    expect(plain(r.lastFrame())).toContain('waiting for samples…');

    // Up to the middle of the run.
    const ticks = events.map((e, i) => [e, i] as const).filter(([e]) => e.type === 'soak-tick');
    const middle = ticks[Math.floor(ticks.length / 2)]!;
    for (const e of events.slice(0, middle[1] + 1)) source.store.sink(e);
    const mid = (middle[0] as { tick: SoakTick }).tick;
    const frame = await waitForFrame(r.lastFrame, (f) => f.includes(`interactions ${mid.total} `));
    expect(frame).toMatch(/^soundcheck soak · light at 20\/s · running/);
    expect(frame).toMatch(/elapsed \d+s · remaining \d+s of 3s\s+[█░]+ \d+ %/);
    expect(frame).toMatch(/failed 0 · error rate 0\.00 % · crashes 0 · backlog \d+/);
    expect(frame).toMatch(/verdict so far: (PASSING|FAILING — )/);
    expect(frame).toMatch(/interaction p95 \(last 30 s\) · now \d[\d.]* [µm]?s/);
    expect(frame).toMatch(/[µm]?s┤/); // the chart's axis
    for (const label of ['RSS', 'loop delay', 'CPU']) expect(frame).toMatch(new RegExp(`^  ${label}\\s+[▁▂▃▄▅▆▇█]+\\s+.*\\d`, 'm'));
    expect(frame).toContain('no crashes, errors or warnings');
    expect(frame).toContain('↑↓ chart  q stop  ? help');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(lines(frame).length).toBeLessThan(24);

    // The rest: checkpoints, the end.
    for (const e of events.slice(middle[1] + 1)) source.store.sink(e);
    const end = await waitForFrame(r.lastFrame, (f) => f.includes('writing the reports'));
    expect(end).toMatch(/checkpoint #\d+ at \d+s: p95 \d[\d.]* [µm]?s, \d+ interactions · cumulative p95/);
    expect(end).toContain('finished · writing the reports…');
    expect(widest(end)).toBeLessThanOrEqual(80);
    r.unmount();
  });

  it('cycles the charted series with ↑/↓/tab, and q stops', async () => {
    const { plan, events } = await recorded;
    const source = fed(plan);
    for (const e of events.filter((e) => e.type !== 'soak-end')) source.store.sink(e);
    const r = render(<SoakRunScreen session={source} width={80} height={24} onHelp={() => {}} />);
    const title = (): string => lines(plain(r.lastFrame())).find((l) => / · now /.test(l)) ?? '';
    expect(title()).toMatch(/^interaction p95 \(last 30 s\)/);
    await press(r.stdin, KEY.down);
    expect(title()).toMatch(/^RSS of soundcheck · now \d+\.\d MB/);
    expect(plain(r.lastFrame())).toMatch(/ MB┤/);
    expect(plain(r.lastFrame())).toMatch(/^  latency p95\s/m);
    await press(r.stdin, KEY.tab);
    expect(title()).toMatch(/^event-loop delay/);
    await press(r.stdin, 'j');
    expect(title()).toMatch(/^CPU of soundcheck, % of a core · now \d+\.\d %/);
    await press(r.stdin, KEY.down);
    expect(title()).toMatch(/^interaction p95 \(last 30 s\)/);
    await press(r.stdin, KEY.up);
    expect(title()).toMatch(/^CPU/);
    await press(r.stdin, 'q');
    expect(source.stop).toHaveBeenCalledTimes(1);
    expect(plain(r.lastFrame())).toMatch(/· stopping… final checkpoint and reports/);
    await press(r.stdin, KEY.ctrlC);
    expect(source.stop).toHaveBeenCalledTimes(2);
    r.unmount();
  });

  it('draws all four charts when the terminal is tall enough, never wider than it', async () => {
    const { plan, events } = await recorded;
    const source = fed(plan);
    for (const e of events.filter((e) => e.type !== 'soak-end')) source.store.sink(e);
    for (const [w, h] of [[120, 40], [60, 16], [200, 60], [80, 24]] as const) {
      const r = render(<SoakRunScreen session={source} width={w} height={h} onHelp={() => {}} />);
      const frame = plain(r.lastFrame());
      expect(widest(frame), `${w}×${h}`).toBeLessThanOrEqual(w);
      expect(lines(frame).length, `${w}×${h}`).toBeLessThan(h);
      if (h >= 40) for (const t of ['interaction p95 (last 30 s)', 'RSS of soundcheck', 'event-loop delay', 'CPU of soundcheck']) expect(frame).toContain(t);
      r.unmount();
    }
    expect(soakLayout(24)).toEqual({ kind: 'focus', chartLines: 13, sparklines: 3 });
    expect(soakLayout(40)).toEqual({ kind: 'stacked', chartLines: 8 });
    expect(soakLayout(12)).toEqual({ kind: 'focus', chartLines: 0, sparklines: 4 });
  });

  it('is safe on empty, NaN and constant series', async () => {
    const { plan, events } = await recorded;
    const tick = (events.find((e) => e.type === 'soak-tick') as { tick: SoakTick }).tick;
    const source = fed(plan);
    for (let i = 0; i < 30; i++) {
      source.store.sink({ type: 'soak-tick', tick: { ...tick, recentP95Ms: NaN, health: { ...tick.health, rssMb: 100, cpuPercent: i % 2 ? NaN : Infinity } } } as SoakEvent);
    }
    for (const [w, h] of [[80, 24], [120, 40], [60, 16]] as const) {
      const r = render(<SoakRunScreen session={source} width={w} height={h} onHelp={() => {}} />);
      const frame = plain(r.lastFrame());
      expect(frame).toContain('waiting for samples…'); // the p95 series has no finite value
      expect(frame).toContain('now —');
      expect(widest(frame)).toBeLessThanOrEqual(w);
      r.unmount();
    }
  });

  it('runs a real SoakSession: live counts, q stops within 2 s, the report is written and marked stopped', async () => {
    const plan = soakPlanFromFlags({ probe: LIGHT_PROBE, duration: '60s', rate: '20', healthInterval: '1s', checkpointInterval: '1s' });
    const session = new SoakSession(plan, {
      assetsDir, dbFile: path.join(home, 'soundcheck.db'), tickMs: 200,
      json: path.join(home, 'soak.json'), markdown: path.join(home, 'soak.md'),
    });
    const r = render(<SoakRunScreen session={session} width={80} height={24} onHelp={() => {}} />);
    await waitForFrame(r.lastFrame, (f) => /interactions [1-9]\d+ /.test(f) && /checkpoint #1/.test(f));
    const asked = Date.now();
    await press(r.stdin, 'q');
    expect(plain(r.lastFrame())).toMatch(/stopping…|stopped/);
    const { report, reports } = await session.done;
    expect(Date.now() - asked).toBeLessThan(3000);
    expect(report.status).toBe('stopped');
    expect(report.passed).toBe(false);
    expect(report.summary.total_interactions).toBeGreaterThan(10);
    expect(reports).toEqual({ json: path.join(home, 'soak.json'), markdown: path.join(home, 'soak.md') });
    expect(JSON.parse(readFileSync(reports.json!, 'utf8')).run_id).toBe(report.run_id);
    expect(existsSync(reports.markdown!)).toBe(true);
    r.unmount();
  });
});
