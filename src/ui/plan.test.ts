import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings.js';
import { iterationStep, planFromSettings, stepIterations } from './plan.js';

describe('iteration steps', () => {
  it('moves by about a tenth, in round numbers, never below 1', () => {
    expect(iterationStep(100)).toBe(10);
    expect(iterationStep(50)).toBe(5);
    expect(iterationStep(7)).toBe(1);
    expect(iterationStep(1000)).toBe(100);
    const up: number[] = [];
    for (let n = 100, i = 0; i < 3; i++) up.push((n = stepIterations(n, 1)));
    expect(up).toEqual([110, 120, 130]);
    const down: number[] = [];
    for (let n = 100, i = 0; i < 3; i++) down.push((n = stepIterations(n, -1)));
    expect(down).toEqual([90, 85, 80]);
    expect(stepIterations(1, -1)).toBe(1);
    expect(stepIterations(2, -1)).toBe(1);
    expect(stepIterations(1, 1)).toBe(2);
  });
});

describe('planFromSettings', () => {
  it('plans the selected probes in order with their counts and targets', () => {
    const probes = ['a', 'b', 'c'].map((id) => ({ id, title: id, description: '', defaultIterations: 10, target: 'avg<1ms', moduleUrl: '' }));
    const s = defaultSettings(probes);
    s.probes[1]!.selected = false;
    s.probes[2]!.iterations = 3;
    expect(planFromSettings(s, { warmup: 2, timeoutMs: 500, options: { configFile: '/x.yaml' } })).toEqual({
      probes: [{ id: 'a', iterations: 10, target: 'avg<1ms' }, { id: 'c', iterations: 3, target: 'avg<1ms' }],
      warmup: 2, timeoutMs: 500, options: { configFile: '/x.yaml' },
    });
  });
});
