/**
 * One line of styled pieces, cut to `width` cells by us rather than by the terminal: Ink clips
 * only at its own (the terminal's) width, and a line a cell too wide would wrap and push the
 * screen down. The last piece that does not fit ends with an ellipsis.
 */
import { Text } from 'ink';
import { useTone, type Tone } from '../theme.js';
import { cells, clip } from '../text.js';

export interface Piece {
  text: string;
  color?: Tone;
  bold?: boolean;
  dim?: boolean;
}

/** The pieces that fit in `width` cells, the last one cut if it must be. */
export function clipPieces(pieces: readonly Piece[], width: number): Piece[] {
  const out: Piece[] = [];
  let left = Math.max(0, width);
  for (const p of pieces) {
    if (left <= 0) break;
    const text = cells(p.text) <= left ? p.text : clip(p.text, left);
    out.push({ ...p, text });
    left -= cells(text);
  }
  return out;
}

export function ClippedLine({ pieces, width, inverse }: { pieces: readonly Piece[]; width: number; inverse?: boolean }) {
  const tone = useTone();
  const shown = clipPieces(pieces, width);
  return (
    <Text wrap="truncate-end" inverse={inverse}>
      {shown.length === 0 ? ' ' : shown.map((p, i) => (
        <Text key={i} color={p.color ? tone(p.color) : undefined} bold={p.bold} dimColor={p.dim}>{p.text}</Text>
      ))}
    </Text>
  );
}
