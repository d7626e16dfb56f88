/**
 * Main-thread side of one probe: spawns its worker, collects batched samples, watches for hangs
 * and crashes, and turns it all into a ProbeResult. Never blocks on the probe.
 */
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeStats, percentile, statisticalWarnings } from './stats.js';
import { evaluateTargets, parseThresholds } from './thresholds.js';
import type {
  IterationError, ProbeCheck, ProbeInfo, ProbeOptions, ProbeResult, ProgressSnapshot,
} from './types.js';
import {
  CTRL_COUNT, CTRL_MARK, CTRL_STOP, CTRL_WORDS, SETUP_MARK,
  type Phase, type ProbeWorkerData, type WorkerMessage,
} from './worker-protocol.js';

export interface ProbeRunOptions {
  probe: ProbeInfo;
  iterations: number;
  warmup: number;
  target: string;
  timeoutMs: number;
  options: ProbeOptions;
  assetsDir: string;
  /** How often a live snapshot is emitted, ms. */
  snapshotMs?: number;
  onSnapshot?: (s: ProgressSnapshot) => void;
  onError?: (e: IterationError) => void;
  signal?: AbortSignal;
}

/** How many recent samples a snapshot carries for the live charts. */
export const RECENT_SAMPLES = 512;
/** After a stop request, how long a probe may take to finish its iteration before it is terminated. */
export const STOP_GRACE_MS = 2000;

/**
 * Starts the probe worker. Built, it is plain JS. Under vitest the engine runs from .ts sources,
 * so the worker first registers tsx's loader, then imports the .ts worker module.
 */
function startWorker(workerData: ProbeWorkerData): Worker {
  // stdout/stderr: true keeps a probe's prints off the user's terminal (they would corrupt the TUI).
  const io = { stdout: true, stderr: true } as const;
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./probe-worker.js', import.meta.url), { workerData, ...io });
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./probe-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData, ...io });
}

export function runProbe(o: ProbeRunOptions): Promise<ProbeResult> {
  const thresholds = parseThresholds(o.target);
  const tmpDir = mkdtempSync(path.join(tmpdir(), `soundcheck-${o.probe.id}-`));
  const control = new SharedArrayBuffer(CTRL_WORDS * 4);
  const ctrl = new Int32Array(control);
  const started = performance.now();

  const sampleBuffer = new SharedArrayBuffer(o.iterations * Float64Array.BYTES_PER_ELEMENT);
  const samples = new Float64Array(sampleBuffer);
  /** Samples published by the worker so far. */
  const published = (): number => Atomics.load(ctrl, CTRL_COUNT);
  const errors: IterationError[] = [];
  let check: ProbeCheck | undefined;
  let phase: Phase = 'setup';
  let setupMs = 0;
  let stopped = false;
  let finished = false;
  let stderrTail = '';

  const data: ProbeWorkerData = {
    moduleUrl: o.probe.moduleUrl,
    iterations: o.iterations,
    warmup: o.warmup,
    tmpDir,
    assetsDir: o.assetsDir,
    options: o.options,
    control,
    samples: sampleBuffer,
  };
  const worker = startWorker(data);
  worker.stdout.resume();
  worker.stderr.on('data', (chunk: Buffer) => { stderrTail = (stderrTail + chunk.toString()).slice(-2000); });

  const addError = (e: IterationError): void => {
    errors.push(e);
    o.onError?.(e);
  };

  const snapshot = (): ProgressSnapshot => {
    const count = published();
    return {
      probeId: o.probe.id,
      phase: phase === 'teardown' ? 'verify' : phase,
      done: count,
      total: o.iterations,
      errors: errors.length,
      stats: computeStats(samples.subarray(0, count)),
      recent: Array.from(samples.subarray(Math.max(0, count - RECENT_SAMPLES), count)),
      elapsedMs: performance.now() - started,
    };
  };

  return new Promise<ProbeResult>((resolve) => {
    let dirty = true;
    let lastCount = -1;
    const snapTimer = setInterval(() => {
      const count = published();
      if ((dirty || count !== lastCount) && o.onSnapshot) {
        dirty = false;
        lastCount = count;
        o.onSnapshot(snapshot());
      }
    }, o.snapshotMs ?? 100);

    // Watchdog: an iteration whose mark has not changed for timeoutMs is a hang.
    let lastMark = 0;
    let markSince = performance.now();
    const pollMs = Math.max(10, Math.min(250, o.timeoutMs / 10));
    const watchdog = setInterval(() => {
      const mark = Atomics.load(ctrl, CTRL_MARK);
      const now = performance.now();
      if (mark !== lastMark) { lastMark = mark; markSince = now; return; }
      if (mark > 0 && now - markSince > o.timeoutMs) {
        const where = mark === SETUP_MARK ? phase : `iteration ${mark - 1}`;
        addError({
          iteration: mark === SETUP_MARK ? -1 : mark - 1,
          kind: 'hang',
          message: `${where} did not finish within the ${o.timeoutMs} ms timeout; the probe was stopped`,
        });
        finish(true);
      }
    }, pollMs);

    const onAbort = (): void => {
      stopped = true;
      Atomics.store(ctrl, CTRL_STOP, 1);
      // A probe stuck in one long iteration still has to let the user go.
      setTimeout(() => { if (!finished) finish(true); }, STOP_GRACE_MS).unref();
    };
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (m: WorkerMessage) => {
      switch (m.t) {
        case 'phase': phase = m.phase; dirty = true; break;
        case 'setup-done': setupMs = m.setupMs; break;
        case 'error':
          addError({ iteration: m.iteration, kind: 'error', message: m.warmup ? `warmup: ${m.message}` : m.message });
          dirty = true;
          break;
        case 'fatal':
          addError({ iteration: -1, kind: m.phase === 'setup' ? 'setup' : 'error', message: `${m.phase} failed: ${m.message}` });
          break;
        case 'check': check = m.check; break;
        case 'done':
          if (m.stopped) stopped = true;
          finish(false);
          break;
      }
    });
    worker.on('error', (err) => {
      addError({ iteration: Math.max(0, Atomics.load(ctrl, CTRL_MARK) - 1), kind: 'crash', message: `worker crashed: ${err.message}` });
    });
    worker.on('exit', (code) => {
      if (finished) return;
      if (!errors.some((e) => e.kind === 'crash' || e.kind === 'setup')) {
        const tail = stderrTail.trim().split('\n').slice(-3).join(' | ');
        addError({ iteration: Math.max(0, Atomics.load(ctrl, CTRL_MARK) - 1), kind: 'crash', message: `worker exited with code ${code} during ${phase}${tail ? `: ${tail}` : ''}` });
      }
      finish(false);
    });

    function finish(_hung: boolean): void {
      if (finished) return;
      finished = true;
      clearInterval(snapTimer);
      clearInterval(watchdog);
      o.signal?.removeEventListener('abort', onAbort);
      const done = (): void => {
        try { rmSync(tmpDir, { recursive: true, force: true }); } catch { /* best effort */ }
        const count = published();
        const measured = samples.subarray(0, count);
        const stats = computeStats(measured);
        const sorted = Float64Array.from(measured).sort();
        const targets = evaluateTargets(thresholds, stats, (p) => percentile(sorted, p));
        const warnings = statisticalWarnings(measured);
        if (check && !check.ok) warnings.push(check.message);
        const incomplete = count < o.iterations;
        if (stopped && incomplete) warnings.push(`stopped after ${count} of ${o.iterations} iterations`);
        const failed =
          errors.length > 0 || !check?.ok && check !== undefined || targets.some((t) => !t.ok) || incomplete || stats === null;
        o.onSnapshot?.(snapshot());
        resolve({
          probeId: o.probe.id,
          title: o.probe.title,
          status: failed ? 'FAIL' : 'PASS',
          iterations: o.iterations,
          samplesCount: count,
          stats,
          targets,
          errors,
          warnings,
          check,
          stopped: stopped && incomplete,
          setupMs,
          durationMs: performance.now() - started,
        });
      };
      // Terminate even after 'done': a probe that left a timer or socket open must not keep its thread alive.
      worker.terminate().then(done, done);
    }
  });
}
