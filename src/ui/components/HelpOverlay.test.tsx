import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../test/ui-helpers.js';
import { KEYS } from '../keys.js';
import { HelpOverlay } from './HelpOverlay.js';

describe('HelpOverlay', () => {
  it('lists every key of each screen', () => {
    for (const screen of ['picker', 'run', 'summary'] as const) {
      const frame = plain(render(<HelpOverlay screen={screen} />).lastFrame());
      for (const k of KEYS[screen]) {
        expect(frame).toContain(k.keys);
        expect(frame).toContain(k.action.slice(0, 30));
      }
    }
  });
  it('names the picker keys the issue asks for', () => {
    const frame = plain(render(<HelpOverlay screen="picker" />).lastFrame());
    for (const k of ['↑/↓ or k/j', 'space', 'a', '+ / -', '0-9', 't', 'tab', 'enter', '?', 'q or Ctrl-C']) expect(frame).toContain(k);
  });
});
