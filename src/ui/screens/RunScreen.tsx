/**
 * The live run: a row per probe (spinner, progress, ETA, p50/p95/p99, target verdict so far), the
 * focused probe's latency chart, sparklines for the rest. Draws only what the store holds; the
 * store is fed by the engine and throttled, so this screen costs the measurement nothing but
 * the main thread's drawing.
 */
import { useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { parseThresholds, primaryTargetMs } from '../../engine/thresholds.js';
import { KeyHints } from '../components/KeyHints.js';
import { LatencyChart } from '../components/LatencyChart.js';
import { PROGRESS_ROW_LINES, ProgressRow } from '../components/ProgressRow.js';
import { visibleWindow } from '../components/ProbeList.js';
import { footerHints } from '../keys.js';
import type { BenchSession } from '../session.js';
import type { RunViewState } from '../store.js';
import { useKeys } from '../key-router.js';
import { useTone } from '../theme.js';
import { eachKey } from '../keys-input.js';
import { useLatest, useSyncState } from '../use-sync-state.js';

export interface RunScreenProps {
  session: BenchSession;
  width: number;
  height: number;
  onHelp: () => void;
  active?: boolean;
}

/** Below this many lines the chart says nothing; the focused probe gets a sparkline instead. */
const MIN_CHART_LINES = 5;
const MAX_CHART_LINES = 18;

function targetMsOf(target: string): number | null {
  try {
    const v = primaryTargetMs(parseThresholds(target));
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/** The probe to chart: the one the user chose, else the one running now, else the last one. */
function chartIndex(state: RunViewState, chosen: number | null): number {
  if (chosen !== null) return chosen;
  const running = state.probes.findIndex((p) => p.status === 'running');
  if (running >= 0) return running;
  const started = state.probes.map((p) => p.status !== 'queued').lastIndexOf(true);
  return Math.max(0, started);
}

export interface RunLayout {
  rows: number;
  chartLines: number;
}

/**
 * How the height is shared: title and footer, two lines per probe, the chart gets the rest.
 * Every probe's row comes first; the chart only if it still gets a useful height; with more
 * probes than fit, the rows scroll and the chart keeps its minimum.
 */
export function runLayout(probeCount: number, height: number): RunLayout {
  // One line fewer than the terminal: Ink redraws the whole screen on every frame that fills it.
  const usable = height - 1 - 2;
  const all = probeCount * PROGRESS_ROW_LINES;
  if (all <= usable) {
    const left = usable - all;
    return { rows: probeCount, chartLines: left >= MIN_CHART_LINES ? Math.min(MAX_CHART_LINES, left) : 0 };
  }
  const rows = Math.max(1, Math.floor((usable - MIN_CHART_LINES) / PROGRESS_ROW_LINES));
  const left = usable - rows * PROGRESS_ROW_LINES;
  return { rows, chartLines: left >= MIN_CHART_LINES ? left : 0 };
}

export function RunScreen({ session, width, height, onHelp, active = true }: RunScreenProps) {
  const tone = useTone();
  const state = useSyncExternalStore(session.store.subscribe, session.store.getState);
  const [getChosen, setChosen] = useSyncState<number | null>(null);
  const [getStopping, setStopping] = useSyncState(session.stopping);
  const latest = useLatest({ state, onHelp });

  useKeys(
    (input, key) => eachKey(input, key, (input, key) => {
      const n = latest.current.state.probes.length;
      if ((key.ctrl && input === 'c') || input === 'q') {
        session.stop();
        setStopping(true);
        return;
      }
      if (input === '?') return latest.current.onHelp();
      const from = chartIndex(latest.current.state, getChosen());
      if (key.upArrow || input === 'k') setChosen((from - 1 + n) % n);
      if (key.downArrow || input === 'j') setChosen((from + 1) % n);
    }),
    active,
  );

  const focus = chartIndex(state, getChosen());
  const { rows, chartLines } = runLayout(state.probes.length, height);
  const [from, to] = visibleWindow(state.probes.length, focus, rows);
  const idWidth = Math.max(...state.probes.map((p) => p.id.length)) + 1;
  const countWidth = 2 * Math.max(...state.probes.map((p) => String(p.iterations).length)) + 1;
  const focused = state.probes[focus];
  const runningIndex = state.probes.findIndex((p) => p.status === 'running');
  const stopping = getStopping();

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>soundcheck bench</Text>
        <Text dimColor>
          {' · '}
          {state.result ? (state.result.stopped ? 'stopped' : 'finished') : runningIndex >= 0 ? `probe ${runningIndex + 1} of ${state.probes.length}` : 'starting'}
        </Text>
        {stopping && !state.result ? <Text color={tone('yellow')}> · stopping: the current iteration finishes, results so far are kept</Text> : null}
      </Text>
      {state.probes.slice(from, to).map((p, k) => (
        <ProgressRow
          key={p.id}
          probe={p}
          width={width}
          idWidth={idWidth}
          countWidth={countWidth}
          focused={from + k === focus}
          showSparkline={from + k !== focus || chartLines === 0}
          stopping={stopping && p.status === 'running'}
        />
      ))}
      {chartLines > 0 && focused ? (
        <LatencyChart
          values={focused.snapshot?.recent ?? []}
          targetMs={targetMsOf(focused.target)}
          width={width}
          height={chartLines}
          title={`${focused.id} · ${focused.snapshot?.recent.length ?? 0} recent samples (ms)`}
        />
      ) : null}
      <KeyHints hints={footerHints('run')} width={width} />
    </Box>
  );
}
