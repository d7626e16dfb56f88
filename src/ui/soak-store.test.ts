import { describe, expect, it, vi } from 'vitest';
import type { SoakEvent, SoakTick } from '../engine/soak-types.js';
import { recordLightSoak } from '../../test/ui-helpers.js';
import { MAX_NOTES, SoakViewStore } from './soak-store.js';

const recorded = recordLightSoak();

function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('SoakViewStore', () => {
  it('folds a real soak into the live state: ticks, series, checkpoints, the report', async () => {
    const { plan, events, report } = await recorded;
    const store = new SoakViewStore(plan, { intervalMs: 0 });
    const ticks = events.filter((e): e is Extract<SoakEvent, { type: 'soak-tick' }> => e.type === 'soak-tick');
    for (const e of events) store.sink(e);
    const s = store.getState();
    expect(s.runId).toBe(report.run_id);
    expect(s.tick).toEqual(ticks.at(-1)!.tick);
    expect(s.series.rss).toHaveLength(ticks.length);
    expect(s.series.rss.every((v) => v > 0)).toBe(true);
    expect(s.series.cpu.at(-1)).toBe(ticks.at(-1)!.tick.health.cpuPercent);
    expect(s.series.p95.filter(Number.isFinite).length).toBeGreaterThan(ticks.length / 2);
    // The last tick's last checkpoint (the final one comes after the final tick), by its index.
    const cp = ticks.at(-1)!.tick.lastCheckpoint!;
    const index = report.checkpoints.findIndex((c) => Math.abs(c.elapsed_seconds * 1000 - cp.elapsedMs) < 2);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(s.lastCheckpoint).toEqual({ ...cp, index });
    expect(s.report).toBe(report);
  });

  it('publishes at most once per interval (leading and trailing), the end at once', async () => {
    const { plan, events } = await recorded;
    const clock = fakeClock();
    vi.useFakeTimers();
    try {
      const store = new SoakViewStore(plan, { intervalMs: 200, now: clock.now });
      const listener = vi.fn();
      store.subscribe(listener);
      const tick = events.find((e) => e.type === 'soak-tick')!;
      store.sink(tick);
      expect(listener).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 50; i++) store.sink(tick);
      expect(listener).toHaveBeenCalledTimes(1);
      const before = store.getState();
      clock.advance(200);
      vi.advanceTimersByTime(200);
      expect(listener).toHaveBeenCalledTimes(2);
      expect(store.getState()).not.toBe(before);
      expect(store.getState().series.rss).toHaveLength(51);
      store.sink(events.at(-1)!); // soak-end
      expect(listener).toHaveBeenCalledTimes(3);
      store.markStopping();
      expect(store.getState().stopping).toBe(true);
      store.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds only bounded data however long the soak and however many errors', async () => {
    const { plan, events } = await recorded;
    const store = new SoakViewStore(plan, { intervalMs: 1_000_000, maxPoints: 64 });
    const tick = (events.find((e) => e.type === 'soak-tick') as { tick: SoakTick }).tick;
    // 30 hours of 1-s ticks and an error flood.
    for (let i = 0; i < 108_000; i++) {
      store.sink({ type: 'soak-tick', tick: { ...tick, elapsedMs: i * 1000, recentP95Ms: i % 1000 } });
      store.sink({ type: 'soak-error', type_: 'interaction', message: `boom ${i}`, interaction: i });
    }
    store.sink({ type: 'soak-warning', message: 'falling behind' });
    store.sink({ type: 'soak-crash', crash: { timestamp: '', elapsed_s: 5, type: 'exit', message: 'exited with code 3', interaction: 7 } });
    store.sink({ type: 'soak-error', type_: 'crash:exit', message: 'exited with code 3', interaction: 7 });
    store.sink(events.at(-1)!); // publish
    const s = store.getState();
    for (const series of Object.values(s.series)) expect(series.length).toBeLessThanOrEqual(64);
    expect(Math.max(...s.series.p95)).toBe(999);
    expect(s.notes).toHaveLength(MAX_NOTES);
    expect(s.errors).toBe(108_001);
    expect(s.warnings).toBe(1);
    // The crash's own error is counted but not repeated as a note.
    expect(s.notes.at(-1)).toMatchObject({ kind: 'crash', elapsedMs: 5000 });
    expect(s.notes.at(-1)!.text).toContain('exit in interaction 7: exited with code 3');
    expect(s.notes.at(-2)).toMatchObject({ kind: 'warning', text: 'falling behind' });
  });
});
