/**
 * The first screen. Bench mode: which probes to run, how many iterations, against which targets.
 * Soak mode (tab): duration or quick, rate, health and checkpoint intervals, the pass criteria.
 * Controlled: the choices live in the App (which remembers them); this screen owns only the
 * cursors and the field being edited.
 */
import { Box, Text, type Key } from 'ink';
import { parseThresholds, ThresholdError } from '../../engine/thresholds.js';
import type { ProbeInfo } from '../../engine/types.js';
import { isValidIterations, MAX_ITERATIONS, type Settings } from '../../settings.js';
import { ClippedLine, type Piece } from '../components/ClippedLine.js';
import { InputLine } from '../components/InputLine.js';
import { KeyHints } from '../components/KeyHints.js';
import { ProbeList, type ProbeListRow } from '../components/ProbeList.js';
import { footerHints } from '../keys.js';
import { stepIterations } from '../plan.js';
import { useKeys } from '../key-router.js';
import { useTone } from '../theme.js';
import { eachKey } from '../keys-input.js';
import { useLatest, useSyncState } from '../use-sync-state.js';
import type { SoakBase } from '../plan.js';
import {
  SOAK_FIELDS, SOAK_HINTS, SOAK_LABELS, applySoakText, isTextField, soakEditText, soakFieldValue, soakPlanLine, trySoakPlan,
  type SoakTextField,
} from '../soak-picker.js';
import { cells, clip, padEnd, wrapWords } from '../text.js';

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
  /** The soak flags from the command line the picker does not set (criteria, probe, timeout…). */
  soakBase?: SoakBase;
}

type Edit =
  | { kind: 'count'; text: string; error: string | null }
  | { kind: 'target'; text: string; error: string | null }
  | { kind: 'soak'; field: SoakTextField; text: string; error: string | null };

export interface PickerState {
  settings: Settings;
  focus: number;
  /** The focused row of soak mode, an index into SOAK_FIELDS. */
  soakFocus: number;
  edit: Edit | null;
  notice: string | null;
}

export const initialPickerState = (settings: Settings): PickerState => ({ settings, focus: 0, soakFocus: 0, edit: null, notice: null });

const isCtrlC = (input: string, key: Key): boolean => key.ctrl && input === 'c';
const isBackspace = (key: Key): boolean => key.backspace || key.delete;

/** Lines the screen uses besides the probe rows. */
const CHROME_LINES = 9;

/** What a key does to the picker, as a pure function of the state before it. */
export function pickerKey(s: PickerState, input: string, key: Key, soakBase?: SoakBase): PickerState | 'start' | 'quit' | 'help' {
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
      if (e.kind === 'soak') {
        const soak = applySoakText(s.settings.soak, e.field, e.text);
        const { error } = trySoakPlan(soak, soakBase);
        if (error !== null) return { ...s, edit: { ...e, error } };
        return { ...s, settings: { ...s.settings, soak }, edit: null };
      }
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
  if (s.settings.mode === 'soak') return soakKey(s, t, input, key, soakBase);
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

/** A key in soak mode, not editing. `t` is `s` with the notice cleared. */
function soakKey(s: PickerState, t: PickerState, input: string, key: Key, soakBase?: SoakBase): PickerState | 'start' {
  const n = SOAK_FIELDS.length;
  const field = SOAK_FIELDS[s.soakFocus]!;
  const soak = s.settings.soak;
  const start = (): PickerState | 'start' => {
    const { error } = trySoakPlan(soak, soakBase);
    return error === null ? 'start' : { ...t, notice: `Cannot start: ${error}` };
  };
  const toggleQuick = (): PickerState => ({ ...t, settings: { ...s.settings, soak: { ...soak, quick: !soak.quick } } });
  if (key.upArrow || input === 'k') return { ...t, soakFocus: (s.soakFocus - 1 + n) % n };
  if (key.downArrow || input === 'j') return { ...t, soakFocus: (s.soakFocus + 1) % n };
  if (input === 's') return start();
  if (key.return) {
    if (field === 'start') return start();
    if (field === 'quick') return toggleQuick();
    return { ...t, edit: { kind: 'soak', field, text: soakEditText(soak, field), error: null } };
  }
  if (input === ' ' && field === 'quick') return toggleQuick();
  // Typing a digit on a field starts a new value with it, as on the bench's iteration counts.
  if (/^\d$/.test(input) && isTextField(field)) return { ...t, edit: { kind: 'soak', field, text: input, error: null } };
  return s;
}

export function PickerScreen(props: PickerScreenProps) {
  const { probes, width, height, active = true } = props;
  const tone = useTone();
  const latest = useLatest(props);
  const [get, set] = useSyncState<PickerState>(() => initialPickerState(props.initialSettings));

  useKeys(
    (input, key) => eachKey(input, key, (input, key) => {
      const before = get();
      const next = pickerKey(before, input, key, latest.current.soakBase);
      const p = latest.current;
      if (next === 'quit') return p.onQuit();
      if (next === 'help') return p.onHelp();
      if (next === 'start') return p.onStart(before.settings);
      set(next);
      if (next.settings !== before.settings) p.onChange(next.settings);
    }),
    active,
  );

  const { settings, focus, soakFocus, edit, notice } = get();
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
        <SoakPanel
          settings={settings}
          focus={soakFocus}
          edit={edit?.kind === 'soak' ? edit : null}
          message={message}
          soakBase={props.soakBase}
          width={width}
          height={height}
        />
      )}
      <Text> </Text>
      <KeyHints hints={footerHints(settings.mode === 'soak' ? 'soak' : 'picker')} width={width} />
    </Box>
  );
}

interface SoakPanelProps {
  height: number;
  settings: Settings;
  focus: number;
  edit: Extract<Edit, { kind: 'soak' }> | null;
  message: string | null;
  soakBase?: SoakBase;
  width: number;
}

const LABEL_W = 24;
const CRITERIA_LABEL = 'Pass criteria: ';
const VALUE_W = 18;

/** Soak mode: the fields, then what the plan will be and the criteria it is judged by. */
/** Lines the picker draws around the soak panel: the mode line and a blank above it, a blank and the footer below. */
const SOAK_CHROME_LINES = 4;

function SoakPanel({ settings, focus, edit, message, soakBase, width, height }: SoakPanelProps) {
  const tone = useTone();
  const soak = settings.soak;
  const planned = trySoakPlan(soak, soakBase);
  const criteria = planned.plan ? planned.plan.criteria.split(',').join(', ') : '';

  // What goes under the fields: the edit's error or hint, a message, or a blank line.
  const status: { lines: string[]; color?: 'red' | 'yellow'; dim?: boolean } = edit
    ? edit.error
      ? { lines: wrapWords(`✗ ${edit.error}`, width), color: 'red' }
      : { lines: [clip(`enter saves · esc cancels · ctrl-u clears · empty = default · ${SOAK_HINTS[edit.field]}`, width)], dim: true }
    : message
      ? { lines: wrapWords(message, width), color: 'yellow' }
      : { lines: [' '] };
  const about = planned.plan ? wrapWords(`${CRITERIA_LABEL}${criteria}`, width) : wrapWords(`✗ ${planned.error}`, width);
  // One line short of the terminal, as every screen. The fields and the status always show; the
  // title goes first when rows are short, then criteria lines (the last one cut, marked "…").
  const room = height - 1 - SOAK_CHROME_LINES - SOAK_FIELDS.length - status.lines.length - 1 - (planned.plan ? 1 : 0);
  const showTitle = room - 2 >= about.length;
  const aboutShown = Math.max(1, Math.min(about.length, room - (showTitle ? 2 : 0)));
  const aboutLines = about.length > aboutShown ? [...about.slice(0, aboutShown - 1), clip(`${about[aboutShown - 1]!} …`, width)] : about;

  return (
    <Box flexDirection="column">
      {showTitle ? (
        <>
          <Text bold wrap="truncate-end">{clip('Soak: whole voice interactions at a fixed rate for hours, then a verdict', width)}</Text>
          <Text> </Text>
        </>
      ) : null}
      {SOAK_FIELDS.map((field, i) => {
        const focused = i === focus;
        const editing = edit !== null && edit.field === field;
        const { text, gloss } = soakFieldValue(soak, field);
        const pieces: Piece[] = [
          { text: focused ? '› ' : '  ', bold: focused },
          field === 'start'
            ? { text: padEnd(SOAK_LABELS.start, LABEL_W), bold: true, color: 'green' }
            : { text: padEnd(SOAK_LABELS[field], LABEL_W), bold: focused },
        ];
        if (editing) pieces.push({ text: `${edit.text}▏`, color: 'yellow', bold: true });
        else if (field !== 'start') {
          pieces.push(
            { text, color: field === 'quick' && soak.quick ? 'green' : undefined, dim: field === 'duration' && soak.quick },
            { text: (gloss ? ` ${gloss}` : '') + ' '.repeat(Math.max(0, VALUE_W - cells(text) - (gloss ? cells(gloss) + 1 : 0))), dim: true },
          );
        }
        if (focused && !editing) pieces.push({ text: `  ${SOAK_HINTS[field]}`, dim: true });
        return <ClippedLine key={field} pieces={pieces} width={width} inverse={focused} />;
      })}
      {status.lines.map((l, i) => <Text key={i} color={status.color ? tone(status.color) : undefined} dimColor={status.dim}>{l}</Text>)}
      <Text> </Text>
      {planned.plan ? <Text dimColor wrap="truncate-end">{clip(soakPlanLine(planned.plan), width)}</Text> : null}
      {aboutLines.map((l, i) =>
        planned.plan ? (
          <Text key={i}>
            {i === 0 ? <Text dimColor>{l.slice(0, CRITERIA_LABEL.length)}</Text> : null}
            {i === 0 ? l.slice(CRITERIA_LABEL.length) : l}
          </Text>
        ) : (
          <Text key={i} color={tone('red')}>{l}</Text>
        ),
      )}
    </Box>
  );
}
