import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../test/ui-helpers.js';
import { LatencyChart, chartModel } from './LatencyChart.js';

const widthOf = (frame: string): number => Math.max(...frame.split('\n').map((l) => [...l].length));

describe('LatencyChart', () => {
  const noisy = Array.from({ length: 512 }, (_, i) => 5 + Math.sin(i / 7) * 2 + (i === 300 ? 9 : 0));

  it('fits the width and height it is given, downsampling the samples', () => {
    for (const [width, height] of [[80, 10], [60, 6], [120, 18]] as const) {
      const frame = plain(render(<LatencyChart values={noisy} targetMs={12} width={width} height={height} title="vad" />).lastFrame());
      expect(widthOf(frame)).toBeLessThanOrEqual(width);
      expect(frame.split('\n')).toHaveLength(height);
    }
    const model = chartModel({ values: noisy, targetMs: 12, width: 80, height: 10 });
    expect(model.lines).toHaveLength(9);
    for (const l of model.lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('draws the target as a line across the chart when it is in range', () => {
    const model = chartModel({ values: noisy, targetMs: 12, width: 60, height: 10 });
    expect(model.caption).toContain('target 12.00 ms');
    expect(model.lines[model.targetRow]).toMatch(/─{20,}/);
    expect(model.lines[model.targetRow]).toMatch(/^ 1[12]\.\d+ ms┼/);
    expect(model.lines.join('')).not.toContain('\x1b'); // colour is the component's, per run of cells
  });

  it('names a target far off the scale instead of flattening the samples', () => {
    const model = chartModel({ values: noisy, targetMs: 500, width: 60, height: 10 });
    expect(model.caption).toBe('target 500.0 ms is above the chart');
    // The scale is the samples' (top label near their maximum), not stretched to 500 ms.
    expect(Number(/([\d.]+) ms/.exec(model.lines[0]!)![1])).toBeLessThan(20);
  });

  it('never throws on empty, NaN, single or constant data, nor on a tiny box', () => {
    const cases: number[][] = [[], [NaN, NaN, NaN], [3], [4, 4, 4, 4], [NaN, 2, Infinity, 3], [0, 0, 0]];
    for (const values of cases) {
      for (const [width, height] of [[80, 10], [12, 3], [1, 1], [0, 0]] as const) {
        expect(() => render(<LatencyChart values={values} targetMs={NaN} width={width} height={height} title="t" />)).not.toThrow();
        expect(() => chartModel({ values, targetMs: 10, width, height })).not.toThrow();
      }
    }
    expect(plain(render(<LatencyChart values={[]} targetMs={10} width={60} height={6} title="t" />).lastFrame())).toContain('waiting for samples…');
    const flat = chartModel({ values: [4, 4, 4, 4], targetMs: null, width: 40, height: 6 });
    expect(flat.lines.join('\n')).toContain('─');
  });
});
