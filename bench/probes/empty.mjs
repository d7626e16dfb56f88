/**
 * soundcheck probe: the shared empty workload. Its samples are soundcheck's per-iteration
 * timing overhead. verify() (run by the worker right after the timed loop) also reports the
 * wall-clock time from the end of setup to the end of the loop, which bench/accuracy.mjs divides
 * by warmup + iterations: the whole cost of one turn of the worker's loop, clock reads,
 * atomics and sample store included, without touching run() itself.
 */
import { empty } from '../workloads.mjs';

export default {
  id: 'empty',
  title: 'empty',
  description: 'does nothing: the harness overhead',
  defaultIterations: 100000,
  target: 'avg<1000ms',
  setup: () => ({ setupEnd: process.hrtime.bigint() }),
  run: empty,
  verify: (s) => {
    const loopNs = Number(process.hrtime.bigint() - s.setupEnd);
    return { ok: true, message: 'loop timed', metrics: { loop_ns: loopNs } };
  },
};
