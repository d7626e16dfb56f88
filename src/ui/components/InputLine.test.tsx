import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../test/ui-helpers.js';
import { InputLine } from './InputLine.js';

describe('InputLine', () => {
  it('shows the label, the text with a cursor, and the hint', () => {
    expect(plain(render(<InputLine label="target:" text="avg<5" hint="enter saves" />).lastFrame())).toBe('target: avg<5▏\nenter saves');
  });
  it('shows why the text is not accepted instead of the hint', () => {
    const frame = plain(render(<InputLine label="target:" text="x" error="'x' is not an expression" hint="enter saves" />).lastFrame());
    expect(frame).toContain("✗ 'x' is not an expression");
    expect(frame).not.toContain('enter saves');
  });
});
