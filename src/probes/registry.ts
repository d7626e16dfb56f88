import type { Probe, ProbeInfo } from '../engine/types.js';
import configLoading from './config-loading.js';
import audioProcessing from './audio-processing.js';
import stringProcessing from './string-processing.js';
import databaseOperations from './database-operations.js';
import vad from './vad.js';
import interaction from './interaction.js';

/**
 * Every built-in probe. Probe modules keep heavy imports (onnxruntime) inside setup(), so
 * importing this list is cheap; the worker re-imports the module named by moduleUrl.
 */
// Under vitest the sources run as .ts through tsx; built, they are .js.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const here = (file: string): string => new URL(`./${file}${ext}`, import.meta.url).href;

function info(probe: Probe<any>, file: string): ProbeInfo {
  const { id, title, description, defaultIterations, target } = probe;
  return { id, title, description, defaultIterations, target, moduleUrl: here(file) };
}

export const builtinProbes: readonly ProbeInfo[] = [
  info(configLoading, 'config-loading'),
  info(audioProcessing, 'audio-processing'),
  info(stringProcessing, 'string-processing'),
  info(databaseOperations, 'database-operations'),
  info(vad, 'vad'),
];

/** What a soak repeats: a whole voice turn through the stages above. Not a bench probe. */
export const soakProbes: readonly ProbeInfo[] = [info(interaction, 'interaction')];

export function findProbe(id: string): ProbeInfo | undefined {
  return builtinProbes.find((p) => p.id === id);
}

export const assetsDir = new URL('./assets/', import.meta.url).pathname;
