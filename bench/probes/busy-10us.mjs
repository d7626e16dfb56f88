/** soundcheck probe: the shared 10 µs busy-wait (bench/workloads.mjs), nothing else. */
import { busy10us } from '../workloads.mjs';

export default {
  id: 'busy_10us',
  title: 'busy-wait 10 µs',
  description: 'spins on process.hrtime.bigint() for 10 µs',
  defaultIterations: 2000,
  target: 'avg<1000ms',
  setup: () => null,
  run: busy10us,
};
