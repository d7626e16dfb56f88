/**
 * Where soundcheck keeps what outlives a run: reports and the run database in the user's data
 * directory (XDG on Linux), settings in the config directory. SOUNDCHECK_DATA_DIR and
 * SOUNDCHECK_CONFIG_DIR override them (tests, or a box whose home is read-only).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

const paths = envPaths('soundcheck', { suffix: '' });

export function dataDir(): string {
  const dir = process.env.SOUNDCHECK_DATA_DIR || paths.data;
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function configDir(): string {
  return process.env.SOUNDCHECK_CONFIG_DIR || paths.config;
}

export function reportsDir(): string {
  const dir = path.join(dataDir(), 'reports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file-name-safe stamp of a run's start, e.g. 2026-12-04T19-30-05. */
export function runStamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, '').replace(/:/g, '-');
}
