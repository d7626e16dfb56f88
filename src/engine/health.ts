/**
 * Health of the box and of soundcheck, sampled once a second during a soak: memory of both
 * processes, CPU (ours and the system's), event-loop delay and utilisation, load, free memory,
 * and CPU temperature and frequency where /sys exposes them (a throttling Raspberry Pi is a
 * classic soak failure).
 */
import os from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { ChildProcessHealth } from './soak-types.js';

export interface HealthSample {
  /** ms since the soak started */
  t: number;
  /** soundcheck's own memory: supervisor + interaction process */
  rssMb: number;
  heapUsedMb: number;
  childRssMb: number;
  /** CPU used by soundcheck (both processes), % of one core */
  cpuPercent: number;
  /** Whole-system CPU busy, % of all cores */
  systemCpuPercent: number;
  /** Event-loop delay of the interaction process, ms (mean over the second, and max) */
  loopDelayMs: number;
  loopDelayMaxMs: number;
  /** Event-loop delay of the supervisor, ms */
  supervisorLoopDelayMs: number;
  /** Event-loop utilisation of the interaction process, 0..1 */
  elu: number;
  load1: number;
  freeMemMb: number;
  tempC: number | null;
  freqMhz: number | null;
}

const MB = 1024 * 1024;

function readNumber(file: string): number | null {
  try {
    const v = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/** Highest thermal zone, °C; null where the kernel exposes none (most VMs). */
export function cpuTemperatureC(root = '/sys/class/thermal'): number | null {
  let best: number | null = null;
  try {
    for (const zone of readdirSync(root)) {
      if (!zone.startsWith('thermal_zone')) continue;
      const milli = readNumber(`${root}/${zone}/temp`);
      if (milli !== null && milli > 0) best = Math.max(best ?? -Infinity, milli / 1000);
    }
  } catch { /* no thermal zones */ }
  return best;
}

/** Mean current CPU frequency, MHz; null without cpufreq. */
export function cpuFrequencyMhz(root = '/sys/devices/system/cpu'): number | null {
  const values: number[] = [];
  try {
    for (const cpu of readdirSync(root)) {
      if (!/^cpu\d+$/.test(cpu)) continue;
      const khz = readNumber(`${root}/${cpu}/cpufreq/scaling_cur_freq`);
      if (khz !== null) values.push(khz / 1000);
    }
  } catch { /* no cpufreq */ }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function systemTimes(): { busy: number; total: number } {
  let busy = 0, total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

export class HealthSampler {
  private loop: IntervalHistogram;
  private lastCpu = process.cpuUsage();
  private lastSys = systemTimes();
  private lastAt = performance.now();
  /** What the interaction process reported since the last sample. */
  private child: ChildProcessHealth[] = [];
  private lastChildRss = 0;

  constructor(private readonly startedAt: number) {
    this.loop = monitorEventLoopDelay({ resolution: 10 });
    this.loop.enable();
  }

  addChild(h: ChildProcessHealth): void {
    this.child.push(h);
    this.lastChildRss = h.rss;
  }

  /** The child died: its memory is gone until the next one reports. */
  childGone(): void {
    this.lastChildRss = 0;
  }

  sample(): HealthSample {
    const now = performance.now();
    const wallUs = Math.max(1, (now - this.lastAt) * 1000);
    const cpu = process.cpuUsage(this.lastCpu);
    this.lastCpu = process.cpuUsage();
    const sys = systemTimes();
    const sysBusy = sys.total - this.lastSys.total > 0 ? (sys.busy - this.lastSys.busy) / (sys.total - this.lastSys.total) : 0;
    this.lastSys = sys;
    this.lastAt = now;
    const child = this.child;
    this.child = [];
    const childCpuUs = child.reduce((a, c) => a + c.cpuUserUs + c.cpuSystemUs, 0);
    const mem = process.memoryUsage();
    const mean = (f: (c: ChildProcessHealth) => number): number => (child.length ? child.reduce((a, c) => a + f(c), 0) / child.length : 0);
    const supervisorDelay = Math.max(0, (Number.isFinite(this.loop.mean) ? this.loop.mean / 1e6 : 0) - 10);
    this.loop.reset();
    return {
      t: now - this.startedAt,
      rssMb: (mem.rss + this.lastChildRss) / MB,
      heapUsedMb: (mem.heapUsed + (child.at(-1)?.heapUsed ?? 0)) / MB,
      childRssMb: this.lastChildRss / MB,
      cpuPercent: ((cpu.user + cpu.system + childCpuUs) / wallUs) * 100,
      systemCpuPercent: sysBusy * 100,
      loopDelayMs: mean((c) => c.loopDelayMeanMs),
      loopDelayMaxMs: child.reduce((a, c) => Math.max(a, c.loopDelayMaxMs), 0),
      supervisorLoopDelayMs: supervisorDelay,
      elu: mean((c) => c.elu),
      load1: os.loadavg()[0] ?? 0,
      freeMemMb: os.freemem() / MB,
      tempC: cpuTemperatureC(),
      freqMhz: cpuFrequencyMhz(),
    };
  }

  stop(): void {
    this.loop.disable();
  }
}

export interface HealthSummary {
  from_s: number;
  to_s: number;
  samples: number;
  rss_mb: { avg: number; max: number; last: number };
  /** The interaction process's share of rss_mb: tells a leak in the probe's work from one in soundcheck. */
  child_rss_mb: { avg: number; max: number; last: number };
  heap_used_mb: { avg: number; max: number };
  cpu_percent: { avg: number; max: number };
  system_cpu_percent: { avg: number; max: number };
  loop_delay_ms: { avg: number; max: number };
  supervisor_loop_delay_ms: { avg: number; max: number };
  elu: { avg: number; max: number };
  load1: { avg: number; max: number };
  free_mem_mb: { min: number; last: number };
  temp_c: { avg: number; max: number } | null;
  freq_mhz: { avg: number; min: number } | null;
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Summary of a health interval's one-second samples: what is persisted. */
export function summariseHealth(samples: HealthSample[]): HealthSummary | null {
  if (samples.length === 0) return null;
  const stat = (f: (s: HealthSample) => number) => {
    const v = samples.map(f);
    return { avg: r3(v.reduce((a, b) => a + b, 0) / v.length), max: r3(Math.max(...v)) };
  };
  const optional = (f: (s: HealthSample) => number | null) => {
    const v = samples.map(f).filter((x): x is number => x !== null);
    return v.length ? { avg: r3(v.reduce((a, b) => a + b, 0) / v.length), max: r3(Math.max(...v)), min: r3(Math.min(...v)) } : null;
  };
  const temp = optional((s) => s.tempC);
  const freq = optional((s) => s.freqMhz);
  return {
    from_s: r3(samples[0]!.t / 1000),
    to_s: r3(samples.at(-1)!.t / 1000),
    samples: samples.length,
    rss_mb: { ...stat((s) => s.rssMb), last: r3(samples.at(-1)!.rssMb) },
    child_rss_mb: { ...stat((s) => s.childRssMb), last: r3(samples.at(-1)!.childRssMb) },
    heap_used_mb: stat((s) => s.heapUsedMb),
    cpu_percent: stat((s) => s.cpuPercent),
    system_cpu_percent: stat((s) => s.systemCpuPercent),
    loop_delay_ms: { avg: stat((s) => s.loopDelayMs).avg, max: r3(Math.max(...samples.map((s) => s.loopDelayMaxMs))) },
    supervisor_loop_delay_ms: stat((s) => s.supervisorLoopDelayMs),
    elu: stat((s) => s.elu),
    load1: stat((s) => s.load1),
    free_mem_mb: { min: r3(Math.min(...samples.map((s) => s.freeMemMb))), last: r3(samples.at(-1)!.freeMemMb) },
    temp_c: temp ? { avg: temp.avg, max: temp.max } : null,
    freq_mhz: freq ? { avg: freq.avg, min: freq.min } : null,
  };
}
