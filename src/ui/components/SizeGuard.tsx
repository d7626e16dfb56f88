/**
 * Below a minimum terminal size the screens cannot be drawn without overlapping lines; say how
 * big the terminal must be instead. Resizing brings the screen back (the size is live state).
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export function fitsMinimum(columns: number, rows: number, minColumns = MIN_COLUMNS, minRows = MIN_ROWS): boolean {
  return columns >= minColumns && rows >= minRows;
}

export interface SizeGuardProps {
  columns: number;
  rows: number;
  minColumns?: number;
  minRows?: number;
  /** Drawn when the terminal is big enough. */
  children?: ReactNode;
}

/** The message alone, for a caller that keeps its screens mounted (hidden) while it shows. */
export function TooSmall({ columns, rows, minColumns = MIN_COLUMNS, minRows = MIN_ROWS }: Omit<SizeGuardProps, 'children'>) {
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="wrap">Terminal too small: {columns}×{rows}</Text>
      <Text wrap="wrap">soundcheck needs at least {minColumns}×{minRows} (columns×rows). Enlarge the window; the screen comes back by itself.</Text>
      <Text dimColor wrap="wrap">q quits (or stops a run). For plain output: soundcheck --no-tui</Text>
    </Box>
  );
}

export function SizeGuard(props: SizeGuardProps) {
  const { columns, rows, minColumns, minRows, children } = props;
  return fitsMinimum(columns, rows, minColumns, minRows) ? <>{children}</> : <TooSmall {...props} />;
}
