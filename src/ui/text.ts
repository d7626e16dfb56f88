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
