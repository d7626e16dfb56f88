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
    expect(t.frame()).toContain('Soak: whole voice interactions');
    expect(t.last().mode).toBe('soak');
    await press(t.stdin, 'a', '+', 't');
    expect(t.last().probes).toEqual(defaultSettings(builtinProbes).probes);
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

describe('PickerScreen in soak mode', () => {
  const soakSetup = (soakBase?: { probe?: string; criteria?: string[] }) => {
    const initial = { ...defaultSettings(builtinProbes), mode: 'soak' as const };
    const onChange = vi.fn<(s: Settings) => void>();
    const onStart = vi.fn<(s: Settings) => void>();
    const onQuit = vi.fn();
    const onHelp = vi.fn();
    const r = render(
      <PickerScreen probes={builtinProbes} initialSettings={initial} onChange={onChange} onStart={onStart} onQuit={onQuit} onHelp={onHelp} width={80} height={24} soakBase={soakBase} />,
    );
    const frame = (): string => plain(r.lastFrame());
    const row = (label: string): string => frame().split('\n').find((l) => l.slice(2).startsWith(label)) ?? '';
    const soak = () => onChange.mock.lastCall![0].soak;
    return { ...r, onChange, onStart, onQuit, onHelp, frame, row, soak };
  };

  it('shows the fields with their defaults, the plan and the default criteria read-only', () => {
    const t = soakSetup();
    expect(t.row('Duration')).toMatch(/^› Duration\s+8h\s+90s, 5m, 8h; bare number = hours$/);
    expect(t.row('Quick (exactly 5 min)')).toMatch(/\[ \]/);
    expect(t.row('Rate')).toMatch(/Rate\s+1\/s/);
    expect(t.row('Health interval')).toMatch(/5m \(default\)/);
    expect(t.row('Checkpoint interval')).toMatch(/1h \(default\)/);
    expect(t.row('▶ Start soak')).toBeTruthy();
    expect(t.frame()).toContain('interaction at 1/s for 8h00m00s: about 28,800 interactions; timeout 30s');
    expect(t.frame().replace(/\n/g, ' ')).toContain('Pass criteria: crashes==0, error_rate<1%, interactions>0, memory_growth<100MB, cpu_avg<20%, cpu_peak<50%, p95_drift<=1.5, p(95)<500ms');
    expect(t.frame()).toContain('↑↓ move  enter edit  s start  tab mode  ? help  q quit');
    for (const line of t.frame().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('edits the duration with the soak command\'s syntax and explains invalid input in its words', async () => {
    const t = soakSetup();
    await press(t.stdin, KEY.enter);
    expect(t.row('Duration')).toContain('8h▏');
    await press(t.stdin, KEY.ctrlU, ...'soon'.split(''), KEY.enter);
    expect(t.frame().replace(/\n/g, ' ')).toContain("✗ --duration: 'soon' is not a positive duration: use e.g. 500ms, 90s, 5m, 8h or 1h30m (a bare number means hours)");
    // q and s are text while editing, not commands.
    await press(t.stdin, 'q', 's');
    expect(t.row('Duration')).toContain('soonqs▏');
    expect(t.onQuit).not.toHaveBeenCalled();
    await press(t.stdin, KEY.ctrlU, '2', '0', 's', KEY.enter);
    expect(t.row('Duration')).toMatch(/Duration\s+20s\s+90s, 5m/);
    expect(t.soak().duration).toBe('20s');
    expect(t.frame()).toContain('interaction at 1/s for 20s: about 20 interactions');
    // A bare number is hours; a digit starts a new value at once.
    await press(t.stdin, '3', KEY.enter);
    expect(t.row('Duration')).toMatch(/Duration\s+3 \(3h00m00s\)/);
    // Esc keeps the old value.
    await press(t.stdin, KEY.enter, KEY.ctrlU, '9', KEY.escape);
    expect(t.soak().duration).toBe('3');
    expect(t.onStart).not.toHaveBeenCalled();
  });

  it('toggles quick (exactly 5 minutes, quick intervals), sets rate and intervals, empty is the default', async () => {
    const t = soakSetup();
    await press(t.stdin, KEY.down, ' ');
    expect(t.soak().quick).toBe(true);
    expect(t.row('Quick (exactly 5 min)')).toContain('[x]');
    expect(t.row('Duration')).toMatch(/5m \(quick; 8h when quick is off\)/);
    expect(t.row('Health interval')).toMatch(/30s \(quick default\)/);
    expect(t.row('Checkpoint interval')).toMatch(/1m \(quick default\)/);
    expect(t.frame()).toContain('for 5m00s: about 300 interactions');
    await press(t.stdin, KEY.enter);
    expect(t.soak().quick).toBe(false);

    await press(t.stdin, 'j', KEY.enter, KEY.ctrlU, ...'fast'.split(''), KEY.enter);
    expect(t.frame().replace(/\n/g, ' ')).toContain("✗ --rate: 'fast' is not allowed; use interactions per second (a number > 0, e.g. 1 or 0.5), or max for back to back");
    await press(t.stdin, KEY.ctrlU, '5', KEY.enter);
    expect(t.row('Rate')).toMatch(/5\/s/);
    await press(t.stdin, KEY.enter, KEY.ctrlU, 'm', 'a', 'x', KEY.enter);
    expect(t.row('Rate')).toMatch(/max \(back to back\)/);
    expect(t.soak().rate).toBe('max');

    await press(t.stdin, 'j', '2', 's', KEY.enter, 'j', KEY.enter, ...'0s'.split(''), KEY.enter);
    expect(t.frame()).toContain("✗ --checkpoint-interval: '0s' is not a positive duration");
    await press(t.stdin, KEY.ctrlU, '4', 's', KEY.enter);
    expect(t.soak()).toEqual({ duration: '8h', quick: false, rate: 'max', healthInterval: '2s', checkpointInterval: '4s' });
    expect(t.row('Health interval')).toMatch(/Health interval\s+2s$/);
    // Empty text: back to the default.
    await press(t.stdin, 'k', KEY.enter, KEY.ctrlU, KEY.enter);
    expect(t.soak().healthInterval).toBeNull();
    expect(t.row('Health interval')).toMatch(/5m \(default\)/);
  });

  it('starts with s from any row or enter on the Start row; the command line\'s soak flags count', async () => {
    const t = soakSetup({ criteria: ['cpu_avg<30%'] });
    expect(t.frame().replace(/\n/g, ' ')).toContain('cpu_avg<30%');
    await press(t.stdin, 's');
    expect(t.onStart).toHaveBeenCalledTimes(1);
    expect(t.onStart.mock.lastCall![0].mode).toBe('soak');
    await press(t.stdin, KEY.up, KEY.enter);
    expect(t.onStart).toHaveBeenCalledTimes(2);
    await press(t.stdin, '?');
    expect(t.onHelp).toHaveBeenCalledTimes(1);
    await press(t.stdin, 'q');
    expect(t.onQuit).toHaveBeenCalledTimes(1);
  });
});
