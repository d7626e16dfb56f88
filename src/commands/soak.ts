/** `soundcheck soak`: flags → SoakPlan, the headless live lines, reports and the exit code. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mergeCriteria, SOAK_VOCABULARY } from '../engine/criteria.js';
import { formatDuration } from '../engine/duration.js';
import { parseThresholds, ThresholdError } from '../engine/thresholds.js';
import type { SoakEvent, SoakPlan } from '../engine/soak-types.js';
import type { SoakReport } from '../engine/soak-report.js';
import { builtinProbes, assetsDir, soakProbes } from '../probes/registry.js';
import { dataDir, reportsDir, runStamp } from '../paths.js';
import { renderSoakMarkdown, renderSoakText } from '../report/soak-markdown.js';
import { fmtMs } from '../report/format.js';
import { UsageError, checkConfigFile, checkReportPaths, parseDurationFlag } from '../usage.js';

export interface SoakFlags {
  duration?: string;
  quick?: boolean;
  rate?: string;
  healthInterval?: string;
  checkpointInterval?: string;
  criteria?: string[];
  timeout?: string;
  probe?: string;
  configFile?: string;
  json?: string;
  markdown?: string;
  maxHeap?: string;
}

export const SOAK_DEFAULTS = {
  duration: '8h',
  quickDuration: '5m',
  rate: '1',
  healthInterval: '5m',
  checkpointInterval: '1h',
  // A 5-minute soak with hourly checkpoints would have one; quick mode scales them to fit.
  quickHealthInterval: '30s',
  quickCheckpointInterval: '1m',
  timeout: '30s',
  maxHeapMb: 512,
} as const;

function probeFor(spec: string): SoakPlan['probe'] {
  const all = [...soakProbes, ...builtinProbes];
  const known = all.find((p) => p.id === spec);
  if (known) return { id: known.id, moduleUrl: known.moduleUrl, target: known.target };
  if (/\.(m?js)$/.test(spec)) {
    const file = path.resolve(spec);
    return { id: path.basename(file).replace(/\.m?js$/, ''), moduleUrl: pathToFileURL(file).href, target: 'p(95)<1000ms' };
  }
  throw new UsageError(`--probe: unknown probe '${spec}'; allowed: ${all.map((p) => p.id).join(', ')}, or a path to a .js/.mjs module`);
}

export function soakPlanFromFlags(f: SoakFlags): SoakPlan {
  if (f.quick && f.duration !== undefined) throw new UsageError('--quick is exactly 5 minutes: give --quick or --duration, not both');
  const durationMs = parseDurationFlag('--duration', f.quick ? SOAK_DEFAULTS.quickDuration : f.duration ?? SOAK_DEFAULTS.duration, 'h');
  const rateText = (f.rate ?? SOAK_DEFAULTS.rate).trim();
  const rate = rateText === 'max' ? 0 : Number(rateText);
  if (rateText !== 'max' && (!/^\d+(\.\d+)?$/.test(rateText) || !(rate > 0))) {
    throw new UsageError(`--rate: '${f.rate}' is not allowed; use interactions per second (a number > 0, e.g. 1 or 0.5), or max for back to back`);
  }
  const healthIntervalMs = parseDurationFlag('--health-interval', f.healthInterval ?? (f.quick ? SOAK_DEFAULTS.quickHealthInterval : SOAK_DEFAULTS.healthInterval), 'h');
  const checkpointIntervalMs = parseDurationFlag('--checkpoint-interval', f.checkpointInterval ?? (f.quick ? SOAK_DEFAULTS.quickCheckpointInterval : SOAK_DEFAULTS.checkpointInterval), 'h');
  const timeoutMs = parseDurationFlag('--timeout', f.timeout ?? SOAK_DEFAULTS.timeout, 's');
  const maxHeapMb = f.maxHeap !== undefined ? Number(f.maxHeap) : SOAK_DEFAULTS.maxHeapMb;
  if (!Number.isInteger(maxHeapMb) || maxHeapMb < 16) throw new UsageError(`--max-heap: '${f.maxHeap}' is not allowed; use a whole number of MB ≥ 16`);
  const probe = probeFor(f.probe ?? 'interaction');
  let criteria: string;
  try {
    for (const c of f.criteria ?? []) parseThresholds(c, SOAK_VOCABULARY);
    criteria = mergeCriteria(probe.target, (f.criteria ?? []).join(',') || undefined);
  } catch (e) {
    if (e instanceof ThresholdError) throw new UsageError(`--criteria: ${e.message}`);
    throw e;
  }
  return {
    probe, durationMs, rate, healthIntervalMs, checkpointIntervalMs, timeoutMs, criteria, quick: !!f.quick,
    options: f.configFile !== undefined ? { configFile: path.resolve(f.configFile) } : {}, maxHeapMb,
  };
}

/** Plain lines for a log: start, each checkpoint, crash and warning, a status line per minute. */
export function soakHeadlessSink(out: { write(s: string): unknown }, statusEveryMs = 60_000): (e: SoakEvent) => void {
  let lastStatus = 0;
  return (e) => {
    switch (e.type) {
      case 'soak-start':
        out.write(`soundcheck soak ${e.runId}: ${e.plan.probe.id} at ${e.plan.rate > 0 ? `${e.plan.rate}/s` : 'full speed'} for ${formatDuration(e.plan.durationMs)}; store ${e.dbFile}\n`);
        break;
      case 'soak-tick': {
        const t = e.tick;
        if (t.elapsedMs - lastStatus < statusEveryMs) break;
        lastStatus = t.elapsedMs;
        out.write(`[${formatDuration(t.elapsedMs)}] ${t.total} interactions, ${t.failed} failed, ${t.crashes} crashes, p95 ${fmtMs(t.recentP95Ms)}, RSS ${t.health.rssMb.toFixed(1)} MB, CPU ${t.health.cpuPercent.toFixed(1)} %${t.backlog ? `, backlog ${t.backlog}` : ''}, ${t.verdictSoFar ? 'passing so far' : `failing: ${t.failing.join('; ')}`}\n`);
        break;
      }
      case 'soak-checkpoint':
        out.write(`checkpoint ${e.index} at ${formatDuration(e.elapsedMs)}: ${e.total} interactions, interval p95 ${fmtMs(e.p95Ms)}\n`);
        break;
      case 'soak-crash':
        out.write(`CRASH (${e.crash.type}) at ${e.crash.elapsed_s} s${e.crash.interaction !== null ? `, interaction ${e.crash.interaction}` : ''}: ${e.crash.message}; replaced, soak goes on\n`);
        break;
      case 'soak-warning':
        out.write(`warning: ${e.message}\n`);
        break;
      case 'soak-end':
        out.write('\n' + renderSoakText(e.report));
        break;
    }
  };
}

/** Where writeSoakReports puts the reports: the given paths, else the reports directory, named by the run's start. */
export function soakReportPaths(report: SoakReport, json: string | undefined, markdown: string | undefined): { json: string; markdown: string } {
  const stamp = runStamp(report.test_info.start_time);
  return {
    json: json ?? path.join(reportsDir(), `soak-${stamp}.json`),
    markdown: markdown ?? path.join(reportsDir(), `soak-${stamp}.md`),
  };
}

/**
 * Writes both reports; a failure to write one is said on `err` (stderr by default; the TUI
 * collects it instead, a write to the terminal would tear its screen) and makes it return false.
 */
export function writeSoakReports(
  report: SoakReport, json: string | undefined, markdown: string | undefined,
  human: { write(s: string): unknown }, err: { write(s: string): unknown } = process.stderr,
): boolean {
  let ok = true;
  const paths = soakReportPaths(report, json, markdown);
  const targets: [string, string, string][] = [
    ['--json', paths.json, JSON.stringify(report, null, 2) + '\n'],
    ['--markdown', paths.markdown, renderSoakMarkdown(report)],
  ];
  for (const [flag, file, text] of targets) {
    try {
      if (file === '-') process.stdout.write(text);
      else {
        writeFileSync(file, text);
        human.write(`${flag === '--json' ? 'JSON' : 'Markdown'} report: ${file}\n`);
      }
    } catch (e) {
      ok = false;
      err.write(`soundcheck: ${flag}: could not write '${file}': ${(e as Error).message}\n`);
    }
  }
  return ok;
}

/** Everything that can be checked before a soak starts (the TUI and the headless path share it); throws UsageError. */
export async function prepareSoak(f: SoakFlags): Promise<{ plan: SoakPlan; json: string | undefined; markdown: string | undefined }> {
  const plan = soakPlanFromFlags(f);
  await checkConfigFile(plan.options.configFile);
  const { json, markdown } = checkReportPaths(f);
  return { plan, json, markdown };
}

export async function soakCommand(f: SoakFlags): Promise<number> {
  const { plan, json, markdown } = await prepareSoak(f);
  const human = json === '-' || markdown === '-' ? process.stderr : process.stdout;

  const { RunStore } = await import('../engine/store.js');
  const { runSoak } = await import('../engine/soak.js');
  const store = new RunStore(path.join(dataDir(), 'soundcheck.db'));
  const controller = new AbortController();
  const stop = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    human.write(`\n${sig}: stopping the soak gracefully (final checkpoint and report)…\n`);
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, stop);
  try {
    const report = await runSoak(plan, { store, assetsDir, sinks: [soakHeadlessSink(human)], signal: controller.signal });
    if (!writeSoakReports(report, json, markdown, human)) return 2;
    return report.passed ? 0 : 1;
  } finally {
    for (const s of signals) process.off(s, stop);
    store.close();
  }
}
