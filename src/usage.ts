/**
 * Turning what the user typed into a valid plan, or a UsageError that names the flag, file or key
 * and what is allowed. Everything here runs before any measurement starts.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDuration, DurationError } from './engine/duration.js';
import { parseThresholds, ThresholdError } from './engine/thresholds.js';
import type { BenchPlan, ProbeInfo } from './engine/types.js';

/** Bad usage or input: exit code 2. */
export class UsageError extends Error {}

export function parseCount(flag: string, text: string, min: number): number {
  const s = String(text).trim();
  if (!/^\d+$/.test(s) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
    throw new UsageError(`${flag}: '${text}' is not allowed; use a whole number ≥ ${min}`);
  }
  return Number(s);
}

export function parseDurationFlag(flag: string, text: string, bareUnit: 'h' | 's'): number {
  try {
    return parseDuration(text, bareUnit);
  } catch (e) {
    if (e instanceof DurationError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
}

export function parseProbeList(text: string, probes: readonly ProbeInfo[]): string[] {
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError(`--probes: empty list; available: ${probes.map((p) => p.id).join(', ')}`);
  for (const id of ids) {
    if (!probes.some((p) => p.id === id)) {
      throw new UsageError(`--probes: unknown probe '${id}'; available: ${probes.map((p) => p.id).join(', ')}`);
    }
  }
  return [...new Set(ids)];
}

/** `--target ID:EXPR` → [id, expr], validated. */
export function parseTargetFlag(text: string, probes: readonly ProbeInfo[]): [string, string] {
  const i = text.indexOf(':');
  if (i <= 0) throw new UsageError(`--target: '${text}' must be ID:EXPR, e.g. vad:p(95)<20ms`);
  const id = text.slice(0, i).trim();
  const expr = text.slice(i + 1);
  if (!probes.some((p) => p.id === id)) {
    throw new UsageError(`--target: unknown probe '${id}'; available: ${probes.map((p) => p.id).join(', ')}`);
  }
  try {
    parseThresholds(expr);
  } catch (e) {
    if (e instanceof ThresholdError) throw new UsageError(`--target ${id}: ${e.message}`);
    throw e;
  }
  return [id, expr];
}

/** A report path must be writable before the run starts, not discovered unwritable after it. */
export function checkWritable(flag: string, file: string): string {
  if (file === '-') return file;
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new UsageError(`${flag}: '${file}' is a directory; give a file path`);
    try { accessSync(abs, constants.W_OK); } catch { throw new UsageError(`${flag}: cannot write '${file}' (permission denied)`); }
    return abs;
  }
  if (!existsSync(dir)) throw new UsageError(`${flag}: cannot write '${file}': directory '${dir}' does not exist`);
  try { accessSync(dir, constants.W_OK); } catch { throw new UsageError(`${flag}: cannot write '${file}': directory '${dir}' is not writable`); }
  return abs;
}

export interface BenchFlags {
  probes?: string;
  iterations?: string;
  warmup?: string;
  target?: string[];
  configFile?: string;
  timeout?: string;
}

export const DEFAULT_WARMUP = 3;
export const DEFAULT_TIMEOUT = '30s';

export function planFromFlags(flags: BenchFlags, probes: readonly ProbeInfo[]): BenchPlan {
  const ids = flags.probes !== undefined ? parseProbeList(flags.probes, probes) : probes.map((p) => p.id);
  const iterations = flags.iterations !== undefined ? parseCount('--iterations', flags.iterations, 1) : undefined;
  const warmup = flags.warmup !== undefined ? parseCount('--warmup', flags.warmup, 0) : DEFAULT_WARMUP;
  const timeoutMs = parseDurationFlag('--timeout', flags.timeout ?? DEFAULT_TIMEOUT, 's');
  const targets = new Map((flags.target ?? []).map((t) => parseTargetFlag(t, probes)));
  return {
    probes: ids.map((id) => {
      const info = probes.find((p) => p.id === id)!;
      return { id, iterations: iterations ?? info.defaultIterations, target: targets.get(id) ?? info.target };
    }),
    warmup,
    timeoutMs,
    options: flags.configFile !== undefined ? { configFile: path.resolve(flags.configFile) } : {},
  };
}

/** A `--config-file` must load and validate before anything runs; throws UsageError naming the key. */
export async function checkConfigFile(file: string | undefined): Promise<void> {
  if (!file) return;
  // Loaded only when needed: yaml and zod cost ~90 ms of start-up.
  const { ConfigError, loadBridgeConfig } = await import('./probes/bridge-config.js');
  try {
    loadBridgeConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`--config-file: ${e.message}`);
    throw e;
  }
}

/** The report flags, checked writable; both on stdout would interleave. */
export function checkReportPaths(flags: { json?: string; markdown?: string }): { json: string | undefined; markdown: string | undefined } {
  const json = flags.json !== undefined ? checkWritable('--json', flags.json) : undefined;
  const markdown = flags.markdown !== undefined ? checkWritable('--markdown', flags.markdown) : undefined;
  if (json === '-' && markdown === '-') throw new UsageError('--json and --markdown cannot both write to stdout (-)');
  return { json, markdown };
}
