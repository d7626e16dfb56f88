/** soundcheck probe: the shared 100 µs busy-wait (bench/workloads.mjs), nothing else. */
import { busy100us } from '../workloads.mjs';

export default {
  id: 'busy_100us',
  title: 'busy-wait 100 µs',
  description: 'spins on process.hrtime.bigint() for 100 µs',
  defaultIterations: 1000,
  target: 'avg<1000ms',
  setup: () => null,
  run: busy100us,
};
