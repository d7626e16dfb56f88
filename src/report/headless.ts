/**
 * The headless reporter: a sink that prints one plain line per finished probe, then the summary
 * table. No cursor tricks, so it reads well in a log, a pipe or CI.
 */
import type { BenchEvent, BenchResult, ProbeResult } from '../engine/types.js';
import { fmtMs } from './format.js';
import { SUMMARY_HEADERS, failureReasons, renderTable, summaryRows } from './summary.js';

export interface Writer { write(s: string): unknown }

export function probeLine(r: ProbeResult): string {
  const s = r.stats;
  const figures = s
    ? `mean ${fmtMs(s.mean)} ± ${fmtMs(s.stddev)}  p95 ${fmtMs(s.p95)}  p99 ${fmtMs(s.p99)}  (${r.samplesCount}/${r.iterations} iterations)`
    : `no samples (${r.samplesCount}/${r.iterations} iterations)`;
  const why = r.status === 'FAIL' ? `  — ${failureReasons(r).join('; ')}` : '';
  return `${r.status}  ${r.probeId.padEnd(20)} ${figures}${why}`;
}

export function renderSummary(b: BenchResult): string {
  const rows = summaryRows(b).map((r) => r.cells);
  const lines = [renderTable(SUMMARY_HEADERS, rows), ''];
  for (const r of b.results) {
    for (const w of r.warnings) lines.push(`warning: ${r.probeId}: ${w}`);
    if (r.check) lines.push(`check: ${r.probeId}: ${r.check.message}`);
  }
  const failed = b.results.filter((r) => r.status === 'FAIL').length;
  lines.push(
    b.stopped
      ? `STOPPED — ${b.results.length - failed} of ${b.results.length} probes passed before the stop`
      : b.passed
        ? `PASS — ${b.results.length === 1 ? 'the probe' : `all ${b.results.length} probes`} met ${b.results.length === 1 ? 'its target' : 'their targets'}`
        : `FAIL — ${failed} of ${b.results.length} probes failed`,
  );
  return lines.join('\n') + '\n';
}

export function headlessSink(out: Writer): (e: BenchEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'run-start':
        out.write(`soundcheck bench: ${e.plan.probes.map((p) => `${p.id}×${p.iterations}`).join(', ')} (warmup ${e.plan.warmup})\n`);
        break;
      case 'probe-result':
        out.write(probeLine(e.result) + '\n');
        break;
      case 'run-end':
        out.write('\n' + renderSummary(e.result));
        break;
    }
  };
}
