import { vi } from 'vitest';
// chalk decides its colour level when first imported: force colour on for this file, so the
// test can see that NO_COLOR is what turns it off.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ProbeList } from './components/ProbeList.js';
import { ColorContext, colorEnabled } from './theme.js';

const COLOUR = /\x1b\[(3[0-7]|9[0-7]|38;)/;
const rows = [{ id: 'vad', description: 'One frame', selected: true, iterations: 5, target: 'avg<20ms' }];

describe('NO_COLOR', () => {
  it('follows no-color.org: set and non-empty turns colour off', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
  });

  it('removes every colour but keeps the focused row visible', () => {
    const coloured = render(<ColorContext.Provider value={true}><ProbeList rows={rows} focus={0} width={60} /></ColorContext.Provider>).lastFrame()!;
    expect(coloured).toMatch(COLOUR);
    const plain = render(<ColorContext.Provider value={false}><ProbeList rows={rows} focus={0} width={60} /></ColorContext.Provider>).lastFrame()!;
    expect(plain).not.toMatch(COLOUR);
    expect(plain).toContain('\x1b[7m'); // inverse is a style, not a colour
    expect(plain).toContain('›');
  });
});
