import { describe, expect, it } from 'vitest';
import { clipPieces } from './components/ClippedLine.js';
import { wrapWords } from './text.js';

describe('wrapWords', () => {
  it('keeps a line that fits as it is, and wraps others at word boundaries within the width', () => {
    expect(wrapWords('JSON report:     /a/b.json', 40)).toEqual(['JSON report:     /a/b.json']);
    const text = 'memory_growth<100MB: fitted growth over the 0.2 min observed is 4.6 MB, within the 8 MB noise floor';
    const lines = wrapWords(text, 30);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(text);
  });
  it('cuts a word longer than the line, and never returns no line', () => {
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapWords('', 10)).toEqual(['']);
  });
});

describe('clipPieces', () => {
  it('keeps pieces up to the width and ends the cut one with an ellipsis', () => {
    const pieces = [{ text: 'soundcheck soak' }, { text: ' · interaction at 1/s · ' }, { text: 'stopping…', bold: true }];
    expect(clipPieces(pieces, 80)).toEqual(pieces);
    const cut = clipPieces(pieces, 20);
    expect(cut.map((p) => p.text).join('')).toBe('soundcheck soak · i…');
    expect(cut).toHaveLength(2);
    expect(clipPieces(pieces, 0)).toEqual([]);
  });
});
