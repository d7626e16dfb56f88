import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { BenchResult, ProbeResult, Stats } from '../../engine/types.js';
import { plain } from '../../../test/ui-helpers.js';
import { SummaryTable, reportLines, tableLayout } from './SummaryTable.js';

const stats = (mean: number): Stats => ({
  n: 100, mean, stddev: mean / 10, min: mean / 2, max: mean * 3, p50: mean, p95: mean * 1.5, p99: mean * 2, opsPerSec: 1000 / mean, rmePercent: 1,
});
const probe = (probeId: string, mean: number, ok: boolean, extra: Partial<ProbeResult> = {}): ProbeResult => ({
  probeId, title: probeId, status: ok ? 'PASS' : 'FAIL', iterations: 100, samplesCount: 100, stats: stats(mean),
  targets: [{ expr: 'avg<10ms', ok, actualMs: mean }], errors: [], warnings: [], stopped: false, setupMs: 1, durationMs: 100, ...extra,
});
const bench = (results: ProbeResult[]): BenchResult => ({
  runId: 'r', startedAt: '2026-12-04T19:30:05.123Z', finishedAt: '2026-12-04T19:30:09.000Z',
  host: { hostname: 'box', platform: 'linux', arch: 'arm64', cpus: 4, cpuModel: 'A72', totalMem: 1, node: 'v20' },
  plan: { probes: results.map((r) => ({ id: r.probeId, iterations: 100, target: 'avg<10ms' })), warmup: 3, timeoutMs: 30000, options: {} },
  results, passed: results.every((r) => r.status === 'PASS'), stopped: false,
});

describe('SummaryTable', () => {
  const b = bench([
    probe('config_loading', 2, true, { warnings: ['the first timed iteration was much slower than the rest'] }),
    probe('string_processing', 12, false),
  ]);

  it('has the headless rows, PASS/FAIL per probe, failure reasons, warnings and report paths', () => {
    const frame = plain(render(
      <SummaryTable result={b} reports={{ json: '/data/reports/bench-1.json', markdown: '/data/reports/bench-1.md' }} width={120} />,
    ).lastFrame());
    expect(frame).toMatch(/Probe\s+Mean ± σ\s+Min … Max\s+p95\s+p99\s+Target\s+Status/);
    expect(frame).toMatch(/config_loading\s+2\.000 ms ± 200\.0 µs\s+1\.000 ms … 6\.000 ms\s+3\.000 ms\s+4\.000 ms\s+avg<10ms ✓\s+PASS/);
    expect(frame).toMatch(/string_processing\s+12\.00 ms.*avg<10ms ✗\s+FAIL/);
    expect(frame).toContain('✗ string_processing: target avg<10ms missed: 12.00 ms');
    expect(frame).toContain('! config_loading: the first timed iteration was much slower than the rest');
    expect(frame).toContain('JSON report:     /data/reports/bench-1.json');
    expect(frame).toContain('Markdown report: /data/reports/bench-1.md');
  });

  it('drops the least important columns to fit 80 columns, never the verdict', () => {
    const { cols } = tableLayout(b, 80);
    expect(cols).toEqual([0, 1, 3, 4, 5, 6]);
    const frame = plain(render(<SummaryTable result={b} reports={null} width={80} />).lastFrame());
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/string_processing.*FAIL/);
  });

  it('cuts a long target cell before it drops the mean', () => {
    const many = bench([probe('vad', 0.3, true, { targets: [{ expr: 'p(95)<1ms', ok: true, actualMs: 0.4 }, { expr: 'max<5ms', ok: true, actualMs: 1 }] })]);
    many.plan.probes[0]!.target = 'p(95)<1ms,max<5ms';
    const { cols, widths } = tableLayout(many, 60);
    expect(cols).toEqual([0, 1, 3, 5, 6]);
    expect(widths.reduce((a, b) => a + b, 0) + 2 * (cols.length - 1)).toBeLessThanOrEqual(60);
    const frame = plain(render(<SummaryTable result={many} reports={null} width={60} />).lastFrame());
    expect(frame).toMatch(/vad\s+300\.0 µs ± 30\.0 µs\s+450\.0 µs\s+p\(95\)<1ms ✓, m…\s+PASS/);
  });

  it('counts the notes it has no room for', () => {
    const frame = plain(render(<SummaryTable result={b} reports={null} width={100} maxNotes={1} />).lastFrame());
    expect(frame).toContain('… 2 more in the Markdown report');
  });

  it('names the directory once when full paths do not fit, and says why a report is missing', () => {
    const long = '/home/someone/.local/share/soundcheck/reports';
    expect(reportLines({ json: `${long}/bench-2026-12-04T19-30-05.json`, markdown: `${long}/bench-2026-12-04T19-30-05.md` }, 60)).toEqual([
      `Reports in ${long}/`, '  bench-2026-12-04T19-30-05.json  bench-2026-12-04T19-30-05.md',
    ]);
    const frame = plain(render(<SummaryTable result={b} reports={{ error: 'could not write the reports: EACCES' }} width={80} />).lastFrame());
    expect(frame).toContain('✗ could not write the reports: EACCES');
  });
});
