/**
 * Accelerated soak: the light fixture interaction back to back (no pacing) for at least
 * 200 000 interactions, through the real soak engine (supervised child process, HDR histograms,
 * SQLite store). What it shows is soundcheck's own footprint: the supervisor's RSS growth over
 * the run and the store's size, which must stay flat however long a soak runs.
 *
 *   npm run bench:soak [-- --interactions 200000 --health-interval 2s]
 */
import { mkdtempSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSoak } from '../dist/engine/soak.js';
import { RunStore } from '../dist/engine/store.js';
import { mergeCriteria } from '../dist/engine/criteria.js';
import { assetsDir } from '../dist/probes/registry.js';
import { parseDuration } from '../dist/engine/duration.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const target = Number(arg('interactions', '200000'));
const healthIntervalMs = parseDuration(arg('health-interval', '2s'));

const dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-bench-'));
const dbFile = path.join(dir, 'runs.db');
const store = new RunStore(dbFile);
const probeUrl = pathToFileURL(path.resolve(import.meta.dirname, '../test/fixtures/soak/light.mjs')).href;
const controller = new AbortController();

const mb = (b) => b / 1024 / 1024;
const rss = []; // [seconds, supervisor RSS MB]
const heap = []; // supervisor heap used after a full GC, MB (with --expose-gc)
const t0 = performance.now();
let lastPrint = 0;
const sink = (e) => {
  if (e.type !== 'soak-tick') return;
  const t = (performance.now() - t0) / 1000;
  rss.push([t, mb(process.memoryUsage().rss)]);
  if (e.tick.total >= target && !controller.signal.aborted) controller.abort();
  if (t - lastPrint >= 5) {
    lastPrint = t;
    globalThis.gc?.();
    const m = process.memoryUsage();
    if (globalThis.gc) heap.push(mb(m.heapUsed));
    console.log(`${t.toFixed(0).padStart(4)} s  ${String(e.tick.total).padStart(7)} interactions  supervisor RSS ${mb(m.rss).toFixed(1)} MB, heap used ${mb(m.heapUsed).toFixed(1)} MB${globalThis.gc ? " (after GC)" : ""}  child RSS ${e.tick.health.childRssMb.toFixed(1)} MB`);
  }
};

console.log(`accelerated soak: light interaction back to back until ${target} interactions (store ${dbFile})`);
const report = await runSoak(
  {
    probe: { id: 'light', moduleUrl: probeUrl, target: 'p(95)<10ms' },
    durationMs: 3_600_000, rate: 0, healthIntervalMs, checkpointIntervalMs: 10_000, timeoutMs: 10_000,
    criteria: mergeCriteria('p(95)<10ms'), quick: false, options: {}, maxHeapMb: 256,
  },
  { store, assetsDir, sinks: [sink], signal: controller.signal },
);
store.close();

// Least-squares slope of the supervisor's RSS after the first 20 % of the run (warm-up).
const after = rss.filter(([t]) => t >= rss.at(-1)[0] * 0.2);
const n = after.length;
const mx = after.reduce((a, [x]) => a + x, 0) / n;
const my = after.reduce((a, [, y]) => a + y, 0) / n;
const slope = after.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / after.reduce((a, [x]) => a + (x - mx) ** 2, 0);
const wallS = (performance.now() - t0) / 1000;
const dbBytes = statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);

console.log('');
console.log(`interactions            ${report.summary.total_interactions} (${(report.summary.total_interactions / wallS).toFixed(0)}/s over ${wallS.toFixed(1)} s)`);
console.log(`failed / crashes        ${report.summary.failed_interactions} / ${report.summary.crashes}`);
console.log(`latency p50/p95/p99     ${report.summary.latency_ms.p50_ms} / ${report.summary.latency_ms.p95_ms} / ${report.summary.latency_ms.p99_ms} ms`);
console.log(`supervisor RSS          first ${rss[0][1].toFixed(1)} MB, last ${rss.at(-1)[1].toFixed(1)} MB, max ${Math.max(...rss.map(([, y]) => y)).toFixed(1)} MB`);
const at = (f) => rss[Math.min(rss.length - 1, Math.floor(f * (rss.length - 1)))][1].toFixed(1);
console.log(`supervisor RSS by time  25 %: ${at(0.25)} MB, 50 %: ${at(0.5)} MB, 75 %: ${at(0.75)} MB, 100 %: ${at(1)} MB`);
if (heap.length) console.log(`supervisor heap after GC min ${Math.min(...heap).toFixed(1)} MB, max ${Math.max(...heap).toFixed(1)} MB, last ${heap.at(-1).toFixed(1)} MB`);
console.log(`supervisor RSS slope    ${(slope * 60).toFixed(3)} MB/min after warm-up (${(slope * 1e5 / (report.summary.total_interactions / wallS)).toFixed(4)} MB per 100 000 interactions)`);
console.log(`engine memory criterion ${report.health.memory_growth_mb_per_hour} MB/h (soundcheck total, both processes)`);
console.log(`store                   ${(dbBytes / 1024).toFixed(1)} KiB for ${report.checkpoints.length} checkpoints, ${report.health.intervals.length} health intervals (${(dbBytes / report.summary.total_interactions).toFixed(3)} bytes per interaction)`);
