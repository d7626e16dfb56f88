/** From the picker's choices to the engine's plan, and the +/- step of an iteration count. */
import type { BenchPlan, ProbeOptions } from '../engine/types.js';
import { MAX_ITERATIONS, type Settings } from '../settings.js';

export interface RunSettings {
  warmup: number;
  timeoutMs: number;
  options: ProbeOptions;
}

export function planFromSettings(settings: Settings, run: RunSettings): BenchPlan {
  return {
    probes: settings.probes.filter((p) => p.selected).map((p) => ({ id: p.id, iterations: p.iterations, target: p.target })),
    warmup: run.warmup,
    timeoutMs: run.timeoutMs,
    options: run.options,
  };
}

/**
 * About a tenth of the count, rounded down to 1, 2 or 5 × a power of ten, at least 1: from 100
 * + goes 110, 120… and - goes 90, 85…; from 7, 8, 9 — a few presses reach any usual count.
 */
export function iterationStep(n: number): number {
  const raw = n / 10;
  if (raw < 2) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * pow;
}

/** The next count up or down, snapped to the step so counts stay round. */
export function stepIterations(n: number, direction: 1 | -1): number {
  if (direction === 1) {
    const step = iterationStep(n);
    return Math.min(MAX_ITERATIONS, Math.floor(n / step) * step + step);
  }
  const step = iterationStep(n);
  return Math.max(1, Math.ceil(n / step) * step - step);
}
