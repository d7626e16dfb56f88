/**
 * The first screen: which probes to run, how many iterations, against which targets. Controlled:
 * the choices live in the App (which remembers them); this screen owns only the cursor and the
 * field being edited.
 */
import { Box, Text, type Key } from 'ink';
import { parseThresholds, ThresholdError } from '../../engine/thresholds.js';
import type { ProbeInfo } from '../../engine/types.js';
import { isValidIterations, MAX_ITERATIONS, type Settings } from '../../settings.js';
import { InputLine } from '../components/InputLine.js';
import { KeyHints } from '../components/KeyHints.js';
import { ProbeList, type ProbeListRow } from '../components/ProbeList.js';
import { footerHints } from '../keys.js';
import { stepIterations } from '../plan.js';
import { useKeys } from '../key-router.js';
import { useTone } from '../theme.js';
import { eachKey } from '../keys-input.js';
import { useLatest, useSyncState } from '../use-sync-state.js';

export interface PickerScreenProps {
  probes: readonly ProbeInfo[];
  /** The choices to start from; the screen then owns them and reports every change. */
  initialSettings: Settings;
  onChange: (settings: Settings) => void;
  onStart: (settings: Settings) => void;
  onQuit: () => void;
  onHelp: () => void;
  width: number;
  height: number;
  /** Warmup, timeout: the run settings that came from the command line. */
  details?: string;
  /** A message from outside, e.g. why the last start failed. */
  message?: string | null;
  /** False while an overlay has the keyboard. */
  active?: boolean;
}

type Edit =
  | { kind: 'count'; text: string; error: string | null }
  | { kind: 'target'; text: string; error: string | null };

interface PickerState {
  settings: Settings;
  focus: number;
  edit: Edit | null;
  notice: string | null;
}

const isCtrlC = (input: string, key: Key): boolean => key.ctrl && input === 'c';
const isBackspace = (key: Key): boolean => key.backspace || key.delete;

/** Lines the screen uses besides the probe rows. */
const CHROME_LINES = 9;

/** What a key does to the picker, as a pure function of the state before it. */
export function pickerKey(s: PickerState, input: string, key: Key): PickerState | 'start' | 'quit' | 'help' {
  const count = s.settings.probes.length;
  const current = s.settings.probes[s.focus]!;
  const setProbe = (patch: Partial<Settings['probes'][number]>): PickerState => ({
    ...s,
    settings: { ...s.settings, probes: s.settings.probes.map((p, k) => (k === s.focus ? { ...p, ...patch } : p)) },
  });
  if (isCtrlC(input, key)) return 'quit';
  const e = s.edit;
  if (e) {
    if (key.escape) return { ...s, edit: null };
    if (key.return) {
      if (e.kind === 'count') {
        const n = /^\d+$/.test(e.text) ? Number(e.text) : NaN;
        if (!isValidIterations(n)) {
          return { ...s, edit: { ...e, error: `'${e.text}' is not allowed; use a whole number from 1 to ${MAX_ITERATIONS}` } };
        }
        return { ...setProbe({ iterations: n }), edit: null };
      }
      try {
        parseThresholds(e.text);
      } catch (err) {
        if (err instanceof ThresholdError) return { ...s, edit: { ...e, error: err.message } };
        throw err;
      }
      return { ...setProbe({ target: e.text.trim() }), edit: null };
    }
    if (isBackspace(key)) return { ...s, edit: { ...e, text: e.text.slice(0, -1), error: null } };
    if (key.ctrl && input === 'u') return { ...s, edit: { ...e, text: '', error: null } };
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return s;
    if (e.kind === 'count' && !/^\d+$/.test(input)) return s;
    return input ? { ...s, edit: { ...e, text: e.text + input, error: null } } : s;
  }
  const t = { ...s, notice: null };
  if (key.tab) return { ...t, settings: { ...s.settings, mode: s.settings.mode === 'bench' ? 'soak' : 'bench' } };
  if (input === '?') return 'help';
  if (input === 'q') return 'quit';
  if (s.settings.mode === 'soak') return t;
  if (key.upArrow || input === 'k') return { ...t, focus: (s.focus - 1 + count) % count };
  if (key.downArrow || input === 'j') return { ...t, focus: (s.focus + 1) % count };
  if (input === ' ') return { ...setProbe({ selected: !current.selected }), notice: null };
  if (input === 'a') {
    const all = s.settings.probes.every((p) => p.selected);
    return { ...t, settings: { ...s.settings, probes: s.settings.probes.map((p) => ({ ...p, selected: !all })) } };
  }
  if (input === '+' || input === '=') return { ...setProbe({ iterations: stepIterations(current.iterations, 1) }), notice: null };
  if (input === '-' || input === '_') return { ...setProbe({ iterations: stepIterations(current.iterations, -1) }), notice: null };
  if (/^\d+$/.test(input)) return { ...t, edit: { kind: 'count', text: input, error: null } };
  if (input === 't') return { ...t, edit: { kind: 'target', text: current.target, error: null } };
  if (key.return) {
    if (!s.settings.probes.some((p) => p.selected)) return { ...t, notice: 'Select at least one probe (space) before starting.' };
    return 'start';
  }
  return s;
}

export function PickerScreen(props: PickerScreenProps) {
  const { probes, width, height, active = true } = props;
  const tone = useTone();
  const latest = useLatest(props);
  const [get, set] = useSyncState<PickerState>(() => ({ settings: props.initialSettings, focus: 0, edit: null, notice: null }));

  useKeys(
    (input, key) => eachKey(input, key, (input, key) => {
      const before = get();
      const next = pickerKey(before, input, key);
      const p = latest.current;
      if (next === 'quit') return p.onQuit();
      if (next === 'help') return p.onHelp();
      if (next === 'start') return p.onStart(before.settings);
      set(next);
      if (next.settings !== before.settings) p.onChange(next.settings);
    }),
    active,
  );

  const { settings, focus, edit, notice } = get();
  const count = settings.probes.length;
  const current = settings.probes[focus];
  const rows: ProbeListRow[] = settings.probes.map((p) => ({
    id: p.id,
    description: probes.find((i) => i.id === p.id)?.description ?? '',
    selected: p.selected,
    iterations: p.iterations,
    target: p.target,
  }));
  const selected = settings.probes.filter((p) => p.selected).length;
  const message = notice ?? props.message ?? null;

  return (
    <Box flexDirection="column">
      <Box>
        <Text bold>soundcheck </Text>
        <Text inverse={settings.mode === 'bench'}> bench </Text>
        <Text> </Text>
        <Text inverse={settings.mode === 'soak'}> soak </Text>
        <Text dimColor>  (tab switches)</Text>
      </Box>
      <Text> </Text>
      {settings.mode === 'bench' ? (
        <>
          <ProbeList
            rows={rows}
            focus={focus}
            width={width}
            maxRows={Math.max(1, height - CHROME_LINES - 1)}
            editingCount={edit?.kind === 'count' ? edit.text : undefined}
          />
          <Text> </Text>
          {edit?.kind === 'target' ? (
            <InputLine
              label={`target for ${current!.id}:`}
              text={edit.text}
              error={edit.error}
              hint="e.g. avg<10ms, p(95)<20ms, max<100ms · enter saves · esc cancels · ctrl-u clears"
            />
          ) : edit?.kind === 'count' ? (
            <InputLine label={`iterations for ${current!.id}:`} text={edit.text} error={edit.error} hint="enter saves · esc cancels" />
          ) : message ? (
            <Text color={tone('yellow')} wrap="wrap">{message}</Text>
          ) : (
            <Text dimColor wrap="truncate-end">
              {selected} of {count} selected{props.details ? ` · ${props.details}` : ''}
            </Text>
          )}
        </>
      ) : (
        <Box flexDirection="column" borderStyle="round" paddingX={1}>
          <Text bold>Soak: an hours-long stability run of whole voice interactions</Text>
          <Text wrap="wrap">Soak setup arrives with the soak command. Press tab to return to the bench.</Text>
        </Box>
      )}
      <Text> </Text>
      <KeyHints hints={footerHints('picker')} width={width} />
    </Box>
  );
}
