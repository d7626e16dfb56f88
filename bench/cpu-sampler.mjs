/**
 * Preloaded into a soundcheck process by bench/observer.mjs (node --import): samples the main
 * thread's CPU time (from /proc, so the probe workers' CPU is not in it) and the whole process's
 * (process.cpuUsage) every 100 ms with wall-clock stamps, and writes them to
 * $SOUNDCHECK_CPU_SAMPLES when the process exits. The observer cuts the run's window out of them
 * with the report's started_at/finished_at, the same way for the TUI and for headless runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.SOUNDCHECK_CPU_SAMPLES;
// Workers inherit --import; only the main thread samples (and owns the file).
if (out && isMainThread) {
  const stat = `/proc/self/task/${process.pid}/stat`;
  // utime and stime are fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux).
  const TICK_MS = 10;
  const mainThreadMs = () => {
    try {
      const text = readFileSync(stat, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      return NaN; // not Linux: the process figure still stands
    }
  };
  const samples = [];
  const sample = () => {
    const u = process.cpuUsage();
    samples.push([Date.now(), mainThreadMs(), (u.user + u.system) / 1000]);
  };
  sample();
  setInterval(sample, 100).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(out, JSON.stringify(samples));
  });
}
