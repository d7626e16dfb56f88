/**
 * `soundcheck report RUN_ID | --last`: a run's report from the store. A soak's is rebuilt from
 * its rows, finished or not (also after a SIGKILL); a bench's was stored whole when it ended.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { dataDir } from '../paths.js';
import { UsageError, checkReportPaths } from '../usage.js';
import { renderSoakMarkdown, renderSoakText } from '../report/soak-markdown.js';
import { fmtMs } from '../report/format.js';
import type { BenchJson } from '../report/json.js';
import type { RunRow } from '../engine/store.js';

export interface ReportFlags {
  last?: boolean;
  json?: string;
  markdown?: string;
}

/** A bench is stored whole when it ends: its report is the stored JSON. */
function benchReport(run: RunRow, json: string | undefined, markdown: string | undefined): number {
  if (markdown) throw new UsageError(`report: run ${run.id} is a bench; its Markdown report was written when it ended — use --json`);
  const report = run.report as BenchJson | null;
  if (!report) throw new UsageError(`report: bench run ${run.id} has no stored report`);
  const human = json === '-' ? process.stderr : process.stdout;
  human.write(`run ${run.id} (bench, ${run.status}), started ${run.started_at}\n`);
  for (const [id, r] of Object.entries(report.results)) {
    human.write(`${r.status}  ${id.padEnd(20)} mean ${fmtMs(r.avg_ms)}  p95 ${fmtMs(r.p95_ms)}  p99 ${fmtMs(r.p99_ms)}  (${r.samples}/${r.iterations} iterations)\n`);
  }
  human.write(`${report.passed ? 'PASS' : 'FAIL'}\n`);
  if (json) json === '-' ? process.stdout.write(JSON.stringify(report, null, 2) + '\n') : writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  return report.passed ? 0 : 1;
}

export async function reportCommand(runId: string | undefined, f: ReportFlags): Promise<number> {
  if (!runId && !f.last) throw new UsageError('report: give a RUN_ID (or its first characters) or --last');
  if (runId && f.last) throw new UsageError('report: give a RUN_ID or --last, not both');
  const { json, markdown } = checkReportPaths(f);
  const { RunStore } = await import('../engine/store.js');
  const { buildSoakReport } = await import('../engine/soak-report.js');
  const store = new RunStore(path.join(dataDir(), 'soundcheck.db'));
  try {
    let run;
    if (f.last) {
      run = store.lastRun();
      if (!run) throw new UsageError(`report --last: no run in ${store.file} yet`);
    } else {
      const found = store.findRun(runId!);
      if (found.length === 0) throw new UsageError(`report: no run '${runId}' in ${store.file}; recent: ${store.listRuns(5).map((r) => r.id.slice(0, 8)).join(', ') || 'none'}`);
      if (found.length > 1) throw new UsageError(`report: '${runId}' matches ${found.length} runs; give more characters`);
      run = found[0]!;
    }
    if (run.kind === 'bench') return benchReport(run, json, markdown);
    const report = buildSoakReport(store, run.id);
    const human = json === '-' || markdown === '-' ? process.stderr : process.stdout;
    human.write(`run ${run.id} (${report.status}), started ${report.test_info.start_time}\n`);
    human.write(renderSoakText(report));
    if (json) json === '-' ? process.stdout.write(JSON.stringify(report, null, 2) + '\n') : writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
    if (markdown) markdown === '-' ? process.stdout.write(renderSoakMarkdown(report)) : writeFileSync(markdown, renderSoakMarkdown(report));
    return report.passed ? 0 : 1;
  } finally {
    store.close();
  }
}
