/**
 * Entry of the interactive TUI: renders the App with Ink on the alternate screen, remembers the
 * picker's choices, stops a running bench or soak gracefully on SIGINT/SIGTERM/SIGHUP (an SSH
 * session that drops) with its reports still written and, once back on the normal screen, prints
 * the last run's summary so it outlives the TUI in the terminal's scrollback. Resolves with the
 * exit code of the last run's verdict.
 */
import type { ProbeInfo, ProbeOptions } from '../engine/types.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { renderSummary } from '../report/headless.js';
import { renderSoakText } from '../report/soak-markdown.js';
import { loadSettings, saveSettings, type Settings, type SoakChoices } from '../settings.js';
import type { SoakBase } from './plan.js';
import type { BenchSession, SessionOutcome } from './session.js';
import type { SoakOutcome, SoakSession } from './soak-session.js';

export interface RunTuiOptions {
  probes: readonly ProbeInfo[];
  assetsDir: string;
  warmup: number;
  timeoutMs: number;
  options: ProbeOptions;
  /** Bench flags given with the TUI (-p, -n, --target) preselect the picker for this start. */
  picks?: PickerOverrides;
  soak?: {
    /** `soundcheck soak` on a terminal: start this soak at once, on the live soak screen. */
    plan?: SoakPlan;
    /** The soak flags the picker does not set, for soaks started from the picker. */
    base?: SoakBase;
    /** The picker's soak fields as the command line set them (shown if the user goes back to the picker). */
    choices?: SoakChoices;
    /** --json/--markdown: where the reports of `plan` (and its reruns) go; the data directory otherwise. */
    json?: string;
    markdown?: string;
  };
}

export interface PickerOverrides {
  /** -p: exactly these probes are selected. */
  ids?: readonly string[];
  /** -n: the selected probes' iteration count. */
  iterations?: number;
  /** --target: per-probe targets. */
  targets?: Readonly<Record<string, string>>;
}

/** The remembered choices with this start's command-line picks on top (not saved unless changed). */
export function applyPicks(settings: Settings, picks: PickerOverrides | undefined): Settings {
  if (!picks) return settings;
  return {
    ...settings,
    mode: 'bench',
    probes: settings.probes.map((p) => {
      const selected = picks.ids ? picks.ids.includes(p.id) : p.selected;
      return {
        ...p,
        selected,
        iterations: selected && picks.iterations !== undefined ? picks.iterations : p.iterations,
        target: picks.targets?.[p.id] ?? p.target,
      };
    }),
  };
}

/** The last run of either kind: its verdict is the exit code, its summary stays on the screen. */
type LastRun = { kind: 'bench'; outcome: SessionOutcome } | { kind: 'soak'; outcome: SoakOutcome };

// Ink 6 has no alternate-screen option; these are the xterm sequences every modern terminal knows.
const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/** Settings are written this long after the last change: holding `+` must not write a file per repeat. */
const SAVE_DELAY_MS = 300;
/**
 * Frames per second, at most. Ink redraws the whole screen on every frame (about 10 ms of CPU for
 * a full 80×24 screen on a small box), on the core the probes' worker does not use but whose GC
 * threads and caches it shares. Measured with bench/observer.mjs: 15 fps cost the main thread
 * 16 % of a core and moved µs-scale medians by up to 18 %; 5 fps costs about 6 % and keeps
 * them within noise. A lone key press still draws at once (Ink's throttle is leading-edge).
 */
const INK_MAX_FPS = 5;

/** Clear the screen, cursor home. */
const CLEAR = '\x1b[2J\x1b[H';

/**
 * React and Ink are imported here, not at the top: React picks its production build (no dev-only
 * checks on every render, which would be drawing cost taken from the probes' box) only if
 * NODE_ENV says so when it is first loaded. No JSX in this file for the same reason: the JSX
 * runtime is React.
 */
async function loadUi() {
  process.env.NODE_ENV ??= 'production';
  const [react, ink, app, session, soakSession, theme] = await Promise.all([
    import('react'),
    import('ink'),
    import('./App.js'),
    import('./session.js'),
    import('./soak-session.js'),
    import('./theme.js'),
  ]);
  return {
    createElement: react.createElement, render: ink.render, App: app.App,
    BenchSession: session.BenchSession, SoakSession: soakSession.SoakSession, ...theme,
  };
}

export async function runTui(opts: RunTuiOptions): Promise<number> {
  const out = process.stdout;
  // Something on the screen at once: Ink and React take a few hundred ms to load on a small box.
  out.write(ENTER_ALT_SCREEN + CLEAR + 'soundcheck: starting…');
  let last: LastRun | null = null;
  try {
    last = await runOnAlternateScreen(opts);
  } finally {
    out.write(LEAVE_ALT_SCREEN);
  }
  if (!last) return 0;
  if (last.kind === 'bench') {
    printFinalSummary(last.outcome);
    return last.outcome.result.passed ? 0 : 1;
  }
  printFinalSoakSummary(last.outcome);
  return last.outcome.report.passed ? 0 : 1;
}

/** The app's whole life; resolves with the outcome of the last run, or null if none ran. */
async function runOnAlternateScreen(opts: RunTuiOptions): Promise<LastRun | null> {
  const ui = await loadUi();
  let settings: Settings = applyPicks(loadSettings(opts.probes), opts.picks);
  // Not saved unless the user changes something in the picker, like any other setting.
  if (opts.soak?.choices) settings = { ...settings, soak: opts.soak.choices };
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const flushSettings = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    saveSettings(settings);
  };
  const onSettingsChange = (s: Settings): void => {
    settings = s;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(flushSettings, SAVE_DELAY_MS);
  };

  let active: BenchSession | SoakSession | null = null;
  let last: LastRun | null = null;
  const startSession = (plan: BenchSession['plan']): BenchSession => {
    flushSettings();
    const session = new ui.BenchSession(plan, { probes: opts.probes, assetsDir: opts.assetsDir });
    active = session;
    // Whether or not the App is still mounted to hear of it, the verdict is the exit code.
    session.done.then((o) => { last = { kind: 'bench', outcome: o }; }, () => {}).finally(() => { if (active === session) active = null; });
    return session;
  };
  const fromCommandLine = opts.soak?.plan;
  const startSoak = (plan: SoakPlan): SoakSession => {
    flushSettings();
    // --json/--markdown name the reports of the soak the command line asked for (and its reruns).
    const files = plan === fromCommandLine ? { json: opts.soak?.json, markdown: opts.soak?.markdown } : {};
    const session = new ui.SoakSession(plan, { assetsDir: opts.assetsDir, ...files });
    active = session;
    session.done.then((o) => { last = { kind: 'soak', outcome: o }; }, () => {}).finally(() => { if (active === session) active = null; });
    return session;
  };

  process.stdout.write(CLEAR);
  const app = ui.createElement(ui.App, {
    probes: opts.probes,
    initialSettings: settings,
    run: { warmup: opts.warmup, timeoutMs: opts.timeoutMs, options: opts.options },
    startSession,
    onSettingsChange,
    fullscreen: true,
    startSoak,
    soakBase: opts.soak?.base,
    initialSoak: fromCommandLine,
  });
  const instance = ui.render(
    ui.createElement(ui.ColorContext.Provider, { value: ui.colorEnabled() }, app),
    // Ctrl-C is a key like q: it stops a run gracefully instead of killing the app mid-measurement.
    { exitOnCtrlC: false, maxFps: INK_MAX_FPS },
  );

  // A terminal that goes away (SIGHUP) or a kill (SIGTERM/SIGINT): keep what was measured.
  const onSignal = (): void => {
    active?.stop();
    instance.unmount();
  };
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  for (const s of signals) process.on(s, onSignal);
  // A dropped SSH connection: writes to the dead terminal fail with EIO, reading it ends. Without
  // a listener that error would crash the process and lose the run; the run is stopped and its
  // reports written instead. Left attached: the final summary is written to the same dead stream.
  process.stdout.on('error', onSignal);
  process.stdin.on('error', onSignal);
  try {
    await instance.waitUntilExit();
    // Quit by a signal during a run: the engine stops after the current iteration (a soak: the
    // current interaction, 2 s at most, then its final checkpoint) and the reports are written
    // before we go.
    const running = active as BenchSession | SoakSession | null;
    if (running) {
      running.stop();
      await running.done.catch(() => {});
    }
  } finally {
    for (const s of signals) process.off(s, onSignal);
    flushSettings();
  }
  return last;
}

/** The last run, in the headless reporter's words, on the normal screen where it stays. */
function printFinalSummary({ result, reports }: SessionOutcome): void {
  const lines = [renderSummary(result).trimEnd()];
  if (reports.json) lines.push(`JSON report: ${reports.json}`);
  if (reports.markdown) lines.push(`Markdown report: ${reports.markdown}`);
  if (reports.error) lines.push(`soundcheck: ${reports.error}`);
  if (reports.warning) lines.push(`soundcheck: warning: ${reports.warning}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** The last soak, in the headless soak's words (criteria table, notes, verdict), and its reports. */
function printFinalSoakSummary({ report, reports }: SoakOutcome): void {
  const lines = [renderSoakText(report).trimEnd()];
  if (reports.json) lines.push(`JSON report: ${reports.json}`);
  if (reports.markdown) lines.push(`Markdown report: ${reports.markdown}`);
  if (reports.error) lines.push(`soundcheck: ${reports.error}`);
  process.stdout.write(lines.join('\n') + '\n');
}
