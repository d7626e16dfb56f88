/**
 * Keeps a finished bench in the run store beside the soaks, so `soundcheck report` can find
 * every run. A store that cannot be opened (a read-only home, say) costs a warning, never the
 * results.
 */
import path from 'node:path';
import type { BenchResult } from '../engine/types.js';
import { dataDir } from '../paths.js';
import { benchToJson } from './json.js';

/** Returns null when saved, else why not: the caller decides where a warning can be shown. */
export async function saveBenchRun(result: BenchResult): Promise<string | null> {
  try {
    const { RunStore } = await import('../engine/store.js');
    const store = new RunStore(path.join(dataDir(), 'soundcheck.db'));
    try {
      store.createRun({ id: result.runId, kind: 'bench', startedAt: result.startedAt, plan: result.plan, host: result.host });
      store.finishRun(result.runId, result.stopped ? 'stopped' : 'finished', result.finishedAt, benchToJson(result));
    } finally {
      store.close();
    }
    return null;
  } catch (e) {
    return `could not save the run in the store: ${(e as Error).message}`;
  }
}
