/** The live screen on the real engine: built-in fast probes in real workers, no mocks. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BenchPlan } from '../../engine/types.js';
import { assetsDir, builtinProbes } from '../../probes/registry.js';
import { KEY, plain, press, waitForFrame } from '../../../test/ui-helpers.js';
import { BenchSession } from '../session.js';
import { RunScreen, runLayout } from './RunScreen.js';

const reports = mkdtempSync(path.join(tmpdir(), 'soundcheck-run-screen-'));
// The session keeps each run in the run store of the data directory: a temporary one here.
const savedDataDir = process.env.SOUNDCHECK_DATA_DIR;
beforeAll(() => {
  process.env.SOUNDCHECK_DATA_DIR = reports;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.SOUNDCHECK_DATA_DIR;
  else process.env.SOUNDCHECK_DATA_DIR = savedDataDir;
  rmSync(reports, { recursive: true, force: true });
});

const plan = (probes: BenchPlan['probes']): BenchPlan => ({ probes, warmup: 1, timeoutMs: 10_000, options: {} });
const start = (p: BenchPlan) => new BenchSession(p, { probes: builtinProbes, assetsDir, reportsDir: () => reports });

describe('RunScreen', () => {
  it('shows each probe live, then every verdict, from the engine snapshots', async () => {
    const session = start(plan([
      { id: 'string_processing', iterations: 60, target: 'avg<1000ms' },
      { id: 'config_loading', iterations: 5, target: 'max<5000ms' },
    ]));
    const onHelp = vi.fn();
    const r = render(<RunScreen session={session} width={80} height={24} onHelp={onHelp} />);
    const first = plain(r.lastFrame());
    expect(first).toMatch(/string_processing .*0\/60/);
    expect(first).toMatch(/· config_loading .*0\/5\s+queued/);
    const outcome = await session.done;
    const done = await waitForFrame(r.lastFrame, (f) => /✓ config_loading/.test(f));
    expect(done).toMatch(/✓ string_processing .*60\/60 PASS/);
    expect(done).toMatch(/p50\s+\d.*p95\s+\d.*p99\s+\d.*avg<1000ms ✓/);
    expect(outcome.result.passed).toBe(true);
    expect(existsSync(outcome.reports.json!)).toBe(true);
    expect(existsSync(outcome.reports.markdown!)).toBe(true);
    expect(outcome.reports.warning).toBeUndefined();
    expect(existsSync(path.join(reports, 'soundcheck.db'))).toBe(true); // kept in the run store, as headless runs are
    for (const line of done.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(done.split('\n').length).toBeLessThan(24);
    r.unmount();
  });

  it('moves the chart between probes with the arrows, and q stops gracefully keeping the results', async () => {
    const session = start(plan([
      { id: 'string_processing', iterations: 1_000_000, target: 'avg<1000ms' },
      { id: 'config_loading', iterations: 5, target: 'avg<1000ms' },
    ]));
    const r = render(<RunScreen session={session} width={80} height={24} onHelp={() => {}} />);
    const live = await waitForFrame(r.lastFrame, (f) => /string_processing .* [1-9]\d+\/1000000/.test(f) && /ms┤/.test(f));
    expect(live).toMatch(/string_processing · \d+ recent samples/);
    expect(live).toMatch(/ms┤/); // the chart has its axis
    await press(r.stdin, KEY.down);
    expect(plain(r.lastFrame())).toMatch(/config_loading · 0 recent samples/);
    await press(r.stdin, 'k');
    expect(plain(r.lastFrame())).toMatch(/string_processing · \d+ recent samples/);
    await press(r.stdin, 'q');
    // The engine may already have stopped by the time the frame is read.
    expect(plain(r.lastFrame())).toMatch(/stopping|stopped/);
    const { result, reports: written } = await session.done;
    expect(result.stopped).toBe(true);
    expect(result.passed).toBe(false);
    const [sp, cl] = result.results;
    expect(sp!.stopped).toBe(true);
    expect(sp!.samplesCount).toBeGreaterThan(0);
    expect(sp!.samplesCount).toBeLessThan(1_000_000);
    expect(cl!.warnings.join()).toContain('not run');
    expect(existsSync(written.json!)).toBe(true);
    const end = await waitForFrame(r.lastFrame, (f) => /config_loading .*not run/.test(f));
    expect(end).toMatch(/string_processing .*stopped/);
    r.unmount();
  });

  it('gives the chart what the probe rows leave, and drops it when nothing is left', () => {
    expect(runLayout(5, 24)).toEqual({ rows: 5, chartLines: 11 });
    expect(runLayout(5, 40)).toEqual({ rows: 5, chartLines: 18 });
    expect(runLayout(5, 16)).toEqual({ rows: 5, chartLines: 0 });
    expect(runLayout(20, 24).rows).toBeLessThan(20);
  });
});
