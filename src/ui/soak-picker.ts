/**
 * The picker's soak mode as data: its rows, what each shows, and how a typed value becomes a
 * choice. Every value is checked by soakPlanFromFlags (through soakPlanFromChoices), so the
 * picker accepts exactly what `soundcheck soak` accepts and says why it does not in the same words.
 */
import { formatDuration, parseDuration } from '../engine/duration.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { SOAK_DEFAULTS } from '../commands/soak.js';
import type { SoakChoices } from '../settings.js';
import { UsageError } from '../usage.js';
import { soakPlanFromChoices, type SoakBase } from './plan.js';

export type SoakTextField = 'duration' | 'rate' | 'healthInterval' | 'checkpointInterval';
export type SoakField = SoakTextField | 'quick' | 'start';

export const SOAK_FIELDS: readonly SoakField[] = ['duration', 'quick', 'rate', 'healthInterval', 'checkpointInterval', 'start'];

export const SOAK_LABELS: Record<SoakField, string> = {
  duration: 'Duration',
  quick: 'Quick (exactly 5 min)',
  rate: 'Rate',
  healthInterval: 'Health interval',
  checkpointInterval: 'Checkpoint interval',
  start: '▶ Start soak',
};

export const SOAK_HINTS: Record<SoakField, string> = {
  duration: '90s, 5m, 8h; bare number = hours',
  quick: 'space or enter toggles',
  rate: 'interactions per second, or max',
  healthInterval: 'health summarised and saved this often',
  checkpointInterval: 'a checkpoint taken and saved this often',
  start: 's starts from any row',
};

export const isTextField = (f: SoakField): f is SoakTextField => f !== 'quick' && f !== 'start';

/** What the field holds when an edit starts: the typed text, or nothing for a default. */
export function soakEditText(c: SoakChoices, field: SoakTextField): string {
  switch (field) {
    case 'duration': return c.duration;
    case 'rate': return c.rate;
    case 'healthInterval': return c.healthInterval ?? '';
    case 'checkpointInterval': return c.checkpointInterval ?? '';
  }
}

/** The choices with `text` in `field`; empty text is the default. Saving a duration turns quick off. */
export function applySoakText(c: SoakChoices, field: SoakTextField, text: string): SoakChoices {
  const t = text.trim();
  switch (field) {
    case 'duration': return { ...c, duration: t || SOAK_DEFAULTS.duration, quick: false };
    case 'rate': return { ...c, rate: t || SOAK_DEFAULTS.rate };
    case 'healthInterval': return { ...c, healthInterval: t || null };
    case 'checkpointInterval': return { ...c, checkpointInterval: t || null };
  }
}

/** The plan these choices make, or why they make none (soakPlanFromFlags's own message). */
export function trySoakPlan(c: SoakChoices, base?: SoakBase): { plan: SoakPlan; error: null } | { plan: null; error: string } {
  try {
    return { plan: soakPlanFromChoices(c, base), error: null };
  } catch (e) {
    if (e instanceof UsageError) return { plan: null, error: e.message };
    throw e;
  }
}

/** The value column of a row. */
export function soakFieldValue(c: SoakChoices, field: SoakField): { text: string; gloss: string } {
  switch (field) {
    case 'duration': {
      if (c.quick) return { text: SOAK_DEFAULTS.quickDuration, gloss: `(quick; ${c.duration} when quick is off)` };
      let gloss = '';
      try {
        const ms = parseDuration(c.duration, 'h');
        if (/^\d+(\.\d+)?$/.test(c.duration.trim())) gloss = `(${formatDuration(ms)})`;
      } catch { /* validated on save; a default never fails */ }
      return { text: c.duration, gloss };
    }
    case 'quick':
      return { text: c.quick ? '[x]' : '[ ]', gloss: '' };
    case 'rate':
      return c.rate === 'max' ? { text: 'max', gloss: '(back to back)' } : { text: `${c.rate}/s`, gloss: '' };
    case 'healthInterval':
      return c.healthInterval !== null
        ? { text: c.healthInterval, gloss: '' }
        : { text: c.quick ? SOAK_DEFAULTS.quickHealthInterval : SOAK_DEFAULTS.healthInterval, gloss: c.quick ? '(quick default)' : '(default)' };
    case 'checkpointInterval':
      return c.checkpointInterval !== null
        ? { text: c.checkpointInterval, gloss: '' }
        : { text: c.quick ? SOAK_DEFAULTS.quickCheckpointInterval : SOAK_DEFAULTS.checkpointInterval, gloss: c.quick ? '(quick default)' : '(default)' };
    case 'start':
      return { text: '', gloss: '' };
  }
}

/** One line about the plan: what runs, how often, how long, about how many interactions. */
export function soakPlanLine(plan: SoakPlan): string {
  const count = plan.rate > 0 ? `about ${Math.floor((plan.durationMs / 1000) * plan.rate).toLocaleString('en-US')} interactions` : 'as many interactions as it can';
  return `${plan.probe.id} at ${plan.rate > 0 ? `${plan.rate}/s` : 'full speed'} for ${formatDuration(plan.durationMs)}: ${count}; timeout ${formatDuration(plan.timeoutMs)}`;
}
