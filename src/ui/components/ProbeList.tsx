/**
 * The picker's rows: checkbox, probe id, one-line description, iteration count, target. The
 * focused row is inverted (and pointed at, for terminals without styles); the description is the
 * first thing to give way on a narrow terminal.
 */
import { Box, Text } from 'ink';
import { useTone } from '../theme.js';
import { padEnd, padStart } from '../text.js';

export interface ProbeListRow {
  id: string;
  description: string;
  selected: boolean;
  iterations: number;
  target: string;
}

export interface ProbeListProps {
  rows: readonly ProbeListRow[];
  focus: number;
  width: number;
  /** Rows that fit; the list scrolls to keep the focused row in view. */
  maxRows?: number;
  /** The count being typed on the focused row, drawn in place of its iterations. */
  editingCount?: string;
}

const POINTER = 2;
const CHECKBOX = 4;
const COUNT = 11;
const TARGET = 16;
const MIN_DESCRIPTION = 12;

export function probeListLayout(rows: readonly ProbeListRow[], width: number) {
  const idW = Math.min(24, Math.max(8, ...rows.map((r) => r.id.length))) + 1;
  const fixed = POINTER + CHECKBOX + idW + COUNT + 1;
  const targetW = Math.max(0, Math.min(TARGET, width - fixed));
  const rest = width - fixed - targetW - 1;
  return { idW, targetW, descriptionW: rest >= MIN_DESCRIPTION ? rest : 0 };
}

/** Which slice of rows to draw so that `focus` is visible. */
export function visibleWindow(count: number, focus: number, maxRows: number): [number, number] {
  if (count <= maxRows) return [0, count];
  const start = Math.min(Math.max(0, focus - Math.floor(maxRows / 2)), count - maxRows);
  return [start, start + maxRows];
}

export function ProbeList({ rows, focus, width, maxRows = rows.length, editingCount }: ProbeListProps) {
  const tone = useTone();
  const { idW, targetW, descriptionW } = probeListLayout(rows, width);
  const [from, to] = visibleWindow(rows.length, focus, Math.max(1, maxRows));
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {' '.repeat(POINTER + CHECKBOX)}
        {padEnd('probe', idW)}
        {descriptionW > 0 ? `${padEnd('what one iteration does', descriptionW)} ` : ''}
        {padStart('iterations', COUNT)} {padEnd('target', targetW)}
      </Text>
      {rows.slice(from, to).map((r, k) => {
        const i = from + k;
        const focused = i === focus;
        const editing = focused && editingCount !== undefined;
        return (
          <Box key={r.id}>
            <Text inverse={focused} wrap="truncate-end">
              <Text bold={focused}>{focused ? '› ' : '  '}</Text>
              <Text color={r.selected ? tone('green') : undefined}>{r.selected ? '[x] ' : '[ ] '}</Text>
              <Text bold={focused}>{padEnd(r.id, idW)}</Text>
              {descriptionW > 0 ? <Text dimColor={!focused}>{padEnd(r.description, descriptionW)} </Text> : null}
              {editing ? (
                <Text color={tone('yellow')} bold>{padStart(`${editingCount}▏`, COUNT)}</Text>
              ) : (
                <Text>{padStart(`${r.iterations}×`, COUNT)}</Text>
              )}
              <Text> {padEnd(r.target, targetW)}</Text>
            </Text>
          </Box>
        );
      })}
      {from > 0 || to < rows.length ? (
        <Text dimColor>  {from > 0 ? `↑ ${from} more ` : ''}{to < rows.length ? `↓ ${rows.length - to} more` : ''}</Text>
      ) : null}
    </Box>
  );
}
