import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { builtinProbes } from '../../probes/registry.js';
import { defaultSettings, type Settings } from '../../settings.js';
import { KEY, plain, press } from '../../../test/ui-helpers.js';
import { PickerScreen } from './PickerScreen.js';

function setup(initial: Settings = defaultSettings(builtinProbes)) {
  const onChange = vi.fn<(s: Settings) => void>();
  const onStart = vi.fn<(s: Settings) => void>();
  const onQuit = vi.fn();
  const onHelp = vi.fn();
  const r = render(
    <PickerScreen probes={builtinProbes} initialSettings={initial} onChange={onChange} onStart={onStart} onQuit={onQuit} onHelp={onHelp} width={80} height={24} details="warmup 3" />,
  );
  const frame = (): string => plain(r.lastFrame());
  const last = (): Settings => onChange.mock.lastCall![0];
  const row = (id: string): string => frame().split('\n').find((l) => l.includes(` ${id} `)) ?? '';
  return { ...r, onChange, onStart, onQuit, onHelp, frame, last, row };
}

describe('PickerScreen', () => {
  it('lists every probe with checkbox, description, iterations and target', () => {
    const { frame } = setup();
    for (const p of builtinProbes) expect(frame()).toMatch(new RegExp(`\\[x\\] ${p.id}\\s.*${p.defaultIterations}× ${p.target.replace(/[()]/g, '\\$&')}`));
    expect(frame()).toContain('5 of 5 selected · warmup 3');
  });

  it('moves with arrows and j/k (wrapping), toggles with space and all with a', async () => {
    const t = setup();
    await press(t.stdin, KEY.down, 'j');
    expect(t.row('string_processing')).toMatch(/^›/);
    await press(t.stdin, ' ');
    expect(t.row('string_processing')).toContain('[ ]');
    expect(t.last().probes.find((p) => p.id === 'string_processing')!.selected).toBe(false);
    await press(t.stdin, 'k', KEY.up, KEY.up);
    expect(t.row('vad')).toMatch(/^›/);
    await press(t.stdin, 'a');
    expect(t.last().probes.every((p) => p.selected)).toBe(true);
    await press(t.stdin, 'a');
    expect(t.last().probes.every((p) => !p.selected)).toBe(true);
    expect(t.frame()).toContain('0 of 5 selected');
  });

  it('changes the focused count with +/- by a round step', async () => {
    const t = setup();
    await press(t.stdin, '+', '+');
    expect(t.row('config_loading')).toContain('120×');
    await press(t.stdin, '-', '-', '-');
    expect(t.row('config_loading')).toContain('90×');
    expect(t.last().probes[0]!.iterations).toBe(90);
  });

  it('edits a count typed with digits: enter confirms, esc cancels, invalid counts are explained', async () => {
    const t = setup();
    await press(t.stdin, '2', '5');
    expect(t.frame()).toContain('iterations for config_loading: 25▏');
    await press(t.stdin, KEY.enter);
    expect(t.row('config_loading')).toContain('25×');
    await press(t.stdin, '7', KEY.escape);
    expect(t.row('config_loading')).toContain('25×');
    await press(t.stdin, '0', KEY.enter);
    expect(t.frame()).toContain("'0' is not allowed; use a whole number from 1 to 1000000");
    await press(t.stdin, KEY.backspace, '4', KEY.enter);
    expect(t.row('config_loading')).toContain('4×');
    expect(t.onStart).not.toHaveBeenCalled();
  });

  it('edits the target with inline validation that names the allowed syntax', async () => {
    const t = setup();
    await press(t.stdin, 't');
    expect(t.frame()).toContain('target for config_loading: avg<10ms▏');
    await press(t.stdin, KEY.ctrlU, 'p', '(', '9', '5', ')', '<', 'f', 'a', 's', 't', KEY.enter);
    expect(t.frame()).toContain("✗ 'p(95)<fast' is not an expression; allowed: avg<10ms, p(95)<20ms");
    expect(t.row('config_loading')).toContain('avg<10ms');
    // q is text while editing, not a command.
    await press(t.stdin, 'q');
    expect(t.frame()).toContain('target for config_loading: p(95)<fastq▏');
    await press(t.stdin, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, '2', '0', 'm', 's', KEY.enter);
    expect(t.row('config_loading')).toContain('p(95)<20ms');
    expect(t.last().probes[0]!.target).toBe('p(95)<20ms');
    await press(t.stdin, 't', 'x', KEY.escape);
    expect(t.row('config_loading')).toContain('p(95)<20ms');
    expect(t.onQuit).not.toHaveBeenCalled();
  });

  it('handles keys that arrive together, as over SSH or from tmux', async () => {
    const t = setup();
    await press(t.stdin, 'jj', '30\r');
    expect(t.row('string_processing')).toMatch(/^›.*30×/);
    expect(t.onStart).not.toHaveBeenCalled();
  });

  it('starts with the chosen settings, and not with nothing selected', async () => {
    const t = setup();
    await press(t.stdin, 'a', KEY.enter);
    expect(t.onStart).not.toHaveBeenCalled();
    expect(t.frame()).toContain('Select at least one probe');
    await press(t.stdin, ' ', '5', KEY.enter, KEY.enter);
    expect(t.onStart).toHaveBeenCalledTimes(1);
    const s = t.onStart.mock.lastCall![0];
    expect(s.probes.filter((p) => p.selected).map((p) => [p.id, p.iterations])).toEqual([['config_loading', 5]]);
  });

  it('switches to soak mode with tab, where the bench keys do nothing', async () => {
    const t = setup();
    await press(t.stdin, KEY.tab);
    expect(t.frame()).toContain('Soak setup arrives with the soak command');
    expect(t.last().mode).toBe('soak');
    await press(t.stdin, ' ', KEY.enter);
    expect(t.onStart).not.toHaveBeenCalled();
    await press(t.stdin, KEY.tab);
    expect(t.frame()).toContain('[x] config_loading');
    expect(t.last().mode).toBe('bench');
  });

  it('asks for help with ? and quits with q or Ctrl-C', async () => {
    const t = setup();
    await press(t.stdin, '?');
    expect(t.onHelp).toHaveBeenCalledTimes(1);
    await press(t.stdin, 'q');
    expect(t.onQuit).toHaveBeenCalledTimes(1);
    await press(t.stdin, KEY.ctrlC);
    expect(t.onQuit).toHaveBeenCalledTimes(2);
  });
});
