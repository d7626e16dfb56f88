import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuFrequencyMhz, cpuTemperatureC, HealthSampler, summariseHealth } from './health.js';

describe('health', () => {
  it('reads the hottest thermal zone and the mean CPU frequency from a /sys-shaped tree', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sys-'));
    for (const [zone, milli] of [['thermal_zone0', '48500'], ['thermal_zone1', '61250'], ['cooling_device0', '1']]) {
      mkdirSync(path.join(root, 'thermal', zone), { recursive: true });
      writeFileSync(path.join(root, 'thermal', zone, 'temp'), `${milli}\n`);
    }
    for (const [cpu, khz] of [['cpu0', '1500000'], ['cpu1', '600000']]) {
      mkdirSync(path.join(root, 'cpu', cpu, 'cpufreq'), { recursive: true });
      writeFileSync(path.join(root, 'cpu', cpu, 'cpufreq', 'scaling_cur_freq'), khz);
    }
    mkdirSync(path.join(root, 'cpu', 'cpufreq'));
    expect(cpuTemperatureC(path.join(root, 'thermal'))).toBe(61.25);
    expect(cpuFrequencyMhz(path.join(root, 'cpu'))).toBe(1050);
    expect(cpuTemperatureC(path.join(root, 'none'))).toBeNull();
    expect(cpuFrequencyMhz(path.join(root, 'none'))).toBeNull();
  });

  it('samples real process and system figures', async () => {
    const sampler = new HealthSampler(performance.now());
    sampler.addChild({ rss: 50 * 1024 * 1024, heapUsed: 10 * 1024 * 1024, heapTotal: 0, elu: 0.25, loopDelayMeanMs: 1.5, loopDelayMaxMs: 4, cpuUserUs: 100_000, cpuSystemUs: 0 });
    const end = Date.now() + 200;
    while (Date.now() < end) { /* use some CPU */ }
    const s = sampler.sample();
    sampler.stop();
    expect(s.childRssMb).toBe(50);
    expect(s.rssMb).toBeGreaterThan(50);
    expect(s.cpuPercent).toBeGreaterThan(40); // 200 ms busy + the child's 100 ms over ~200 ms
    expect(s.elu).toBe(0.25);
    expect(s.loopDelayMs).toBe(1.5);
    expect(s.freeMemMb).toBeGreaterThan(0);
  });

  it('summarises an interval', () => {
    const sample = (t: number, rss: number, cpu: number) => ({
      t, rssMb: rss, heapUsedMb: 1, childRssMb: rss / 2, cpuPercent: cpu, systemCpuPercent: 10, loopDelayMs: 1, loopDelayMaxMs: 2,
      supervisorLoopDelayMs: 0, elu: 0.1, load1: 0.5, freeMemMb: 1000 - t / 1000, tempC: null, freqMhz: 1200,
    });
    const s = summariseHealth([sample(1000, 100, 5), sample(2000, 110, 15), sample(3000, 105, 10)])!;
    expect(s).toMatchObject({ from_s: 1, to_s: 3, samples: 3, rss_mb: { avg: 105, max: 110, last: 105 }, cpu_percent: { avg: 10, max: 15 }, temp_c: null, freq_mhz: { avg: 1200, min: 1200 } });
    expect(s.free_mem_mb.min).toBe(997);
    expect(s.child_rss_mb).toEqual({ avg: 52.5, max: 55, last: 52.5 });
    expect(summariseHealth([])).toBeNull();
  });
});
