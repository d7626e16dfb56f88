/**
 * The finished run's table — the same rows as the headless summary and the Markdown report
 * (summaryRows), the failure reasons and warnings under it, and where the reports were written.
 * On a narrow terminal the least important columns go first; the reports have them all.
 */
import path from 'node:path';
import { Box, Text } from 'ink';
import type { BenchResult } from '../../engine/types.js';
import { SUMMARY_HEADERS, failureReasons, summaryRows } from '../../report/summary.js';
import { useTone } from '../theme.js';
import { cells, padEnd } from '../text.js';

export interface ReportPaths {
  json?: string;
  markdown?: string;
  /** Why a report could not be written, if it could not. */
  error?: string;
  /** Something the user should know that did not stop the reports (the run store was unavailable). */
  warning?: string;
}

export interface SummaryTableProps {
  result: BenchResult;
  reports: ReportPaths | null;
  width: number;
  /** Lines left for failure reasons and warnings; the rest are counted, not drawn. */
  maxNotes?: number;
}

const GAP = 2;
const TARGET_COL = 5;
/** A target cell narrower than this says too little; drop a figure column instead. */
const MIN_TARGET_W = 12;

export interface TableLayout {
  /** Indexes into SUMMARY_HEADERS, in order. */
  cols: number[];
  /** Width of each of `cols`. */
  widths: number[];
}

/**
 * What fits the width: first Min … Max and p99 go; then the target cell (several expressions
 * can make it long) is cut, down to MIN_TARGET_W; then Mean ± σ and p95 go. Probe, target and
 * status always stay. The reports have every column.
 */
export function tableLayout(result: BenchResult, width: number): TableLayout {
  const rows = summaryRows(result).map((r) => r.cells);
  const natural = (i: number): number => Math.max(cells(SUMMARY_HEADERS[i]!), ...rows.map((r) => cells(r[i] ?? '')));
  const w = SUMMARY_HEADERS.map((_, i) => natural(i));
  const cols = SUMMARY_HEADERS.map((_, i) => i);
  const total = (): number => cols.reduce((s, i) => s + w[i]!, 0) + GAP * (cols.length - 1);
  const drop = (i: number): void => {
    if (total() > width) cols.splice(cols.indexOf(i), 1);
  };
  drop(2);
  drop(4);
  if (total() > width) w[TARGET_COL] = Math.max(MIN_TARGET_W, w[TARGET_COL]! - (total() - width));
  drop(1);
  drop(3);
  return { cols, widths: cols.map((i) => w[i]!) };
}

const SEVERITY_ORDER = { fail: 0, warn: 1, info: 2 } as const;

/** Why probes failed first, then warnings, then what their checks found. */
export function summaryNotes(result: BenchResult): { text: string; severity: 'fail' | 'warn' | 'info' }[] {
  const notes = result.results.flatMap((r) => [
    ...(r.status === 'FAIL' ? failureReasons(r).map((t) => ({ text: `${r.probeId}: ${t}`, severity: 'fail' as const })) : []),
    // failureReasons already says "stopped after …"; the engine's identical warning would repeat it.
    ...r.warnings
      .filter((w) => !(r.status === 'FAIL' && failureReasons(r).includes(w)))
      .map((w) => ({ text: `${r.probeId}: ${w}`, severity: 'warn' as const })),
    ...(r.check?.ok ? [{ text: `${r.probeId}: ${r.check.message}`, severity: 'info' as const }] : []),
  ]);
  return notes.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export function SummaryTable({ result, reports, width, maxNotes = 6 }: SummaryTableProps) {
  const tone = useTone();
  const rows = summaryRows(result);
  const { cols, widths } = tableLayout(result, width);
  const line = (cellsOf: readonly string[]): string =>
    cols.map((i, k) => padEnd(cellsOf[i] ?? '', widths[k]!)).join(' '.repeat(GAP)).trimEnd();
  const notes = summaryNotes(result);
  const shown = notes.length > maxNotes ? notes.slice(0, Math.max(0, maxNotes - 1)) : notes;
  const hidden = notes.length - shown.length;
  const statusCol = SUMMARY_HEADERS.length - 1;

  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{line(SUMMARY_HEADERS)}</Text>
      <Text dimColor wrap="truncate-end">{widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP))}</Text>
      {rows.map((r) => {
        // Status is the last column; drawn on its own so it can be coloured.
        const head = cols.filter((i) => i !== statusCol).map((i) => padEnd(r.cells[i] ?? '', widths[cols.indexOf(i)]!));
        return (
          <Text key={r.probeId} wrap="truncate-end">
            {head.join(' '.repeat(GAP))}
            {cols.includes(statusCol) ? (
              <Text>
                {' '.repeat(GAP)}
                <Text bold color={tone(r.status === 'PASS' ? 'green' : 'red')}>{r.status}</Text>
              </Text>
            ) : null}
          </Text>
        );
      })}
      {shown.length > 0 ? <Text> </Text> : null}
      {shown.map((n, i) => (
        <Text key={i} wrap="truncate-end" color={n.severity === 'fail' ? tone('red') : n.severity === 'warn' ? tone('yellow') : undefined}>
          {n.severity === 'fail' ? '✗ ' : n.severity === 'warn' ? '! ' : '· '}
          {n.text}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>… {hidden} more in the Markdown report</Text> : null}
      {reports ? <ReportLines reports={reports} width={width} /> : null}
    </Box>
  );
}

/**
 * Where the reports went. Full paths when they fit; otherwise the directory once and the file
 * names under it, rather than a cut path nobody can use.
 */
export function reportLines(reports: ReportPaths, width: number): string[] {
  const files: [string, string | undefined][] = [['JSON report:     ', reports.json], ['Markdown report: ', reports.markdown]];
  const present = files.filter((f): f is [string, string] => typeof f[1] === 'string');
  if (present.length === 0) return [];
  if (present.every(([label, file]) => cells(label + file) <= width)) return present.map(([label, file]) => label + file);
  const dir = path.dirname(present[0]![1]);
  if (present.some(([, file]) => path.dirname(file) !== dir)) return present.flatMap(([label, file]) => [label.trim(), `  ${file}`]);
  return [`Reports in ${dir}${path.sep}`, `  ${present.map(([, file]) => path.basename(file)).join('  ')}`];
}

function ReportLines({ reports, width }: { reports: ReportPaths; width: number }) {
  const tone = useTone();
  return (
    <Box flexDirection="column" marginTop={1}>
      {reportLines(reports, width).map((l, i) => (
        <Text key={i} wrap="wrap">{l}</Text>
      ))}
      {reports.error ? <Text color={tone('red')} wrap="wrap">✗ {reports.error}</Text> : null}
      {reports.warning ? <Text color={tone('yellow')} wrap="wrap">! {reports.warning}</Text> : null}
    </Box>
  );
}
