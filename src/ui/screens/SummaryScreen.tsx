/** The verdict of the finished (or stopped) run, its table, and where its reports are. */
import { Box, Text } from 'ink';
import type { BenchResult } from '../../engine/types.js';
import { renderSummary } from '../../report/headless.js';
import { KeyHints } from '../components/KeyHints.js';
import { SummaryTable, reportLines, summaryNotes, type ReportPaths } from '../components/SummaryTable.js';
import { footerHints } from '../keys.js';
import { useSummaryKeys, type SummaryScreenBase } from '../key-router.js';
import { useTone } from '../theme.js';

export interface SummaryScreenProps extends SummaryScreenBase {
  result: BenchResult;
  reports: ReportPaths | null;
}

/** The headless summary's last line (PASS, FAIL or STOPPED, and how many passed), word for word. */
export function verdictLine(b: BenchResult): string {
  return renderSummary(b).trimEnd().split('\n').at(-1) ?? '';
}

export function SummaryScreen(props: SummaryScreenProps) {
  const { result, reports, width, height, active = true } = props;
  const tone = useTone();

  useSummaryKeys(props, active);

  // Title, blank, header, rule, rows, blank before notes, report lines (+ margin), blank, footer, spare.
  const reportsH = reports ? reportLines(reports, width).length + 1 + (reports.error ? 2 : 0) + (reports.warning ? 2 : 0) : 0;
  const fixed = 2 + 2 + result.results.length + 1 + reportsH + 2 + 1;
  const maxNotes = Math.max(1, height - fixed);
  const notes = summaryNotes(result).length;

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>soundcheck bench  </Text>
        <Text bold color={tone(result.passed ? 'green' : result.stopped ? 'yellow' : 'red')}>{verdictLine(result)}</Text>
      </Text>
      <Text> </Text>
      <SummaryTable result={result} reports={reports} width={width} maxNotes={notes > maxNotes ? maxNotes : notes} />
      <Text> </Text>
      <KeyHints hints={footerHints('summary')} width={width} />
    </Box>
  );
}
