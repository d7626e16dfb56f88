/**
 * The summary table of a bench as rows of formatted cells: one source for the headless table,
 * the Markdown report and the TUI's summary screen, so they can never disagree.
 */
import type { BenchResult, ProbeResult } from '../engine/types.js';
import { fmtMs } from './format.js';

export const SUMMARY_HEADERS = ['Probe', 'Mean ± σ', 'Min … Max', 'p95', 'p99', 'Target', 'Status'] as const;

export interface SummaryRow {
  probeId: string;
  cells: string[];
  status: 'PASS' | 'FAIL';
}

export function targetCell(r: ProbeResult, target: string): string {
  if (r.targets.length === 0) return target;
  return r.targets.map((t) => `${t.expr} ${t.ok ? '✓' : '✗'}`).join(', ');
}

export function summaryRow(r: ProbeResult, target: string): SummaryRow {
  const s = r.stats;
  return {
    probeId: r.probeId,
    status: r.status,
    cells: [
      r.probeId,
      s ? `${fmtMs(s.mean)} ± ${fmtMs(s.stddev)}` : '—',
      s ? `${fmtMs(s.min)} … ${fmtMs(s.max)}` : '—',
      fmtMs(s?.p95),
      fmtMs(s?.p99),
      targetCell(r, target),
      r.status,
    ],
  };
}

export function summaryRows(b: BenchResult): SummaryRow[] {
  return b.results.map((r) => summaryRow(r, b.plan.probes.find((p) => p.id === r.probeId)?.target ?? ''));
}

/** Why a FAIL failed, in a few words: the first error, the failed check, the missed target. */
export function failureReasons(r: ProbeResult): string[] {
  const reasons: string[] = [];
  const byKind = new Map<string, number>();
  for (const e of r.errors) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  for (const [kind, n] of byKind) {
    const first = r.errors.find((e) => e.kind === kind)!;
    const label = kind === 'error' ? `${n} iteration error${n === 1 ? '' : 's'}` : kind;
    reasons.push(`${label}: ${first.message}`);
  }
  if (r.check && !r.check.ok) reasons.push(r.check.message);
  for (const t of r.targets) if (!t.ok && r.stats) reasons.push(`target ${t.expr} missed: ${fmtMs(t.actualMs)}`);
  if (r.stopped) reasons.push(`stopped after ${r.samplesCount} of ${r.iterations} iterations`);
  return reasons;
}

/** Plain-text table with aligned columns. */
export function renderTable(headers: readonly string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// Visible length: strip ANSI colour codes so coloured cells still align.
const len = (s: string): number => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - len(s)));
