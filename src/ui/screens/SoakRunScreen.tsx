/**
 * The live soak: elapsed and remaining time, interactions, failures, error rate, crashes,
 * backlog, the last checkpoint, the verdict so far, and charts over the whole run of the
 * interaction latency p95, soundcheck's RSS, the event-loop delay and CPU. With room for all
 * four, four charts; otherwise the focused one (↑/↓/tab) as a chart and the others as one-line
 * sparklines. Draws only what the session's bounded store holds.
 */
import { useSyncExternalStore } from 'react';
import { Box } from 'ink';
import { formatDuration } from '../../engine/duration.js';
import { SOAK_VOCABULARY } from '../../engine/criteria.js';
import { parseThresholds } from '../../engine/thresholds.js';
import type { SoakPlan } from '../../engine/soak-types.js';
import { fmtMs } from '../../report/format.js';
import { ClippedLine, type Piece } from '../components/ClippedLine.js';
import { KeyHints } from '../components/KeyHints.js';
import { LatencyChart } from '../components/LatencyChart.js';
import { footerHints } from '../keys.js';
import { useKeys } from '../key-router.js';
import { eachKey } from '../keys-input.js';
import { finite, sparkline } from '../series.js';
import type { SoakSession } from '../soak-session.js';
import { SERIES_IDS, type SeriesId, type SoakNote, type SoakViewState } from '../soak-store.js';
import { padEnd, padStart } from '../text.js';
import { useLatest, useSyncState } from '../use-sync-state.js';

export interface SoakRunScreenProps {
  /** A SoakSession; only its store and its stop are used. */
  session: Pick<SoakSession, 'store' | 'stop'>;
  width: number;
  height: number;
  onHelp: () => void;
  active?: boolean;
}

const fmtMb = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(v < 1000 ? 1 : 0)} MB` : '—');
const fmtPct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} %` : '—');

export interface SeriesInfo {
  title: string;
  short: string;
  format: (v: number) => string;
}

export const SERIES_INFO: Record<SeriesId, SeriesInfo> = {
  p95: { title: 'interaction p95 (last 30 s)', short: 'latency p95', format: fmtMs },
  rss: { title: 'RSS of soundcheck', short: 'RSS', format: fmtMb },
  loopDelay: { title: 'event-loop delay (interactions)', short: 'loop delay', format: fmtMs },
  cpu: { title: 'CPU of soundcheck, % of a core', short: 'CPU', format: fmtPct },
};

/** Lines besides the charts: five of status, the notes line, the footer. */
const FIXED_LINES = 7;
/** Below this a chart says nothing. */
const MIN_CHART_LINES = 5;
const MAX_CHART_LINES = 18;
/** Four charts, each at least this tall, or one chart and sparklines. */
const MIN_STACKED_CHART_LINES = 7;

export type SoakLayout =
  | { kind: 'stacked'; chartLines: number }
  | { kind: 'focus'; chartLines: number; sparklines: number };

/** How the height is shared between the four series. */
export function soakLayout(height: number): SoakLayout {
  // One line fewer than the terminal: Ink redraws the whole screen on every frame that fills it.
  const usable = height - 1 - FIXED_LINES;
  if (usable >= SERIES_IDS.length * MIN_STACKED_CHART_LINES) {
    return { kind: 'stacked', chartLines: Math.min(MAX_CHART_LINES, Math.floor(usable / SERIES_IDS.length)) };
  }
  const others = SERIES_IDS.length - 1;
  const left = usable - others;
  return left >= MIN_CHART_LINES
    ? { kind: 'focus', chartLines: Math.min(MAX_CHART_LINES, left), sparklines: others }
    : { kind: 'focus', chartLines: 0, sparklines: Math.max(0, Math.min(SERIES_IDS.length, usable)) };
}

/** The threshold drawn across a chart: the p95 criterion on latency, the CPU peak criterion on CPU. */
export function seriesTargets(plan: SoakPlan): Partial<Record<SeriesId, number>> {
  const out: Partial<Record<SeriesId, number>> = {};
  try {
    for (const t of parseThresholds(plan.criteria, SOAK_VOCABULARY)) {
      if (t.metric === 'p(95)' || (t.percentile === 95 && out.p95 === undefined)) out.p95 = t.value;
      if (t.metric === 'cpu_peak') out.cpu = t.value;
    }
  } catch { /* the plan's criteria were validated when it was made */ }
  return out;
}

const last = (values: readonly number[]): number => {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i]!;
  return NaN;
};

function progressBar(fraction: number, width: number): string {
  const w = Math.max(0, width);
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * w);
  return '█'.repeat(full) + '░'.repeat(w - full);
}

function noteLine(n: SoakNote): string {
  const label = n.kind === 'crash' ? 'CRASH' : n.kind === 'error' ? 'error' : 'warning';
  return `${formatDuration(n.elapsedMs)} ${label}: ${n.text}`;
}

export function SoakRunScreen({ session, width, height, onHelp, active = true }: SoakRunScreenProps) {
  const state = useSyncExternalStore(session.store.subscribe, session.store.getState);
  const [getFocus, setFocus] = useSyncState<number>(0);
  const latest = useLatest({ onHelp });

  useKeys(
    (input, key) => eachKey(input, key, (input, key) => {
      if ((key.ctrl && input === 'c') || input === 'q') return session.stop();
      if (input === '?') return latest.current.onHelp();
      const n = SERIES_IDS.length;
      if (key.upArrow || input === 'k' || (key.tab && key.shift)) setFocus((getFocus() - 1 + n) % n);
      else if (key.downArrow || input === 'j' || key.tab) setFocus((getFocus() + 1) % n);
    }),
    active,
  );

  const focus = SERIES_IDS[getFocus()]!;
  const layout = soakLayout(height);
  const targets = seriesTargets(state.plan);
  const t = state.tick;
  const chart = (id: SeriesId, lines: number) => {
    const info = SERIES_INFO[id];
    const values = state.series[id];
    return (
      <LatencyChart
        key={id}
        values={values}
        targetMs={targets[id] ?? null}
        width={width}
        height={lines}
        format={info.format}
        title={`${id === focus && layout.kind === 'stacked' ? '› ' : ''}${info.title} · now ${info.format(last(values))}`}
      />
    );
  };
  const others = SERIES_IDS.filter((id) => id !== focus);
  const sparkRows = layout.kind === 'focus' ? (layout.chartLines > 0 ? others : SERIES_IDS).slice(0, layout.sparklines) : [];

  return (
    <Box flexDirection="column">
      <StatusLines state={state} width={width} />
      {layout.kind === 'stacked'
        ? SERIES_IDS.map((id) => chart(id, layout.chartLines))
        : layout.chartLines > 0 ? chart(focus, layout.chartLines) : null}
      {sparkRows.map((id) => <SparkRow key={id} id={id} values={state.series[id]} width={width} />)}
      <NoteLine notes={state.notes} errors={state.errors} warnings={state.warnings} crashes={t?.crashes ?? 0} width={width} />
      <KeyHints hints={footerHints('soak-run')} width={width} />
    </Box>
  );
}

const SPARK_LABEL_W = 13;
const SPARK_VALUE_W = 11;

/** Cells for "max 1234.5 MB" after the current value, on a terminal wide enough to spare them. */
const SPARK_MAX_W = 17;

function SparkRow({ id, values, width }: { id: SeriesId; values: readonly number[]; width: number }) {
  const info = SERIES_INFO[id];
  const fixed = 2 + SPARK_LABEL_W + 1 + SPARK_VALUE_W;
  const withMax = width - fixed >= 60 + SPARK_MAX_W;
  const w = Math.max(0, width - fixed - (withMax ? SPARK_MAX_W : 0));
  const max = finite(values).reduce((m, v) => Math.max(m, v), -Infinity);
  // From the left, as the chart: the series covers the run so far and grows to the right.
  const bars = padEnd(sparkline(values, Math.min(w, finite(values).length)), w);
  return (
    <ClippedLine
      width={width}
      pieces={[
        { text: `  ${padEnd(info.short, SPARK_LABEL_W)}` },
        { text: bars, color: 'cyan' },
        { text: ` ${padStart(info.format(last(values)), SPARK_VALUE_W)}` },
        ...(withMax && Number.isFinite(max) ? [{ text: padStart(`max ${info.format(max)}`, SPARK_MAX_W), dim: true }] : []),
      ]}
    />
  );
}

function StatusLines({ state, width }: { state: SoakViewState; width: number }) {
  const { plan, tick: t, report, stopping, lastCheckpoint: cp } = state;
  const rate = plan.rate > 0 ? `${plan.rate}/s` : 'full speed';
  const title: Piece[] = [{ text: 'soundcheck soak', bold: true }, { text: ` · ${plan.probe.id} at ${rate} · `, dim: true }];
  if (report) title.push({ text: `${report.status} · writing the reports…`, dim: true });
  else if (stopping) title.push({ text: 'stopping…', color: 'yellow', bold: true }, { text: ' final checkpoint and reports follow (2 s at most)', color: 'yellow' });
  else title.push({ text: t ? 'running' : 'starting', dim: true });

  const remainingMs = t?.remainingMs ?? plan.durationMs;
  const fraction = Math.max(0, Math.min(1, plan.durationMs > 0 ? 1 - remainingMs / plan.durationMs : 0));
  const times = t ? `elapsed ${formatDuration(t.elapsedMs)} · remaining ${formatDuration(remainingMs)} of ${formatDuration(plan.durationMs)}` : 'starting the interaction process…';
  const percent = ` ${Math.floor(fraction * 100)} %`;
  const barW = Math.min(30, width - times.length - 2 - percent.length);
  const timeLine: Piece[] = [{ text: times }];
  if (t && barW >= 5) timeLine.push({ text: '  ' }, { text: progressBar(fraction, barW), color: 'cyan' }, { text: percent });

  const counts: Piece[] = [
    { text: 'interactions ' }, { text: String(t?.total ?? 0), bold: true },
    { text: ' · failed ' }, { text: String(t?.failed ?? 0), bold: true, color: t && t.failed > 0 ? 'red' : undefined },
    { text: ` · error rate ${t ? t.errorRatePercent.toFixed(2) : '0.00'} %` },
    { text: ' · crashes ' }, { text: String(t?.crashes ?? 0), bold: true, color: t && t.crashes > 0 ? 'red' : undefined },
    { text: ' · backlog ' }, { text: String(t?.backlog ?? 0), color: t && t.backlog > 0 ? 'yellow' : undefined },
  ];
  const checkpoint: Piece[] = [{
    text: cp
      ? `checkpoint${cp.index !== null ? ` #${cp.index}` : ''} at ${formatDuration(cp.elapsedMs)}: p95 ${fmtMs(cp.p95Ms)}, ${cp.total} interactions · cumulative p95 ${fmtMs(t?.cumulativeP95Ms)}`
      : `no checkpoint yet (one every ${formatDuration(plan.checkpointIntervalMs)}) · cumulative p95 ${fmtMs(t?.cumulativeP95Ms)}`,
    dim: !cp,
  }];
  const verdict: Piece[] = [{ text: 'verdict so far: ' }];
  if (!t) verdict.push({ text: 'not yet', dim: true });
  else if (t.verdictSoFar) verdict.push({ text: 'PASSING', bold: true, color: 'green' });
  else verdict.push({ text: 'FAILING', bold: true, color: 'red' }, { text: ` — ${t.failing.join('; ')}`, color: 'red' });

  return (
    <>
      {[title, timeLine, counts, checkpoint, verdict].map((pieces, i) => <ClippedLine key={i} pieces={pieces} width={width} />)}
    </>
  );
}

function NoteLine({ notes, errors, warnings, crashes, width }: { notes: readonly SoakNote[]; errors: number; warnings: number; crashes: number; width: number }) {
  const n = notes.at(-1);
  if (!n) return <ClippedLine pieces={[{ text: 'no crashes, errors or warnings', dim: true }]} width={width} />;
  const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : word.endsWith('sh') ? 'es' : 's'}`;
  const color = n.kind === 'warning' ? 'yellow' : 'red';
  return (
    <ClippedLine
      width={width}
      pieces={[
        { text: n.kind === 'warning' ? '! ' : '✗ ', color },
        { text: `[${plural(crashes, 'crash')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}] `, dim: true },
        { text: noteLine(n), color },
      ]}
    />
  );
}
