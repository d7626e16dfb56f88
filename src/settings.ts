/**
 * What the user chose in the TUI picker last time (selected probes, iteration counts, targets,
 * bench/soak mode, the soak's duration, rate and intervals), remembered with `conf` in configDir()
 * so the next start looks the same.
 *
 * The file is the user's to edit or break: anything unreadable or invalid in it is ignored key
 * by key (never a crash), and ids of probes that no longer exist are dropped.
 */
import Conf from 'conf';
import { parseThresholds } from './engine/thresholds.js';
import type { ProbeInfo } from './engine/types.js';
import { configDir } from './paths.js';
import { SOAK_DEFAULTS, soakPlanFromFlags, type SoakFlags } from './commands/soak.js';

export type Mode = 'bench' | 'soak';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const MODES: readonly Mode[] = ['bench', 'soak'];

/** The picker's choice for one probe. */
export interface ProbeChoice {
  id: string;
  selected: boolean;
  iterations: number;
  /** Threshold expression(s), as the user typed them (validated). */
  target: string;
}

/**
 * The picker's soak choices, as the user typed them (the `soundcheck soak` flags' syntax), each
 * valid on its own through soakPlanFromFlags. A null interval means the default, which follows
 * quick mode (5m/1h, or 30s/1m with quick).
 */
export interface SoakChoices {
  /** 90s, 5m, 8h; a bare number is hours. Ignored while `quick` is on. */
  duration: string;
  /** Exactly 5 minutes. */
  quick: boolean;
  /** Interactions per second, or `max`. */
  rate: string;
  healthInterval: string | null;
  checkpointInterval: string | null;
}

export interface Settings {
  mode: Mode;
  /** One entry per known probe, in registry order. */
  probes: ProbeChoice[];
  soak: SoakChoices;
}

/** Iteration counts above this would allocate a sample buffer of tens of MB for nothing. */
export const MAX_ITERATIONS = 1_000_000;

/** Shape on disk. Version it so a later layout can migrate instead of misreading. */
interface Stored {
  version: 1;
  mode: Mode;
  selected: string[];
  iterations: Record<string, number>;
  targets: Record<string, string>;
  /** Added later in version 1: absent in older files, which then get the defaults. */
  soak?: SoakChoices;
}

const CONFIG_NAME = 'settings';

function open(): Conf<Stored> {
  return new Conf<Stored>({
    cwd: configDir(),
    configName: CONFIG_NAME,
    // A corrupt file (truncated by a power cut on a Pi, hand-edited) is replaced, not fatal.
    clearInvalidConfig: true,
    // Probe ids contain no dots, but a user-edited key might; never interpret them as paths.
    accessPropertiesByDotNotation: false,
  });
}

export const defaultSoakChoices = (): SoakChoices => ({
  duration: SOAK_DEFAULTS.duration,
  quick: false,
  rate: SOAK_DEFAULTS.rate,
  healthInterval: null,
  checkpointInterval: null,
});

export function defaultSettings(probes: readonly ProbeInfo[]): Settings {
  return {
    mode: 'bench',
    probes: probes.map((p) => ({ id: p.id, selected: true, iterations: p.defaultIterations, target: p.target })),
    soak: defaultSoakChoices(),
  };
}

/** Whether the `soundcheck soak` flags would accept this: one validator for the CLI, the picker and the stored file. */
function soakFlagOk(flags: SoakFlags): boolean {
  try {
    soakPlanFromFlags(flags);
    return true;
  } catch {
    return false;
  }
}

/** A string the flag would accept, or undefined (ignore it). */
const validText = (v: unknown, flags: (t: string) => SoakFlags): string | undefined =>
  typeof v === 'string' && v.trim() !== '' && soakFlagOk(flags(v)) ? v.trim() : undefined;

/** Each stored soak choice on its own: an invalid one is the default again, the others stay. */
export function soakChoicesFromStored(raw: unknown): SoakChoices {
  const c = defaultSoakChoices();
  if (!isRecord(raw)) return c;
  c.duration = validText(raw.duration, (t) => ({ duration: t })) ?? c.duration;
  if (typeof raw.quick === 'boolean') c.quick = raw.quick;
  c.rate = validText(raw.rate, (t) => ({ rate: t })) ?? c.rate;
  c.healthInterval = validText(raw.healthInterval, (t) => ({ healthInterval: t })) ?? null;
  c.checkpointInterval = validText(raw.checkpointInterval, (t) => ({ checkpointInterval: t })) ?? null;
  return c;
}

export function isValidIterations(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_ITERATIONS;
}

export function isValidTarget(t: unknown): t is string {
  if (typeof t !== 'string') return false;
  try {
    parseThresholds(t);
    return true;
  } catch {
    return false;
  }
}

/** Builds valid settings from whatever was stored: each key is taken only if it is valid. */
export function settingsFromStored(raw: unknown, probes: readonly ProbeInfo[]): Settings {
  const s = defaultSettings(probes);
  if (!isRecord(raw)) return s;
  if (typeof raw.mode === 'string' && (MODES as readonly string[]).includes(raw.mode)) s.mode = raw.mode as Mode;
  const selected = Array.isArray(raw.selected) ? raw.selected.filter((id): id is string => typeof id === 'string') : undefined;
  // An empty or entirely stale selection would start the picker with nothing ticked; keep the default then.
  const known = selected?.filter((id) => probes.some((p) => p.id === id));
  const iterations = isRecord(raw.iterations) ? raw.iterations : {};
  const targets = isRecord(raw.targets) ? raw.targets : {};
  for (const choice of s.probes) {
    if (known && known.length > 0) choice.selected = known.includes(choice.id);
    const n = iterations[choice.id];
    if (isValidIterations(n)) choice.iterations = n;
    const t = targets[choice.id];
    if (isValidTarget(t)) choice.target = t;
  }
  s.soak = soakChoicesFromStored(raw.soak);
  return s;
}

export function loadSettings(probes: readonly ProbeInfo[]): Settings {
  try {
    return settingsFromStored(open().store, probes);
  } catch {
    // Unreadable directory, permissions: the picker still works with the defaults.
    return defaultSettings(probes);
  }
}

/** Remembers the choices; returns false (and keeps going) when the config directory is not writable. */
export function saveSettings(settings: Settings): boolean {
  const stored: Stored = {
    version: 1,
    mode: settings.mode,
    selected: settings.probes.filter((p) => p.selected).map((p) => p.id),
    iterations: Object.fromEntries(settings.probes.map((p) => [p.id, p.iterations])),
    targets: Object.fromEntries(settings.probes.map((p) => [p.id, p.target])),
    soak: settings.soak,
  };
  try {
    open().store = stored;
    return true;
  } catch {
    return false;
  }
}

export function resetSettings(): void {
  try {
    open().clear();
  } catch {
    /* nothing stored, or nothing we could remove: either way nothing will be restored */
  }
}
