/** From the picker's choices to the engine's plans, and the +/- step of an iteration count. */
import type { BenchPlan, ProbeOptions } from '../engine/types.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { SOAK_DEFAULTS, soakPlanFromFlags, type SoakFlags } from '../commands/soak.js';
import { MAX_ITERATIONS, type Settings, type SoakChoices } from '../settings.js';

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

/** The `soundcheck soak` flags the picker does not set: they come from the command line and stay for every soak of the session. */
export type SoakBase = Pick<SoakFlags, 'criteria' | 'timeout' | 'probe' | 'configFile' | 'maxHeap'>;

/** The picker's soak choices as the flags `soundcheck soak` would have been given. */
export function soakFlagsFromChoices(c: SoakChoices, base: SoakBase = {}): SoakFlags {
  return {
    ...base,
    // --quick is exactly 5 minutes: the duration typed stays remembered but is not given with it.
    duration: c.quick ? undefined : c.duration,
    quick: c.quick || undefined,
    rate: c.rate,
    healthInterval: c.healthInterval ?? undefined,
    checkpointInterval: c.checkpointInterval ?? undefined,
  };
}

/** The choices that make the plan of these flags: how `soundcheck soak FLAGS` shows in the picker when the user goes back to it. */
export function soakChoicesFromFlags(f: SoakFlags): SoakChoices {
  return {
    duration: f.duration ?? SOAK_DEFAULTS.duration,
    quick: !!f.quick,
    rate: f.rate ?? SOAK_DEFAULTS.rate,
    healthInterval: f.healthInterval ?? null,
    checkpointInterval: f.checkpointInterval ?? null,
  };
}

/** Through soakPlanFromFlags: the same validation and defaults as the command line; throws UsageError. */
export function soakPlanFromChoices(c: SoakChoices, base: SoakBase = {}): SoakPlan {
  return soakPlanFromFlags(soakFlagsFromChoices(c, base));
}
