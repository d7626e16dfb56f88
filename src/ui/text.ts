/** Fitting plain strings into terminal cells. Every glyph the UI prints is one cell wide. */

/** Visible length: ANSI colour sequences take no cells. */
export function cells(s: string): number {
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/** Cut to at most `w` cells, marking the cut with an ellipsis. Plain strings only. */
export function clip(s: string, w: number): string {
  if (w <= 0) return '';
  const chars = [...s];
  if (chars.length <= w) return s;
  return w === 1 ? '…' : chars.slice(0, w - 1).join('') + '…';
}

export const padEnd = (s: string, w: number): string => {
  const c = clip(s, w);
  return c + ' '.repeat(Math.max(0, w - cells(c)));
};

export const padStart = (s: string, w: number): string => {
  const c = clip(s, w);
  return ' '.repeat(Math.max(0, w - cells(c))) + c;
};

/**
 * Greedy word wrap into lines of at most `w` cells (a word longer than a line is cut across
 * lines). Done here rather than by Ink, which wraps at its own (the terminal's) width: the
 * screens must know how many lines a text takes to share the height.
 */
export function wrapWords(s: string, w: number): string[] {
  const width = Math.max(1, Math.floor(w));
  // A line that fits is kept as it is, spacing and all.
  if (!s.includes('\n') && cells(s) <= width) return [s];
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    let rest = word;
    if (line && cells(line) + 1 + cells(rest) <= width) {
      line += ` ${rest}`;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    while (cells(rest) > width) {
      const chars = [...rest];
      lines.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
