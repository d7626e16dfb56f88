/** The soak summary, from the reports of real short soaks of the light fixture. */
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { criteriaRows, verdictLine } from '../../report/soak-markdown.js';
import { KEY, plain, press, recordLightSoak } from '../../../test/ui-helpers.js';
import { wrapWords } from '../text.js';
import { SoakSummaryScreen } from './SoakSummaryScreen.js';

// A finished soak (the CPU criteria are relaxed: the test box's load is not the point here)
// and one stopped after a second and a half.
const finished = recordLightSoak({ criteria: ['cpu_avg<100%', 'cpu_peak<400%'] });
const stopped = finished.then(() => recordLightSoak({ duration: '60s' }, 1500));

const widest = (frame: string): number => Math.max(...frame.split('\n').map((l) => [...l].length));
const reports = { json: '/data/soundcheck/reports/soak-2026-12-04T20-35-59.json', markdown: '/data/soundcheck/reports/soak-2026-12-04T20-35-59.md' };

function setup(report: Awaited<typeof finished>['report'], width = 80, height = 24) {
  const handlers = { onRerun: vi.fn(), onBack: vi.fn(), onQuit: vi.fn(), onHelp: vi.fn() };
  const r = render(<SoakSummaryScreen report={report} reports={reports} width={width} height={height} {...handlers} />);
  return { ...r, ...handlers, frame: () => plain(r.lastFrame()) };
}

describe('SoakSummaryScreen', () => {
  it('shows the verdict, every criterion with its measured value and status, the counts and the reports', async () => {
    const { report } = await finished;
    expect(report.status).toBe('finished');
    const t = setup(report);
    const frame = t.frame();
    const title = wrapWords(`soundcheck soak ${verdictLine(report)}`, 80);
    expect(title.length).toBe(2);
    expect(frame.split('\n').slice(0, 2)).toEqual(title);
    expect(frame).toMatch(/^soundcheck soak PASS — 60 interactions, 0 failed \(0 %\), 0 crashes/);
    expect(frame).toMatch(/^Criterion\s+Measured\s+Status$/m);
    for (const [criterion, measured, status] of criteriaRows(report)) {
      expect(frame).toMatch(new RegExp(`^${criterion.replace(/[()<>=.%]/g, '\\$&')}\\s+${measured.replace(/[()—.%×]/g, '\\$&')}\\s+${status}$`, 'm'));
    }
    expect(frame).toContain('crashes==0');
    expect(frame).toMatch(/interactions>0\s+60\s+PASS/);
    expect(frame).toMatch(/60 ok · 0 errors · max backlog \d+ · \d+ checkpoints · latency mean/);
    expect(frame).toContain(`JSON report:     ${reports.json}`);
    expect(frame).toContain(`Markdown report: ${reports.markdown}`);
    expect(frame).toContain('r rerun  b back  q quit  ? help');
    // Every note of the criteria, or a count of those that did not fit.
    const notes = report.criteria.filter((c) => c.note);
    const shown = notes.filter((c) => frame.includes(`· ${c.expr}: `));
    if (shown.length < notes.length) expect(frame).toContain(`… ${notes.length - shown.length} more note`);
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThan(24);
    // Taller: every note in full.
    const tall = setup(report, 100, 40).frame();
    for (const c of notes) expect(tall.replace(/\n/g, ' ')).toContain(`· ${c.expr}: ${c.note!.slice(0, 30)}`);
  });

  it('says a stopped soak stopped, and failed', async () => {
    const { report } = await stopped;
    expect(report.status).toBe('stopped');
    const frame = setup(report).frame();
    expect(frame).toMatch(/^soundcheck soak FAIL \(stopped\) — \d+ interactions, 0 failed/);
    expect(frame.replace(/\n/g, ' ')).toContain('planned 1m00s');
  });

  it('b goes back, r reruns, q and Ctrl-C quit, ? helps', async () => {
    const { report } = await finished;
    const t = setup(report);
    await press(t.stdin, 'b');
    expect(t.onBack).toHaveBeenCalledTimes(1);
    await press(t.stdin, KEY.escape);
    expect(t.onBack).toHaveBeenCalledTimes(2);
    await press(t.stdin, 'rr'); // together: one rerun only
    expect(t.onRerun).toHaveBeenCalledTimes(1);
    await press(t.stdin, '?');
    expect(t.onHelp).toHaveBeenCalledTimes(1);
    await press(t.stdin, 'q', KEY.ctrlC);
    expect(t.onQuit).toHaveBeenCalledTimes(2);
  });
});
