/**
 * The interaction process of a soak: a child of soundcheck, so that anything the probe does —
 * an uncaught exception, process.exit, heap exhaustion, a native fault, a hang — kills only this
 * process. The supervisor records it as a crash and starts a new one where this one left off.
 *
 * Pacing avoids coordinated omission: interaction i is due at t0 + i·T, its latency counts from
 * then, and a loop that falls behind runs its backlog instead of skipping it.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Probe, StageTimings } from './types.js';
import type { ChildBatch, ChildMessage, ChildStart } from './soak-types.js';

const BATCH_MS = 250;

const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const send = (m: ChildMessage): void => {
  if (process.connected) process.send!(m);
};
const describe = (e: unknown): string => (e instanceof Error ? e.message || e.name : String(e));

// The terminal's Ctrl-C reaches the whole process group; only the supervisor decides to stop.
for (const sig of ['SIGINT', 'SIGHUP'] as const) process.on(sig, () => {});
// An orphan must not soak on alone: when the supervisor goes, so does this process.
process.on('disconnect', () => process.exit(0));

let stopRequested = false;

process.on('message', (m: ChildStart | { t: 'stop' }) => {
  if (m.t === 'stop') stopRequested = true;
  else if (m.t === 'start') void run(m);
});

async function run(start: ChildStart): Promise<void> {
  let probe: Probe;
  let state: unknown;
  const setupStart = performance.now();
  try {
    probe = (await import(start.moduleUrl)).default as Probe;
    state = await probe.setup({ tmpDir: start.tmpDir, assetsDir: start.assetsDir, options: start.options });
  } catch (e) {
    send({ t: 'fatal', phase: 'setup', message: describe(e) });
    process.exit(70);
  }
  const t0Ms = start.t0Ms ?? monoMs();
  const endMs = t0Ms + start.durationMs;
  send({ t: 'ready', setupMs: performance.now() - setupStart, t0Ms });

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();

  let batch = newBatch(start.startIndex);
  let inFlight: ChildBatch['inFlight'] = null;
  let index = start.startIndex;

  let lastFlush = monoMs();
  const flush = (): void => {
    const now = monoMs();
    lastFlush = now;
    // Backlog: interactions already due that have not started (the one running does not count).
    const firstWaiting = inFlight ? inFlight.index + 1 : index;
    const nextDue = t0Ms + firstWaiting * start.periodMs;
    batch.backlog = start.periodMs > 0 && now >= nextDue ? Math.floor((now - nextDue) / start.periodMs) + 1 : 0;
    batch.inFlight = inFlight;
    const eluNow = performance.eventLoopUtilization(elu);
    elu = performance.eventLoopUtilization();
    const cpuNow = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const resMs = 10;
    batch.process = {
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      heapTotal: mem.heapTotal,
      elu: eluNow.utilization,
      // The histogram counts its own sampling resolution as delay; subtract it.
      loopDelayMeanMs: Math.max(0, (Number.isFinite(loop.mean) ? loop.mean / 1e6 : 0) - resMs),
      loopDelayMaxMs: Math.max(0, (loop.max > 0 ? loop.max / 1e6 : 0) - resMs),
      cpuUserUs: cpuNow.user,
      cpuSystemUs: cpuNow.system,
    };
    loop.reset();
    send(batch);
    batch = newBatch(index);
  };
  // The heartbeat: a batch, even an empty one, every BATCH_MS while the event loop is free.
  const timer = setInterval(flush, BATCH_MS);

  for (;;) {
    if (stopRequested) break;
    const due = start.periodMs > 0 ? t0Ms + index * start.periodMs : monoMs();
    if (due >= endMs) break;
    const wait = due - monoMs();
    if (wait > 0) await sleep(wait, () => stopRequested);
    if (stopRequested) break;
    inFlight = { index, startedMs: monoMs() };
    // Paced (≤ 200/s): report before each interaction, so a crash loses no result and the
    // supervisor knows exactly which interaction took the process down.
    if (start.periodMs >= 5) flush();
    const started = monoMs();
    inFlight.startedMs = started;
    let ok = true;
    let stages: StageTimings | void = undefined;
    try {
      const r = probe.run(state, index);
      stages = r && typeof (r as Promise<unknown>).then === 'function' ? await r : (r as StageTimings | void);
    } catch (e) {
      ok = false;
      batch.failures.push({ index, message: describe(e), dueMs: due });
    }
    const ended = monoMs();
    inFlight = null;
    batch.latency.push(ended - due);
    batch.service.push(ended - started);
    batch.ok.push(ok);
    if (stages) {
      for (const [name, ms] of Object.entries(stages)) {
        (batch.stages[name] ??= []).push(ms);
      }
    }
    index++;
    // A loop that is behind (or unpaced) never sleeps, so the timer could not fire: flush here.
    // Then yield once, so the supervisor's 'stop' (an IPC message) can be heard.
    if (ended - lastFlush >= BATCH_MS) {
      flush();
      await new Promise((r) => setImmediate(r));
    }
  }
  clearInterval(timer);
  flush();
  try {
    await probe.teardown?.(state);
  } catch (e) {
    send({ t: 'fatal', phase: 'run', message: `teardown failed: ${describe(e)}` });
  }
  send({ t: 'done' });
  process.disconnect?.();
}

function newBatch(first: number): ChildBatch {
  return {
    t: 'batch', first, latency: [], service: [], ok: [], stages: {}, failures: [], backlog: 0, inFlight: null,
    process: { rss: 0, heapUsed: 0, heapTotal: 0, elu: 0, loopDelayMeanMs: 0, loopDelayMaxMs: 0, cpuUserUs: 0, cpuSystemUs: 0 },
  };
}

/** Sleeps until the deadline, waking early when asked to stop (a soak at 1/60 s must stop in 2 s). */
function sleep(ms: number, stop: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const end = monoMs() + ms;
    const tick = (): void => {
      const left = end - monoMs();
      if (left <= 0 || stop()) resolve();
      else setTimeout(tick, Math.min(left, 100));
    };
    tick();
  });
}
