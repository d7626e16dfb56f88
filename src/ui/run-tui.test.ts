import { describe, expect, it } from 'vitest';
import { builtinProbes } from '../probes/registry.js';
import { defaultSettings } from '../settings.js';
import { applyPicks } from './run-tui.js';

describe('applyPicks: bench flags given with the TUI preselect the picker', () => {
  const base = defaultSettings(builtinProbes);

  it('leaves the remembered choices alone without flags', () => {
    expect(applyPicks(base, undefined)).toBe(base);
  });

  it('-p selects exactly those probes, -n sets their counts, --target their targets', () => {
    const s = applyPicks({ ...base, mode: 'soak' }, { ids: ['vad', 'config_loading'], iterations: 7, targets: { vad: 'p(95)<5ms' } });
    expect(s.mode).toBe('bench');
    const byId = Object.fromEntries(s.probes.map((p) => [p.id, p]));
    expect(s.probes.filter((p) => p.selected).map((p) => p.id).sort()).toEqual(['config_loading', 'vad']);
    expect(byId.vad).toMatchObject({ iterations: 7, target: 'p(95)<5ms' });
    expect(byId.config_loading).toMatchObject({ iterations: 7, target: 'avg<10ms' });
    // Unselected probes keep their remembered counts.
    expect(byId.audio_processing!.iterations).toBe(50);
  });

  it('-n alone changes the counts of the remembered selection only', () => {
    const remembered = { ...base, probes: base.probes.map((p) => ({ ...p, selected: p.id === 'vad' })) };
    const s = applyPicks(remembered, { iterations: 3 });
    expect(s.probes.find((p) => p.id === 'vad')).toMatchObject({ selected: true, iterations: 3 });
    expect(s.probes.find((p) => p.id === 'config_loading')).toMatchObject({ selected: false, iterations: 100 });
  });
});
