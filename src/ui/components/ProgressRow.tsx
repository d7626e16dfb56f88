/**
 * One probe of the live run, in two lines:
 *   ⠋ config_loading       ███████░░░░░░░░░░░░░   45/100  ETA 3s
 *       p50  1.234 ms  p95  2.345 ms  p99  3.456 ms  avg<10ms ✓  ▂▃▅▂▁▃▇▂
 * Every figure is the engine's (snapshot while running, result when done).
 */
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { formatDuration } from '../../engine/duration.js';
import type { ProbeRunView } from '../store.js';
import { fmtMs } from '../../report/format.js';
import { etaMs, fmtEta, liveTargets, type LiveTarget } from '../live.js';
import { useTone } from '../theme.js';
import { padEnd, padStart } from '../text.js';
import { Sparkline } from './Sparkline.js';

export interface ProgressRowProps {
  probe: ProbeRunView;
  width: number;
  /** Column width for probe ids, shared by all rows so the bars line up. */
  idWidth: number;
  focused?: boolean;
  /** The focused probe has the big chart; the others draw a sparkline in the rest of line two. */
  showSparkline?: boolean;
  /** The run is being stopped: the running probe says so instead of an ETA. */
  stopping?: boolean;
  /** Column width for done/total, shared by all rows so the bars line up. */
  countWidth?: number;
}

export const PROGRESS_ROW_LINES = 2;

export function progressBar(done: number, total: number, width: number): string {
  const w = Math.max(0, width);
  const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const full = Math.round(f * w);
  return '█'.repeat(full) + '░'.repeat(w - full);
}

const STAT_W = 9;
const MAX_BAR = 40;
const stat = (label: string, ms: number | undefined): string => `${label} ${padStart(fmtMs(ms), STAT_W)}`;

function markOf(j: LiveTarget['judgement']): string {
  return j === 'pass' ? '✓' : j === 'fail' ? '✗' : '…';
}

export function ProgressRow({ probe, width, idWidth, focused = false, showSparkline = true, stopping = false, countWidth = 0 }: ProgressRowProps) {
  const tone = useTone();
  const snap = probe.snapshot;
  const result = probe.result;
  const done = result ? result.samplesCount : (snap?.done ?? 0);
  const total = result ? result.iterations : (snap?.total ?? probe.iterations);
  const errors = result ? result.errors.length : (snap?.errors ?? 0);
  const stats = result ? result.stats : (snap?.stats ?? null);

  let status: string;
  if (probe.status === 'queued') status = result ? 'not run' : 'queued';
  else if (probe.status === 'done') {
    status = !result ? 'done' : !result.stopped ? `${result.status} ${formatDuration(result.durationMs)}` : result.samplesCount > 0 ? 'stopped' : 'not run';
  }
  else if (stopping) status = 'stopping…';
  else if (!snap || snap.phase === 'setup') status = 'setup…';
  else if (snap.phase === 'warmup') status = 'warmup…';
  else if (snap.phase === 'verify') status = 'checking…';
  else status = fmtEta(etaMs(snap));

  const countText = `${done}/${total}`;
  const countW = Math.max(countText.length, 2 * String(total).length + 1, countWidth);
  const errText = errors > 0 ? ` ${errors} err` : '';
  const statusW = 12;
  // Past ~40 cells a longer bar tells nothing more; the row stays readable on a wide terminal.
  const barW = Math.max(0, Math.min(MAX_BAR, width - 2 - idWidth - 1 - countW - errText.length - 1 - statusW - 1));

  const targets = liveTargets(probe.target, snap, result);
  const statsText = `    ${stat('p50', stats?.p50)}  ${stat('p95', stats?.p95)}  ${stat('p99', stats?.p99)}  `;
  const targetText = targets.map((t) => `${t.expr} ${markOf(t.judgement)}`).join(' ');
  const sparkW = showSparkline ? width - statsText.length - targetText.length - 2 : 0;

  const mark =
    probe.status === 'running' ? (
      // A 180 ms spinner: at the TUI's 5 fps a faster one would skip frames and look erratic.
      <Text color={tone('cyan')}><Spinner type="squareCorners" /></Text>
    ) : probe.status === 'done' && result ? (
      <Text color={tone(result.status === 'PASS' ? 'green' : 'red')}>{result.status === 'PASS' ? '✓' : '✗'}</Text>
    ) : (
      <Text dimColor>·</Text>
    );

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {mark}
        <Text> </Text>
        <Text bold={focused} inverse={focused}>{padEnd(probe.id, idWidth)}</Text>
        <Text> </Text>
        <Text color={tone(probe.status === 'done' ? (result?.status === 'PASS' ? 'green' : 'red') : 'cyan')}>{progressBar(done, total, barW)}</Text>
        <Text> {padStart(countText, countW)}</Text>
        {errText ? <Text color={tone('red')}>{errText}</Text> : null}
        <Text dimColor> {padEnd(status, statusW)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{statsText}</Text>
        {targets.map((t, i) => (
          <Text key={t.expr + i} color={t.judgement === 'pass' ? tone('green') : t.judgement === 'fail' ? tone('red') : undefined}>
            {i > 0 ? ' ' : ''}{t.expr} {markOf(t.judgement)}
          </Text>
        ))}
        {sparkW >= 4 ? (
          <Text>
            {'  '}
            <Sparkline values={snap?.recent ?? []} width={sparkW} />
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
