/** Messages between the main thread and a probe worker. Kept in one place so both sides agree. */
import type { ProbeCheck, ProbeOptions } from './types.js';

export interface ProbeWorkerData {
  moduleUrl: string;
  iterations: number;
  warmup: number;
  tmpDir: string;
  assetsDir: string;
  options: ProbeOptions;
  /** Int32Array over it: see CTRL_* below. */
  control: SharedArrayBuffer;
  /**
   * Float64Array over it, one slot per timed iteration: the worker writes each latency (ms) here
   * and publishes the count in CTRL_COUNT. No message per sample, no batching delay, and the
   * samples taken before a hang or a crash are not lost with the thread.
   */
  samples: SharedArrayBuffer;
}

/**
 * Shared control words. The worker writes [MARK] around every iteration with a plain atomic
 * store (nanoseconds) instead of posting a message, so the main thread's watchdog can see a hung
 * iteration even when the worker is stuck in synchronous code and cannot post anything.
 */
export const CTRL_MARK = 0; // >0: inside iteration (index+1) or SETUP_MARK; <=0: between iterations
export const CTRL_STOP = 1; // set to 1 by the main thread: finish the current iteration, then stop
export const CTRL_COUNT = 2; // samples published so far
export const CTRL_WORDS = 3;
export const SETUP_MARK = 0x7fffffff;

export type Phase = 'setup' | 'warmup' | 'measure' | 'verify' | 'teardown';

export type WorkerMessage =
  | { t: 'phase'; phase: Phase }
  | { t: 'setup-done'; setupMs: number }
  | { t: 'error'; iteration: number; message: string; warmup: boolean }
  | { t: 'fatal'; phase: Phase; message: string }
  | { t: 'check'; check: ProbeCheck }
  | { t: 'done'; stopped: boolean };
