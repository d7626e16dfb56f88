/**
 * Commands and flags. The TUI when stdout is a terminal, plain lines otherwise. Every usage or
 * input error exits 2 with one line that names the flag, file or key.
 */
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runBench } from './engine/bench.js';
import type { BenchPlan, BenchResult } from './engine/types.js';
import { assetsDir, builtinProbes } from './probes/registry.js';
import { renderBenchJson } from './report/json.js';
import { renderBenchMarkdown } from './report/markdown.js';
import { headlessSink } from './report/headless.js';
import { saveBenchRun } from './report/store-bench.js';
import { UsageError, checkConfigFile, checkReportPaths, parseTargetFlag, planFromFlags, DEFAULT_TIMEOUT, DEFAULT_WARMUP, type BenchFlags } from './usage.js';
import { VERSION } from './version.js';
import { SOAK_DEFAULTS, prepareSoak, soakCommand, type SoakFlags } from './commands/soak.js';
import { reportCommand, type ReportFlags } from './commands/report.js';

export const EXIT = { PASS: 0, FAIL: 1, USAGE: 2 } as const;

interface BenchCommandFlags extends BenchFlags {
  json?: string;
  markdown?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addBenchOptions(cmd: Command): Command {
  return cmd
    .option('-p, --probes <ids>', `comma-separated probe ids (default: all: ${builtinProbes.map((p) => p.id).join(',')})`)
    .option('-n, --iterations <N>', "timed iterations for every selected probe (default: each probe's own)")
    .option('-w, --warmup <N>', 'untimed warmup iterations per probe', String(DEFAULT_WARMUP))
    .option('-t, --target <ID:EXPR>', 'override a probe\'s target, k6-style: avg<10ms, p(95)<20ms, p(99)<=50ms, max<100ms (repeatable)', collect)
    .option('-c, --config-file <PATH>', 'benchmark loading this bridge config (YAML or JSON) instead of the shipped one')
    .option('--json <FILE>', 'write the JSON report to FILE (- for stdout, and nothing else there)')
    .option('--markdown <FILE>', 'write the Markdown report to FILE')
    .option('--timeout <DURATION>', 'a probe iteration running longer is a hang (e.g. 500ms, 30s; a bare number is seconds)', DEFAULT_TIMEOUT);
}

/** Validates everything that can be validated before measuring; throws UsageError. */
async function prepareBench(flags: BenchCommandFlags) {
  const plan = planFromFlags(flags, builtinProbes);
  await checkConfigFile(plan.options.configFile);
  const { json, markdown } = checkReportPaths(flags);
  return { plan, json, markdown };
}

/** Writes the reports; a failure to write is reported but the printed results stand. */
function writeReports(result: BenchResult, json?: string, markdown?: string): boolean {
  let ok = true;
  const write = (flag: string, file: string, text: string): void => {
    try {
      if (file === '-') process.stdout.write(text);
      else writeFileSync(file, text);
    } catch (e) {
      ok = false;
      process.stderr.write(`soundcheck: ${flag}: could not write '${file}': ${(e as Error).message}\n`);
    }
  };
  if (json) write('--json', json, renderBenchJson(result));
  if (markdown) write('--markdown', markdown, renderBenchMarkdown(result));
  return ok;
}

async function benchHeadless(flags: BenchCommandFlags): Promise<number> {
  const { plan, json, markdown } = await prepareBench(flags);
  // With a report on stdout, the human lines go to stderr so the report stays parseable.
  const human = json === '-' || markdown === '-' ? process.stderr : process.stdout;
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(130);
    human.write('\nstopping: finishing the current iteration (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const result = await runBench(plan, { probes: builtinProbes, assetsDir, sinks: [headlessSink(human)], signal: controller.signal });
    const unsaved = await saveBenchRun(result);
    if (unsaved) process.stderr.write(`soundcheck: warning: ${unsaved}\n`);
    if (!writeReports(result, json, markdown)) return EXIT.USAGE;
    for (const [flag, file] of [['JSON', json], ['Markdown', markdown]] as const) {
      if (file && file !== '-') human.write(`${flag} report: ${file}\n`);
    }
    return result.passed ? EXIT.PASS : EXIT.FAIL;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/**
 * The TUI needs a terminal both ways (keys in, screen out), and no CI: under a CI variable Ink
 * draws only the final frame, so a live screen would show nothing until the end.
 */
function interactive(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  const underCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return !!process.stdout.isTTY && !!process.stdin.isTTY && !underCi;
}

/** `soundcheck soak` on a terminal: the live soak screen, then its summary; headless otherwise. */
async function soakAction(flags: SoakFlags & { tui: boolean }): Promise<number> {
  // A report on stdout (-) needs stdout to itself: no screen drawn there.
  if (!interactive() || flags.tui === false || flags.json === '-' || flags.markdown === '-') return soakCommand(flags);
  const { plan, json, markdown } = await prepareSoak(flags);
  const [{ runTui }, { soakChoicesFromFlags }] = await Promise.all([import('./ui/run-tui.js'), import('./ui/plan.js')]);
  return runTui({
    probes: builtinProbes,
    assetsDir,
    warmup: DEFAULT_WARMUP,
    timeoutMs: plan.timeoutMs,
    options: plan.options,
    soak: {
      plan,
      choices: soakChoicesFromFlags(flags),
      base: { criteria: flags.criteria, timeout: flags.timeout, probe: flags.probe, configFile: flags.configFile, maxHeap: flags.maxHeap },
      json,
      markdown,
    },
  });
}

/** The bench flags given on a terminal preselect the picker: -p the probes, -n the counts, --target the targets. */
function picksFromFlags(flags: BenchCommandFlags, plan: BenchPlan) {
  if (flags.probes === undefined && flags.iterations === undefined && !flags.target?.length) return undefined;
  return {
    ids: flags.probes !== undefined ? plan.probes.map((p) => p.id) : undefined,
    iterations: flags.iterations !== undefined ? plan.probes[0]!.iterations : undefined,
    // Already validated by prepareBench.
    targets: Object.fromEntries((flags.target ?? []).map((t) => parseTargetFlag(t, builtinProbes))),
  };
}

function listProbes(): number {
  for (const p of builtinProbes) {
    process.stdout.write(`${p.id.padEnd(20)} ${String(p.defaultIterations).padStart(4)} iterations  target ${p.target.padEnd(12)} ${p.description}\n`);
  }
  return EXIT.PASS;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('soundcheck')
    .description('Benchmark and soak-test the voice pipeline of a voice-assistant box')
    .version(VERSION)
    .showHelpAfterError('(run soundcheck --help for usage)')
    // The default command takes the bench flags too: they must not swallow a subcommand's own.
    .enablePositionalOptions()
    .exitOverride();

  addBenchOptions(
    program.command('bench').description('benchmark the probes headless and print the summary (the default without a terminal)'),
  ).action(async (flags: BenchCommandFlags) => setExit(await benchHeadless(flags)));

  program.command('list').description('list the probes with their default iterations and targets').action(() => setExit(listProbes()));

  program
    .command('soak')
    .description('repeat a whole voice interaction for hours at a fixed rate, watching health, errors and crashes; ends with a verdict')
    .option('-d, --duration <D>', `how long: 90s, 5m, 8h; a bare number is hours (default ${SOAK_DEFAULTS.duration})`)
    .option('-q, --quick', `exactly ${SOAK_DEFAULTS.quickDuration}, health every ${SOAK_DEFAULTS.quickHealthInterval}, checkpoints every ${SOAK_DEFAULTS.quickCheckpointInterval}`)
    .option('-r, --rate <R>', `interactions per second, or max for back to back (default ${SOAK_DEFAULTS.rate})`)
    .option('--health-interval <D>', `how often health is summarised and persisted (default ${SOAK_DEFAULTS.healthInterval})`)
    .option('--checkpoint-interval <D>', `how often a checkpoint is taken and persisted (default ${SOAK_DEFAULTS.checkpointInterval})`)
    .option('--criteria <EXPR>', 'override pass criteria, e.g. "error_rate<0.5%,cpu_avg<30%" (repeatable); allowed: crashes, error_rate, interactions, memory_growth (MB per 8 h), cpu_avg, cpu_peak, p(N), avg, max, p95_drift', collect)
    .option('--timeout <D>', `an interaction running longer is a hang: its process is replaced (a bare number is seconds; default ${SOAK_DEFAULTS.timeout})`)
    .option('--probe <ID|PATH>', 'what one interaction is: interaction (default), a bench probe id, or a .js/.mjs module exporting a probe')
    .option('-c, --config-file <PATH>', 'the bridge config the interaction reloads')
    .option('--max-heap <MB>', `heap limit of the interaction process (default ${SOAK_DEFAULTS.maxHeapMb})`)
    .option('--json <FILE>', 'write the JSON report here (- for stdout); by default into the data directory')
    .option('--markdown <FILE>', 'write the Markdown report here; by default into the data directory')
    .addOption(new Option('--no-tui', 'plain lines even on a terminal (the default without one, or under CI)'))
    .action(async (flags: SoakFlags & { tui: boolean }) => setExit(await soakAction(flags)));

  program
    .command('report')
    .argument('[RUN_ID]', 'the run (its first characters are enough)')
    .description("a run's report from the store: a soak's is rebuilt, finished or not (also after a SIGKILL)")
    .option('--last', 'the most recent run')
    .option('--json <FILE>', 'write the JSON report (- for stdout)')
    .option('--markdown <FILE>', 'write the Markdown report (- for stdout)')
    .action(async (runId: string | undefined, flags: ReportFlags) => setExit(await reportCommand(runId, flags)));

  addBenchOptions(program)
    .addOption(new Option('--no-tui', 'run the headless bench even on a terminal'))
    .addOption(new Option('--reset', 'forget the choices the interactive picker remembered, then start as usual'))
    .action(async (flags: BenchCommandFlags & { tui: boolean; reset?: boolean }) => {
      if (flags.reset) (await import('./settings.js')).resetSettings();
      // Dynamic import: headless runs never load React.
      if (interactive() && flags.tui !== false) {
        const { plan } = await prepareBench(flags);
        const { runTui } = await import('./ui/run-tui.js');
        setExit(await runTui({
          probes: builtinProbes, assetsDir, warmup: plan.warmup, timeoutMs: plan.timeoutMs, options: plan.options,
          picks: picksFromFlags(flags, plan),
          // Soaks started from the picker reload the same bridge config the bench was given.
          soak: { base: flags.configFile !== undefined ? { configFile: flags.configFile } : {} },
        }));
        return;
      }
      setExit(await benchHeadless(flags));
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  let code: number = EXIT.PASS;
  const program = buildProgram((c) => { code = c; });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; every other commander complaint is bad usage.
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.PASS : EXIT.USAGE;
    } else if (e instanceof UsageError) {
      process.stderr.write(`soundcheck: ${e.message}\n`);
      code = EXIT.USAGE;
    } else {
      throw e;
    }
  }
  process.exitCode = code;
}
