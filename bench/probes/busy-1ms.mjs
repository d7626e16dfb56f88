/** soundcheck probe: the shared 1 ms busy-wait (bench/workloads.mjs), nothing else. */
import { busy1ms } from '../workloads.mjs';

export default {
  id: 'busy_1ms',
  title: 'busy-wait 1 ms',
  description: 'spins on process.hrtime.bigint() for 1 ms',
  defaultIterations: 300,
  target: 'avg<1000ms',
  setup: () => null,
  run: busy1ms,
};
