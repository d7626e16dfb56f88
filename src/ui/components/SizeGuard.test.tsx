import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../test/ui-helpers.js';
import { SizeGuard, fitsMinimum } from './SizeGuard.js';

describe('SizeGuard', () => {
  it('draws its children when the terminal is big enough', () => {
    expect(plain(render(<SizeGuard columns={80} rows={24}><Text>SCREEN</Text></SizeGuard>).lastFrame())).toBe('SCREEN');
    expect(fitsMinimum(60, 16)).toBe(true);
  });
  it('says how big the terminal must be instead of drawing garbage', () => {
    const frame = plain(render(<SizeGuard columns={50} rows={12}><Text>SCREEN</Text></SizeGuard>).lastFrame());
    expect(frame).not.toContain('SCREEN');
    expect(frame).toContain('Terminal too small: 50×12');
    expect(frame).toContain('at least 60×16');
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(50);
    expect(fitsMinimum(59, 30)).toBe(false);
    expect(fitsMinimum(100, 15)).toBe(false);
  });
});
