import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './Sparkline.js';

describe('Sparkline', () => {
  it('draws the values in exactly the given width', () => {
    expect(render(<Sparkline values={[1, 5, 9]} width={3} />).lastFrame()).toBe('▁▅█');
    expect([...(render(<Sparkline values={Array.from({ length: 500 }, Math.random)} width={20} />).lastFrame() ?? '')]).toHaveLength(20);
  });
  it('is blank, not broken, on empty or NaN data', () => {
    expect(() => render(<Sparkline values={[]} width={5} />)).not.toThrow();
    expect(render(<Sparkline values={[NaN, NaN]} width={4} />).lastFrame()).toBe('');
    expect(render(<Sparkline values={[2, 2]} width={2} />).lastFrame()).toBe('▁▁');
  });
});
