/**
 * The verdict of a finished or stopped soak: the verdict line and the criteria table of the
 * headless summary and the Markdown report (verdictLine, criteriaRows), the criteria's notes,
 * the key counts, and where the reports are.
 */
import { Box, Text } from 'ink';
import { formatDuration } from '../../engine/duration.js';
import type { SoakReport } from '../../engine/soak-report.js';
import { fmtMs } from '../../report/format.js';
import { criteriaRows, verdictLine } from '../../report/soak-markdown.js';
import { KeyHints } from '../components/KeyHints.js';
import { reportLines, type ReportPaths } from '../components/SummaryTable.js';
import { footerHints } from '../keys.js';
import { useSummaryKeys, type SummaryScreenBase } from '../key-router.js';
import { cells, clip, padEnd, wrapWords } from '../text.js';
import { useTone } from '../theme.js';

export interface SoakSummaryScreenProps extends SummaryScreenBase {
  report: SoakReport;
  reports: ReportPaths | null;
}

const HEADERS = ['Criterion', 'Measured', 'Status'] as const;
const GAP = 2;

/** The counts the verdict line does not give already. */
export function soakCounts(r: SoakReport): string {
  const s = r.summary;
  return [
    `${s.successful_interactions} ok`,
    `${s.errors_count} error${s.errors_count === 1 ? '' : 's'}`,
    `max backlog ${s.max_backlog}`,
    `${r.checkpoints.length} checkpoint${r.checkpoints.length === 1 ? '' : 's'}`,
    `latency mean ${fmtMs(s.latency_ms.mean_ms)}, max ${fmtMs(s.latency_ms.max_ms)}`,
    `planned ${formatDuration(r.test_info.planned_duration_seconds * 1000)}`,
  ].join(' · ');
}


export function SoakSummaryScreen(props: SoakSummaryScreenProps) {
  const { report, reports, width, height, active = true } = props;
  const tone = useTone();

  useSummaryKeys(props, active);

  const rows = criteriaRows(report);
  const statusOf = (r: string[]): string => r[2]!;
  const w0 = Math.max(cells(HEADERS[0]), ...rows.map((r) => cells(r[0]!)));
  const w2 = Math.max(cells(HEADERS[2]), ...rows.map((r) => cells(statusOf(r))));
  const w1 = Math.max(8, Math.min(Math.max(cells(HEADERS[1]), ...rows.map((r) => cells(r[1]!))), width - w0 - w2 - 2 * GAP));
  const gap = ' '.repeat(GAP);
  const line = (c: readonly string[]): string => [padEnd(c[0]!, w0), padEnd(c[1]!, w1), c[2]!].join(gap);

  const notes = report.criteria.filter((c) => c.note).map((c) => wrapWords(`· ${c.expr}: ${c.note}`, width));
  const title = wrapWords(`soundcheck soak  ${verdictLine(report)}`, width);
  const counts = wrapWords(soakCounts(report), width);
  const paths = reports ? reportLines(reports, width).flatMap((l) => wrapWords(l, width)) : [];
  const errors = reports ? [reports.error && `✗ ${reports.error}`, reports.warning && `! ${reports.warning}`].filter((x): x is string => !!x).map((x) => wrapWords(x, width)) : [];
  const reportsH = reports ? 1 + paths.length + errors.reduce((n, e) => n + e.length, 0) : 0;
  // Title, counts, blank, header, rule, rows, (notes), reports, blank, footer, and the spare line.
  const fixed = title.length + counts.length + 1 + 2 + rows.length + reportsH + 2 + 1;
  let room = Math.max(0, height - fixed);
  // All of them, or as many as fit with a line left to say how many did not.
  if (notes.reduce((n, l) => n + l.length, 0) > room) room -= 1;
  const shown: string[][] = [];
  for (const n of notes) {
    if (n.length > room) break;
    shown.push(n);
    room -= n.length;
  }
  const hidden = notes.length - shown.length;
  const verdictColor = report.passed ? 'green' : report.status === 'stopped' ? 'yellow' : 'red';

  return (
    <Box flexDirection="column">
      {title.map((l, i) => (
        // The verdict is coloured as a whole, the tool's name is not.
        <Text key={i} bold>
          {i === 0 ? <Text>{l.slice(0, 'soundcheck soak'.length)}</Text> : null}
          <Text color={tone(verdictColor)}>{i === 0 ? l.slice('soundcheck soak'.length) : l}</Text>
        </Text>
      ))}
      {counts.map((l, i) => <Text key={i} dimColor>{l}</Text>)}
      <Text> </Text>
      <Text bold wrap="truncate-end">{line(HEADERS)}</Text>
      <Text dimColor wrap="truncate-end">{[w0, w1, w2].map((w) => '─'.repeat(w)).join(gap)}</Text>
      {rows.map((r, i) => {
        const status = statusOf(r);
        return (
          <Text key={i} wrap="truncate-end">
            {padEnd(r[0]!, w0)}
            {gap}
            {padEnd(clip(r[1]!, w1), w1)}
            {gap}
            <Text bold color={status === 'PASS' ? tone('green') : status === 'FAIL' ? tone('red') : undefined} dimColor={status === 'n/a'}>{status}</Text>
          </Text>
        );
      })}
      {shown.flat().map((l, i) => <Text key={i} dimColor>{l}</Text>)}
      {hidden > 0 ? <Text dimColor>… {hidden} more note{hidden === 1 ? '' : 's'} in the Markdown report</Text> : null}
      {reports ? (
        <Box flexDirection="column" marginTop={1}>
          {paths.map((l, i) => <Text key={i}>{l}</Text>)}
          {errors.map((e, k) => e.map((l, i) => <Text key={`${k}.${i}`} color={tone(e[0]!.startsWith('✗') ? 'red' : 'yellow')}>{l}</Text>))}
        </Box>
      ) : null}
      <Text> </Text>
      <KeyHints hints={footerHints('soak-summary')} width={width} />
    </Box>
  );
}
