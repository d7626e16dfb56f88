/**
 * What the user chose in the TUI picker last time (selected probes, iteration counts, targets,
 * bench/soak mode), remembered with `conf` in configDir() so the next start looks the same.
 *
 * The file is the user's to edit or break: anything unreadable or invalid in it is ignored key
 * by key (never a crash), and ids of probes that no longer exist are dropped.
 */
import Conf from 'conf';
import { parseThresholds } from './engine/thresholds.js';
import type { ProbeInfo } from './engine/types.js';
import { configDir } from './paths.js';

export type Mode = 'bench' | 'soak';
export const MODES: readonly Mode[] = ['bench', 'soak'];

/** The picker's choice for one probe. */
export interface ProbeChoice {
  id: string;
  selected: boolean;
  iterations: number;
  /** Threshold expression(s), as the user typed them (validated). */
  target: string;
}

export interface Settings {
  mode: Mode;
  /** One entry per known probe, in registry order. */
  probes: ProbeChoice[];
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

export function defaultSettings(probes: readonly ProbeInfo[]): Settings {
  return {
    mode: 'bench',
    probes: probes.map((p) => ({ id: p.id, selected: true, iterations: p.defaultIterations, target: p.target })),
  };
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
