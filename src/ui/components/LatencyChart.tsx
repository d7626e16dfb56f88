/**
 * The focused probe's recent samples as an asciichart plot, with its target as a second series.
 * It always occupies exactly `height` lines and at most `width` columns, whatever the data:
 * empty, NaN, constant, or a target far away from the samples.
 */
import asciichart from 'asciichart';
import { Box, Text } from 'ink';
import { fmtMs } from '../../report/format.js';
import { downsampleMax, finite } from '../series.js';
import { useColorEnabled } from '../theme.js';
import { clip } from '../text.js';
import { ClippedLine } from './ClippedLine.js';

export interface LatencyChartProps {
  /** Samples in ms, oldest first. */
  values: readonly number[];
  /** The target's threshold in ms (the first expression's), or null. */
  targetMs: number | null;
  width: number;
  /** Lines in all: one caption line, the plot below it. */
  height: number;
  title: string;
  /** How a value is written on the axis and in the caption (fmtMs: latencies). */
  format?: (v: number) => string;
}

/** Width of the y-axis labels, e.g. " 12.35 ms". */
const LABEL_W = 9;
/** A target this many times beyond the samples would flatten them to one row; it is named instead. */
const MAX_SCALE_STRETCH = 4;

export interface ChartModel {
  lines: string[];
  caption: string;
  /** Index in `lines` of the row the target line is drawn on, or -1. */
  targetRow: number;
  /** Cells of each line taken by the y-axis labels (the rest is plot). */
  labelCells: number;
}

/** The plot as lines of plain text (no colour codes); pure, so tests can check it cell by cell. */
export function chartModel(p: Omit<LatencyChartProps, 'title'>): ChartModel {
  const fmt = p.format ?? fmtMs;
  const plotRows = Math.max(1, p.height - 1);
  const points = Math.max(0, p.width - LABEL_W - 2);
  const data = downsampleMax(finite(p.values), points);
  const target = p.targetMs !== null && Number.isFinite(p.targetMs) && p.targetMs > 0 ? p.targetMs : null;
  if (data.length < 2 || points < 2 || plotRows < 2) {
    const lines = Array.from({ length: plotRows }, (_, i) => (i === Math.floor(plotRows / 2) ? 'waiting for samples…' : ''));
    return { lines, caption: target !== null ? `target ${fmt(target)}` : '', targetRow: -1, labelCells: 0 };
  }
  let lo = Math.min(...data);
  let hi = Math.max(...data);
  let caption = '';
  const targetFits = target !== null && target <= hi * MAX_SCALE_STRETCH && target >= lo / MAX_SCALE_STRETCH;
  if (target !== null) {
    if (targetFits) {
      lo = Math.min(lo, target);
      hi = Math.max(hi, target);
      caption = `── target ${fmt(target)}`;
    } else {
      caption = target > hi ? `target ${fmt(target)} is above the chart` : `target ${fmt(target)} is below the chart`;
    }
  }
  // Constant data has no range to scale; give it one so it draws as a line mid-chart.
  if (hi - lo < Math.max(Math.abs(hi) * 1e-3, 1e-9)) {
    const pad = Math.max(Math.abs(hi) * 0.05, 1e-3);
    lo -= pad;
    hi += pad;
  }
  const height = plotRows - 1;
  const series = targetFits ? [data, data.map(() => target!)] : [data];
  // No colours from asciichart: it wraps every cell in its own escape codes, which Ink then
  // tokenises cell by cell on every frame. The component colours whole runs instead.
  const plot = asciichart.plot(series, { min: lo, max: hi, height, offset: 2, format: (x: number) => clip(fmt(x), LABEL_W).padStart(LABEL_W) });
  // asciichart's own scaling, to know which row the target landed on.
  const ratio = height / (hi - lo);
  const targetRow = targetFits ? Math.round(hi * ratio) - Math.round(target! * ratio) : -1;
  return { lines: plot.split('\n').slice(0, plotRows), caption, targetRow, labelCells: LABEL_W + 1 };
}

export function LatencyChart({ values, targetMs, width, height, title, format }: LatencyChartProps) {
  const color = useColorEnabled();
  if (height < 1 || width < 1) return null;
  const { lines, caption, targetRow, labelCells } = chartModel({ values, targetMs, width, height, format });
  const pad = Math.max(0, height - 1 - lines.length);
  return (
    <Box flexDirection="column" height={height}>
      <ClippedLine pieces={[{ text: title, bold: true }, ...(caption ? [{ text: `  ${caption}`, color: 'red' as const }] : [])]} width={width} />
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l.slice(0, labelCells)}
          <Text color={color ? (i === targetRow ? 'red' : 'cyan') : undefined}>{l.slice(labelCells) || ' '}</Text>
        </Text>
      ))}
      {Array.from({ length: pad }, (_, i) => <Text key={`pad${i}`}> </Text>)}
    </Box>
  );
}
