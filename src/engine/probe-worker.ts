/**
 * Runs one probe inside a worker thread: setup (untimed) → warmup → timed iterations →
 * verify → teardown. Only the iteration itself sits between the two clock reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Probe } from './types.js';
import {
  CTRL_COUNT, CTRL_MARK, CTRL_STOP, SETUP_MARK,
  type Phase, type ProbeWorkerData, type WorkerMessage,
} from './worker-protocol.js';

const data = workerData as ProbeWorkerData;
const ctrl = new Int32Array(data.control);
const samples = new Float64Array(data.samples);
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
const phase = (p: Phase): void => post({ t: 'phase', phase: p });
const describe = (e: unknown): string => (e instanceof Error ? e.message || e.name : String(e));

const hrtime = process.hrtime.bigint;
let pending: unknown;
let pendingT0 = 0n;
/**
 * The clock window: two clock reads around one call, nothing else. It is a small function that
 * warmup and measurement both call, so V8 has optimised it before the first timed iteration; the
 * same code inline in main() (called once) stayed unoptimised and added 20–150 ns per sample
 * against mitata (bench/README.md). Returns ns, or -1 when the probe returned a promise, which
 * is then in `pending` and its start in `pendingT0`; awaiting only real promises keeps a
 * microtask out of every synchronous sample.
 */
function timeOnce(probe: Probe, state: unknown, i: number): number {
  const t0 = hrtime();
  const r = probe.run(state, i);
  if (r && typeof (r as Promise<unknown>).then === 'function') {
    pending = r;
    pendingT0 = t0;
    return -1;
  }
  return Number(hrtime() - t0);
}

async function main(): Promise<void> {
  const mod = await import(data.moduleUrl);
  const probe: Probe = mod.default;
  let state: unknown;

  phase('setup');
  Atomics.store(ctrl, CTRL_MARK, SETUP_MARK);
  const setupStart = performance.now();
  try {
    state = await probe.setup({ tmpDir: data.tmpDir, assetsDir: data.assetsDir, options: data.options, warmup: data.warmup });
  } catch (e) {
    post({ t: 'fatal', phase: 'setup', message: describe(e) });
    return;
  }
  Atomics.store(ctrl, CTRL_MARK, 0);
  post({ t: 'setup-done', setupMs: performance.now() - setupStart });

  let stopped = false;
  phase('warmup');
  for (let i = 0; i < data.warmup && !stopped; i++) {
    stopped = Atomics.load(ctrl, CTRL_STOP) === 1;
    if (stopped) break;
    Atomics.store(ctrl, CTRL_MARK, i + 1);
    try {
      if (timeOnce(probe, state, i) < 0) await pending;
    } catch (e) {
      post({ t: 'error', iteration: i, message: describe(e), warmup: true });
    }
    Atomics.store(ctrl, CTRL_MARK, 0);
  }

  phase('measure');
  let count = 0;
  for (let i = 0; i < data.iterations; i++) {
    if (Atomics.load(ctrl, CTRL_STOP) === 1) { stopped = true; break; }
    Atomics.store(ctrl, CTRL_MARK, i + 1);
    let ns = -1;
    try {
      ns = timeOnce(probe, state, i);
      if (ns < 0) {
        await pending;
        ns = Number(hrtime() - pendingT0);
      }
    } catch (e) {
      ns = -1;
      post({ t: 'error', iteration: i, message: describe(e), warmup: false });
    }
    Atomics.store(ctrl, CTRL_MARK, 0);
    // A sample that threw is not a latency: it would flatter or distort the statistics.
    if (ns >= 0) {
      samples[count++] = ns / 1e6;
      Atomics.store(ctrl, CTRL_COUNT, count);
    }
  }

  if (probe.verify && !stopped) {
    phase('verify');
    Atomics.store(ctrl, CTRL_MARK, SETUP_MARK);
    try {
      post({ t: 'check', check: await probe.verify(state) });
    } catch (e) {
      post({ t: 'check', check: { ok: false, message: `verification failed: ${describe(e)}` } });
    }
    Atomics.store(ctrl, CTRL_MARK, 0);
  }

  phase('teardown');
  try {
    await probe.teardown?.(state);
  } catch (e) {
    post({ t: 'fatal', phase: 'teardown', message: describe(e) });
  }
  post({ t: 'done', stopped });
}

main().catch((e) => post({ t: 'fatal', phase: 'setup', message: describe(e) }));
