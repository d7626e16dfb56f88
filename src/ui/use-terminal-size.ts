/**
 * The terminal's size, kept current on resize. Ink re-lays out on 'resize' by itself, but our
 * layouts (how tall the chart is, which columns fit) are computed from the size, so they need it
 * as state.
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** When the stream does not say (a test's fake stdout), assume the classic terminal. */
export const FALLBACK_SIZE: TerminalSize = { columns: 80, rows: 24 };

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return {
    columns: stdout.columns > 0 ? stdout.columns : FALLBACK_SIZE.columns,
    rows: stdout.rows > 0 ? stdout.rows : FALLBACK_SIZE.rows,
  };
}

/** Clear the screen and home the cursor. */
const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * @param clearOnResize wipe the whole screen on a resize (only on a screen we own: the alternate
 *   screen). A terminal re-wraps old lines when it narrows, and Ink erases only the lines it
 *   drew last; without this, fragments of the previous frame stay above the new one.
 */
export function useTerminalSize(clearOnResize = false): TerminalSize {
  const { stdout, write } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = (): void => {
      // Ink's write() erases its frame, writes ours, then redraws its last frame in full.
      if (clearOnResize) write(CLEAR_SCREEN);
      setSize(read(stdout));
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, write, clearOnResize]);
  return size;
}
