import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { footerHints } from '../keys.js';
import { KeyHints, fitHints } from './KeyHints.js';

describe('KeyHints', () => {
  it('shows as many hints as fit, whole', () => {
    expect(fitHints([['q', 'quit'], ['?', 'help']], 80)).toBe('q quit  ? help');
    expect(fitHints([['q', 'quit'], ['?', 'help']], 8)).toBe('q quit');
    expect(render(<KeyHints hints={footerHints('summary')} width={80} />).lastFrame()).toBe('r rerun  b back  q quit  ? help');
  });
});
