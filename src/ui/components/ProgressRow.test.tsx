import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ProbeResult, Stats } from '../../engine/types.js';
import { plain } from '../../../test/ui-helpers.js';
import type { ProbeRunView } from '../store.js';
import { ProgressRow, progressBar } from './ProgressRow.js';

const stats = (mean: number): Stats => ({
  n: 40, mean, stddev: 0.1, min: mean / 2, max: mean * 2, p50: mean, p95: mean * 1.5, p99: mean * 1.8, opsPerSec: 1000 / mean, rmePercent: 1,
});
const view = (over: Partial<ProbeRunView>): ProbeRunView => ({
  id: 'string_processing', status: 'queued', iterations: 100, target: 'avg<10ms', snapshot: null, result: null, ...over,
});
const running = (mean: number, done = 40): ProbeRunView =>
  view({
    status: 'running',
    snapshot: { probeId: 'string_processing', phase: 'measure', done, total: 100, errors: 0, stats: stats(mean), recent: [1, 2, 3, 2, 1], elapsedMs: 400 },
  });
const draw = (p: ProbeRunView, width = 80): string[] =>
  plain(render(<ProgressRow probe={p} width={width} idWidth={20} />).lastFrame()).split('\n');

describe('ProgressRow', () => {
  it('shows a queued probe as queued with its target not judged yet', () => {
    const [l1, l2] = draw(view({}));
    expect(l1).toMatch(/· string_processing\s+░+\s+0\/100 queued/);
    expect(l2).toMatch(/p50\s+—\s+p95\s+—\s+p99\s+—\s+avg<10ms …/);
  });

  it('shows progress, ETA, live percentiles and a green tick as soon as the target holds', () => {
    const [l1, l2] = draw(running(2));
    expect(l1).toMatch(/string_processing\s+█+░+\s+40\/100 ETA <1s/);
    expect(l2).toMatch(/p50\s+2\.000 ms\s+p95\s+3\.000 ms\s+p99\s+3\.600 ms\s+avg<10ms ✓/);
    expect(l2).toMatch(/[▁▂▃▄▅▆▇█]{3,}/);
  });

  it('shows a red cross while the target is missed', () => {
    expect(draw(running(20))[1]).toContain('avg<10ms ✗');
  });

  it('shows the final verdict of a finished probe', () => {
    const result = {
      probeId: 'string_processing', title: '', status: 'FAIL', iterations: 100, samplesCount: 100, stats: stats(12),
      targets: [{ expr: 'avg<10ms', ok: false, actualMs: 12 }], errors: [], warnings: [], stopped: false, setupMs: 1, durationMs: 1500,
    } satisfies ProbeResult;
    const [l1, l2] = draw(view({ status: 'done', result }));
    expect(l1).toMatch(/✗ string_processing\s+█+\s+100\/100 FAIL 2s/);
    expect(l2).toContain('avg<10ms ✗');
  });

  it('never draws wider than it is given', () => {
    for (const width of [60, 80, 120]) {
      for (const line of draw(running(2), width)) expect([...line].length).toBeLessThanOrEqual(width);
    }
    expect(progressBar(5, 10, 10)).toBe('█████░░░░░');
    expect(progressBar(5, 0, 4)).toBe('░░░░');
    expect(progressBar(50, 10, 4)).toBe('████');
  });
});
