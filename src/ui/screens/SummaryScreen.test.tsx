import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { BenchResult, ProbeResult } from '../../engine/types.js';
import { KEY, plain, press } from '../../../test/ui-helpers.js';
import { SummaryScreen, verdictLine } from './SummaryScreen.js';

const probe = (probeId: string, ok: boolean, extra: Partial<ProbeResult> = {}): ProbeResult => ({
  probeId, title: probeId, status: ok ? 'PASS' : 'FAIL', iterations: 10, samplesCount: 10,
  stats: { n: 10, mean: 1, stddev: 0.1, min: 0.5, max: 2, p50: 1, p95: 1.5, p99: 1.9, opsPerSec: 1000, rmePercent: 1 },
  targets: [{ expr: 'avg<10ms', ok, actualMs: 1 }], errors: [], warnings: [], stopped: false, setupMs: 1, durationMs: 10, ...extra,
});
const bench = (results: ProbeResult[], stopped = false): BenchResult => ({
  runId: 'r', startedAt: '2026-12-04T19:30:05.000Z', finishedAt: '2026-12-04T19:30:06.000Z',
  host: { hostname: 'box', platform: 'linux', arch: 'arm64', cpus: 4, cpuModel: 'A72', totalMem: 1, node: 'v20' },
  plan: { probes: results.map((r) => ({ id: r.probeId, iterations: 10, target: 'avg<10ms' })), warmup: 0, timeoutMs: 1000, options: {} },
  results, passed: !stopped && results.every((r) => r.status === 'PASS'), stopped,
});

function setup(result: BenchResult) {
  const handlers = { onRerun: vi.fn(), onBack: vi.fn(), onQuit: vi.fn(), onHelp: vi.fn() };
  const r = render(
    <SummaryScreen result={result} reports={{ json: '/r/bench-2026-12-04T19-30-05.json', markdown: '/r/bench-2026-12-04T19-30-05.md' }} width={80} height={24} {...handlers} />,
  );
  return { ...r, ...handlers, frame: () => plain(r.lastFrame()) };
}

describe('SummaryScreen', () => {
  it('gives the overall verdict, the table with PASS/FAIL per probe and the report paths', () => {
    const t = setup(bench([probe('config_loading', true), probe('vad', false)]));
    expect(t.frame()).toContain('FAIL — 1 of 2 probes failed');
    expect(t.frame()).toMatch(/config_loading .*PASS/);
    expect(t.frame()).toMatch(/vad .*FAIL/);
    expect(t.frame()).toContain('JSON report:     /r/bench-2026-12-04T19-30-05.json');
    expect(t.frame()).toContain('Markdown report: /r/bench-2026-12-04T19-30-05.md');
    expect(t.frame()).toContain('r rerun  b back  q quit  ? help');
  });

  it('says PASS and STOPPED as the headless summary does', () => {
    expect(verdictLine(bench([probe('a', true), probe('b', true)]))).toBe('PASS — all 2 probes met their targets');
    expect(verdictLine(bench([probe('a', true), probe('b', false, { stopped: true })], true))).toBe('STOPPED — 1 of 2 probes passed before the stop');
  });

  it('reruns with r, goes back with b or esc, quits with q or Ctrl-C, helps with ?', async () => {
    const t = setup(bench([probe('a', true)]));
    await press(t.stdin, 'r');
    expect(t.onRerun).toHaveBeenCalledTimes(1);
    await press(t.stdin, 'b', KEY.escape);
    expect(t.onBack).toHaveBeenCalledTimes(2);
    await press(t.stdin, '?');
    expect(t.onHelp).toHaveBeenCalledTimes(1);
    await press(t.stdin, 'q', KEY.ctrlC);
    expect(t.onQuit).toHaveBeenCalledTimes(2);
    // Two r's in one read start one run, not two.
    await press(t.stdin, 'rr');
    expect(t.onRerun).toHaveBeenCalledTimes(2);
  });
});
