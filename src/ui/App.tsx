/**
 * The TUI's screens and how they follow each other: picker → run → summary → (rerun | picker),
 * and in soak mode picker → soak run → soak summary → (rerun | picker); `soundcheck soak` on a
 * terminal starts on the soak run. The App holds only which screen is up and the choices to
 * remember; runs live in BenchSessions and SoakSessions created through `startSession` and
 * `startSoak`, so whoever rendered the App can stop them on a signal.
 */
import { useEffect, type ReactElement } from 'react';
import { Box, useApp, type Key } from 'ink';
import type { BenchPlan, ProbeInfo } from '../engine/types.js';
import type { SoakPlan } from '../engine/soak-types.js';
import { formatDuration } from '../engine/duration.js';
import type { Settings } from '../settings.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { TooSmall, fitsMinimum } from './components/SizeGuard.js';
import { KeyRouter } from './key-router.js';
import type { ScreenName } from './keys.js';
import { planFromSettings, soakPlanFromChoices, type RunSettings, type SoakBase } from './plan.js';
import { PickerScreen } from './screens/PickerScreen.js';
import { RunScreen } from './screens/RunScreen.js';
import { SummaryScreen } from './screens/SummaryScreen.js';
import { SoakRunScreen } from './screens/SoakRunScreen.js';
import { SoakSummaryScreen } from './screens/SoakSummaryScreen.js';
import type { BenchSession, SessionOutcome } from './session.js';
import type { SoakOutcome, SoakSession } from './soak-session.js';
import { useLatest, useSyncState } from './use-sync-state.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  probes: readonly ProbeInfo[];
  initialSettings: Settings;
  run: RunSettings;
  startSession: (plan: BenchPlan) => BenchSession;
  onSettingsChange?: (settings: Settings) => void;
  onOutcome?: (outcome: SessionOutcome) => void;
  /** Told before the app exits (q, Ctrl-C). */
  onQuit?: () => void;
  /** The App owns the whole (alternate) screen, so it may clear it on a resize. */
  fullscreen?: boolean;
  /** Starts a soak; without it the picker's soak mode cannot start one. */
  startSoak?: (plan: SoakPlan) => SoakSession;
  onSoakOutcome?: (outcome: SoakOutcome) => void;
  /** The `soundcheck soak` flags the picker does not set (criteria, probe, timeout, …). */
  soakBase?: SoakBase;
  /** Open on the live soak of this plan (`soundcheck soak` on a terminal) instead of the picker. */
  initialSoak?: SoakPlan;
}

type Screen =
  | { name: 'picker'; message: string | null }
  | { name: 'run'; session: BenchSession }
  | { name: 'summary'; outcome: SessionOutcome; plan: BenchPlan }
  | { name: 'soak-run'; session: SoakSession }
  | { name: 'soak-summary'; outcome: SoakOutcome; plan: SoakPlan };

export function App(props: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(props.fullscreen ?? false);
  const latest = useLatest(props);
  const [getHelp, setHelp] = useSyncState(false);
  const [getSettings, setSettings] = useSyncState(props.initialSettings);

  const soakScreen = (plan: SoakPlan): Screen => {
    const startSoak = latest.current.startSoak;
    if (!startSoak) return { name: 'picker', message: 'Soaks cannot be started from here.' };
    try {
      return { name: 'soak-run', session: startSoak(plan) };
    } catch (e) {
      return { name: 'picker', message: `Could not start the soak: ${(e as Error).message}` };
    }
  };
  // `soundcheck soak` on a terminal: the soak starts with the first frame, no picker before it.
  const [getScreen, setScreen] = useSyncState<Screen>(() =>
    props.initialSoak ? soakScreen(props.initialSoak) : { name: 'picker', message: null },
  );

  const start = (plan: BenchPlan): void => {
    let session: BenchSession;
    try {
      session = latest.current.startSession(plan);
    } catch (e) {
      setScreen({ name: 'picker', message: `Could not start: ${(e as Error).message}` });
      return;
    }
    setScreen({ name: 'run', session });
  };
  const startSoak = (plan: SoakPlan): void => setScreen(soakScreen(plan));
  const startFromPicker = (s: Settings): void => {
    if (s.mode === 'bench') return start(planFromSettings(s, latest.current.run));
    let plan: SoakPlan;
    try {
      plan = soakPlanFromChoices(s.soak, latest.current.soakBase);
    } catch (e) {
      setScreen({ name: 'picker', message: `Cannot start: ${(e as Error).message}` });
      return;
    }
    startSoak(plan);
  };

  // The run screen's session ends by itself (or by a stop); then the summary takes over.
  const screen = getScreen();
  const runningSession = screen.name === 'run' ? screen.session : null;
  useEffect(() => {
    if (!runningSession) return;
    let live = true;
    runningSession.done.then(
      (outcome) => {
        latest.current.onOutcome?.(outcome);
        if (live) setScreen({ name: 'summary', outcome, plan: runningSession.plan });
      },
      (e: unknown) => {
        if (live) setScreen({ name: 'picker', message: `The run failed: ${(e as Error).message}` });
      },
    );
    return () => {
      live = false;
    };
  }, [runningSession, latest, setScreen]);

  const runningSoak = screen.name === 'soak-run' ? screen.session : null;
  useEffect(() => {
    if (!runningSoak) return;
    let live = true;
    runningSoak.done.then(
      (outcome) => {
        latest.current.onSoakOutcome?.(outcome);
        if (live) setScreen({ name: 'soak-summary', outcome, plan: runningSoak.plan });
      },
      (e: unknown) => {
        if (live) setScreen({ name: 'picker', message: `The soak failed: ${(e as Error).message}` });
      },
    );
    return () => {
      live = false;
    };
  }, [runningSoak, latest, setScreen]);

  const tooSmall = !fitsMinimum(size.columns, size.rows);
  const help = getHelp();
  const quit = (): void => {
    latest.current.onQuit?.();
    exit();
  };

  // Keys the App takes before any screen: closing the help, and leaving while the terminal is
  // too small to draw (the screens are hidden then, so their keys would act unseen).
  const tooSmallNow = useLatest(tooSmall);
  const before = (input: string, key: Key): boolean => {
    if (getHelp()) {
      setHelp(false);
      return true;
    }
    if (!tooSmallNow.current) return false;
    const s = getScreen();
    if (input === 'q' || (key.ctrl && input === 'c')) {
      if (s.name === 'run' || s.name === 'soak-run') s.session.stop();
      else quit();
    }
    return true;
  };

  const width = size.columns;
  const height = size.rows;
  const openHelp = (): void => setHelp(true);
  const settings = getSettings();

  let body: ReactElement;
  let name: ScreenName;
  switch (screen.name) {
    case 'picker':
      name = settings.mode === 'soak' ? 'soak' : 'picker';
      body = (
        <PickerScreen
          probes={props.probes}
          initialSettings={settings}
          onChange={(s) => {
            setSettings(s);
            latest.current.onSettingsChange?.(s);
          }}
          onStart={startFromPicker}
          soakBase={props.soakBase}
          onQuit={quit}
          onHelp={openHelp}
          width={width}
          height={height}
          details={`warmup ${props.run.warmup} · timeout ${formatDuration(props.run.timeoutMs)} per iteration`}
          message={screen.message}
        />
      );
      break;
    case 'run':
      name = 'run';
      body = <RunScreen key={screen.session.id} session={screen.session} width={width} height={height} onHelp={openHelp} />;
      break;
    case 'summary':
      name = 'summary';
      body = (
        <SummaryScreen
          result={screen.outcome.result}
          reports={screen.outcome.reports}
          width={width}
          height={height}
          onRerun={() => start(screen.plan)}
          onBack={() => setScreen({ name: 'picker', message: null })}
          onQuit={quit}
          onHelp={openHelp}
        />
      );
      break;
    case 'soak-run':
      name = 'soak-run';
      body = <SoakRunScreen key={screen.session.id} session={screen.session} width={width} height={height} onHelp={openHelp} />;
      break;
    case 'soak-summary':
      name = 'soak-summary';
      body = (
        <SoakSummaryScreen
          report={screen.outcome.report}
          reports={screen.outcome.reports}
          width={width}
          height={height}
          onRerun={() => startSoak(screen.plan)}
          onBack={() => {
            // Back to where soaks are set up, even when the soak came from the command line.
            const s = getSettings();
            if (s.mode !== 'soak') {
              const next = { ...s, mode: 'soak' as const };
              setSettings(next);
              latest.current.onSettingsChange?.(next);
            }
            setScreen({ name: 'picker', message: null });
          }}
          onQuit={quit}
          onHelp={openHelp}
        />
      );
      break;
  }

  return (
    <KeyRouter before={before}>
      {/* No Box sets a width: on a resize Ink lays out the frame it draws before our size state
          catches up at the terminal's new width, so a stale frame is cut short by Ink, never
          wrapped by the terminal into lines Ink does not know it has to erase. (Clipping with
          overflow="hidden" did the same, at the price of slicing every line of every frame.) */}
      <Box flexDirection="column">
        {/* Screens stay mounted under the help and the size guard, so nothing typed is lost. */}
        <Box display={help || tooSmall ? 'none' : 'flex'} flexDirection="column">
          {body}
        </Box>
        {tooSmall ? <TooSmall columns={size.columns} rows={size.rows} /> : help ? <HelpOverlay screen={name} /> : null}
      </Box>
    </KeyRouter>
  );
}
