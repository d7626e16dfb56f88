/**
 * Keeps a finished bench in the run store beside the soaks, so `soundcheck report` can find
 * every run. A store that cannot be opened (a read-only home, say) costs a warning, never the
 * results.
 */
import path from 'node:path';
import type { BenchResult } from '../engine/types.js';
import { dataDir } from '../paths.js';
import { benchToJson } from './json.js';

export async function saveBenchRun(result: BenchResult, warn: (s: string) => void): Promise<void> {
  try {
    const { RunStore } = await import('../engine/store.js');
    const store = new RunStore(path.join(dataDir(), 'soundcheck.db'));
    try {
      store.createRun({ id: result.runId, kind: 'bench', startedAt: result.startedAt, plan: result.plan, host: result.host });
      store.finishRun(result.runId, result.stopped ? 'stopped' : 'finished', result.finishedAt, benchToJson(result));
    } finally {
      store.close();
    }
  } catch (e) {
    warn(`soundcheck: warning: could not save the run in the store: ${(e as Error).message}\n`);
  }
}
