import type { BenchResult } from '../engine/types.js';
import { fmtBytes } from './format.js';
import { SUMMARY_HEADERS, failureReasons, summaryRows } from './summary.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

export function renderBenchMarkdown(b: BenchResult): string {
  const h = b.host;
  const out: string[] = [];
  out.push(`# soundcheck bench — ${b.passed ? 'PASS' : 'FAIL'}${b.stopped ? ' (stopped)' : ''}`, '');
  out.push(`- Run: \`${b.runId}\`, ${b.startedAt} → ${b.finishedAt}`);
  out.push(`- Host: ${h.hostname}, ${h.platform}/${h.arch}, ${h.cpus} × ${h.cpuModel}, ${fmtBytes(h.totalMem)} RAM, Node ${h.node}`);
  out.push(`- Warmup: ${b.plan.warmup} iterations; timeout ${b.plan.timeoutMs} ms per iteration`);
  if (b.plan.options.configFile) out.push(`- Config file: \`${b.plan.options.configFile}\``);
  out.push('');
  out.push(`| ${SUMMARY_HEADERS.join(' | ')} |`);
  out.push(`|${SUMMARY_HEADERS.map((_, i) => (i === 0 ? ':---' : i === SUMMARY_HEADERS.length - 1 ? ':---:' : '---:')).join('|')}|`);
  for (const row of summaryRows(b)) {
    const cells = row.cells.map(esc);
    cells[cells.length - 1] = row.status === 'PASS' ? '**PASS**' : '**FAIL**';
    out.push(`| ${cells.join(' | ')} |`);
  }
  const notes = b.results.flatMap((r) => [
    ...(r.status === 'FAIL' ? failureReasons(r).map((w) => `- **${r.probeId}** FAIL: ${esc(w)}`) : []),
    ...r.warnings.map((w) => `- ${r.probeId}: ${esc(w)}`),
    ...(r.check ? [`- ${r.probeId} check: ${esc(r.check.message)}`] : []),
  ]);
  if (notes.length > 0) out.push('', '## Notes', '', ...notes);
  out.push('');
  return out.join('\n');
}
