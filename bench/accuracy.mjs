#!/usr/bin/env node
/**
 * soundcheck's accuracy benchmark (npm run bench): how far soundcheck's figures are from peers'
 * on the very same functions, in one run.
 *
 *   (1) median latency of calibrated workloads (busy-waits of 10 µs, 100 µs, 1 ms and a real
 *       SQLite insert): soundcheck's reported p50 vs mitata's p50. Aim: within ±3 %.
 *   (2) per-iteration harness overhead on an empty function: soundcheck's empty probe vs
 *       tinybench's, both as the tools report it (timed mean/p50) and as wall-clock cost of one
 *       turn of the measuring loop.
 *
 * soundcheck runs each probe in its own worker thread (the engine's real path: runBench from
 * dist/); mitata and tinybench run in this main thread. Both sides import bench/workloads.mjs.
 * Each comparison is repeated over several rounds; within a round the two tools measure a
 * workload back to back, in alternating order. Figures printed are medians over the rounds, and
 * a ratio is the median of the rounds' paired ratios.
 *
 * Usage: node bench/accuracy.mjs [--rounds N] [--json FILE|-] [--strict]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// mitata's README: run with manual gc exposed (it collects once before each benchmark; without
// it, it "collects" by allocating a 1 GiB array). Re-run ourselves with the flag if missing, so
// a plain `node bench/accuracy.mjs` (the npm script) does the right thing.
if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const USAGE = `usage: node bench/accuracy.mjs [--rounds N] [--json FILE|-] [--strict]
  --rounds N    repeat every comparison N times (default 5); the medians of the rounds are reported
  --json FILE   also write all figures (every round) as JSON to FILE; '-' writes the JSON to stdout
                and the tables to stderr
  --strict      exit 1 when a workload's like-for-like median is outside ±3 % of mitata's`;

function parseArgs(argv) {
  const o = { rounds: 5, json: null, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usageError(`${a} needs a value`);
      return v;
    };
    if (a === '--rounds') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) usageError(`--rounds must be a whole number ≥ 1, got '${v}'`);
      o.rounds = Number(v);
    } else if (a === '--json') o.json = value();
    else if (a === '--strict') o.strict = true;
    else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else usageError(`unknown option '${a}'`);
  }
  return o;
}
function usageError(msg) {
  console.error(`accuracy: ${msg}\n${USAGE}`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
if (opts.json && opts.json !== '-') {
  // Fail now, not after the whole run, when the JSON cannot be written there.
  try { closeSync(openSync(opts.json, 'a')); } catch (e) { usageError(`--json: cannot write '${opts.json}': ${e.code ?? e.message}`); }
}
const out = opts.json === '-' ? console.error : console.log;
const progress = (msg) => process.stderr.write(`  · ${msg}\n`);

let runBench;
try {
  ({ runBench } = await import('../dist/engine/bench.js'));
} catch (e) {
  console.error(`accuracy: cannot load soundcheck's engine from dist/engine/bench.js (${e.message}); build it first: npm run build`);
  process.exit(2);
}
const { B, measure } = await import('mitata');
const { Bench } = await import('tinybench');
const { busy10us, busy100us, busy1ms, empty, openSqliteInsert } = await import('./workloads.mjs');

const TOLERANCE = 0.03;
const WARMUP = 50;
const EMPTY_ITERATIONS = 100_000;

/**
 * mitata's databases are deleted at the very end, not after each measurement: deleting tens of MB
 * makes the file system busy for a moment, which would land on the next measurement.
 */
const leftovers = [];
process.on('exit', () => { for (const d of leftovers) rmSync(d, { recursive: true, force: true }); });

/** The calibrated workloads. `open()` gives the zero-argument function mitata times and a cleanup. */
const WORKLOADS = [
  { id: 'busy_10us', label: 'busy-wait 10 µs', file: 'busy-10us.mjs', iterations: 2000, open: () => ({ fn: busy10us }) },
  { id: 'busy_100us', label: 'busy-wait 100 µs', file: 'busy-100us.mjs', iterations: 1000, open: () => ({ fn: busy100us }) },
  { id: 'busy_1ms', label: 'busy-wait 1 ms', file: 'busy-1ms.mjs', iterations: 300, open: () => ({ fn: busy1ms }) },
  // 20 000, not 2 000: on a shared box inserts have slow spells (20-30 % slower, lasting from tens
  // of ms to a second or two); the median of 0.2 s of inserts rides out the short ones, that of
  // 20 ms does not. (The database is primed past its first WAL checkpoint when opened: see
  // openSqliteInsert.)
  {
    id: 'sqlite_insert', label: 'SQLite insert (WAL)', file: 'sqlite-insert.mjs', iterations: 20000,
    open: () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'soundcheck-accuracy-'));
      leftovers.push(dir);
      const s = openSqliteInsert(dir);
      return { fn: s.insert, close: () => s.close() };
    },
  },
];
const EMPTY = { id: 'empty', file: 'empty.mjs' };

const probeInfo = (w) => ({
  id: w.id, title: w.label ?? w.id, description: `accuracy benchmark: ${w.id}`, defaultIterations: w.iterations ?? 1,
  target: 'avg<1000ms', moduleUrl: new URL(`./probes/${w.file}`, import.meta.url).href,
});
const PROBES = [...WORKLOADS, EMPTY].map(probeInfo);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const msToNs = (ms) => ms * 1e6;

/** Runs a plan through soundcheck's real engine; throws when a probe did not produce clean samples. */
async function soundcheck(items) {
  const plan = {
    probes: items.map((w) => ({ id: w.id, iterations: w.iterations, target: 'avg<1000ms' })),
    warmup: WARMUP, timeoutMs: 30_000, options: {},
  };
  const res = await runBench(plan, { probes: PROBES, assetsDir: os.tmpdir() });
  const byId = {};
  for (const r of res.results) {
    if (!r.stats || r.errors.length > 0 || r.samplesCount !== r.iterations) {
      throw new Error(`soundcheck probe ${r.probeId} did not measure cleanly: ${r.errors.map((e) => e.message).join('; ') || `${r.samplesCount}/${r.iterations} samples`}`);
    }
    byId[r.probeId] = r;
  }
  return byId;
}

// ---------------------------------------------------------------- (1) medians vs mitata

/**
 * mitata as `run()` would measure one benchmark: `run()` calls each registered benchmark's
 * `B#run()` (mitata's documented building block) after ~2.5 s of its own calibration for the
 * display; calling `B#run()` directly gives the same stats without that gap, so the soundcheck
 * measurement it is paired with runs right before or after it.
 */
async function mitataDefault(w) {
  const o = w.open();
  try {
    const trial = await new B(w.id, o.fn).run(true);
    const st = trial.runs[0].stats;
    // ticks = calls timed; more calls than samples means mitata batched them (≤ 65.5 µs each).
    return { p50: st.p50, avg: st.avg, samples: st.samples.length, calls: st.ticks, batched: st.ticks > st.samples.length };
  } finally {
    o.close?.();
  }
}

/** mitata with batching off: one call per sample, the same statistic as soundcheck's. */
async function mitataPerCall(w) {
  const o = w.open();
  try {
    const st = await measure(o.fn, { batch_threshold: 0 });
    return { p50: st.p50, samples: st.samples.length };
  } finally {
    o.close?.();
  }
}

// ------------------------------------------------------- (2) empty-function overhead vs tinybench

async function soundcheckEmpty() {
  const r = (await soundcheck([{ ...EMPTY, iterations: EMPTY_ITERATIONS }])).empty;
  const loopNs = r.check?.metrics?.loop_ns;
  return {
    meanNs: msToNs(r.stats.mean), p50Ns: msToNs(r.stats.p50), samples: r.samplesCount,
    // setup end → loop end, over warmup + timed iterations (warmup is 0.05 % of them).
    wallPerIterNs: loopNs / (WARMUP + EMPTY_ITERATIONS),
  };
}

async function tinybenchEmpty(sync) {
  let t0 = 0n;
  let t1 = 0n;
  const b = new Bench({ time: 0, iterations: EMPTY_ITERATIONS, warmupIterations: WARMUP, warmupTime: 0, throws: true });
  b.add('empty', empty, {
    beforeAll(mode) { if (mode === 'run') t0 = process.hrtime.bigint(); },
    afterAll(mode) { if (mode === 'run') t1 = process.hrtime.bigint(); },
  });
  if (sync) b.runSync(); else await b.run();
  const task = b.tasks[0];
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`tinybench task ${r.state}: ${r.error?.message ?? ''}`);
  return {
    meanNs: msToNs(r.latency.mean), p50Ns: msToNs(r.latency.p50), samples: r.latency.samplesCount,
    wallPerIterNs: Number(t1 - t0) / task.runs, clock: r.timestampProviderName,
  };
}

// ------------------------------------------------------------------------------ formatting

function fmtNs(ns) {
  if (ns == null || !Number.isFinite(ns)) return '—';
  if (ns < 1e3) return `${ns.toFixed(1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(3)} µs`;
  return `${(ns / 1e6).toFixed(3)} ms`;
}
function table(headers, rows, right) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (right[i] ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
  return [line(headers), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
const within = (ratio) => Math.abs(ratio - 1) <= TOLERANCE;

// ------------------------------------------------------------------------------ the run

const startedAt = new Date();
const cpus = os.cpus();
const loadBefore = os.loadavg();
out(`soundcheck accuracy benchmark · ${startedAt.toISOString()}`);
out(`host: ${os.hostname()} · ${cpus[0]?.model ?? '?'} × ${cpus.length} · ${os.platform()} ${os.arch()} · Node ${process.version} · load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
out(`soundcheck: runBench (dist/) — each probe in its own worker thread, process.hrtime.bigint() around each iteration, warmup ${WARMUP}.`);
out(`mitata and tinybench run in this main thread (expected: a worker's clock and CPU are the same). Same functions: bench/workloads.mjs.`);
out(`${opts.rounds} round(s); in each, every workload is measured by both tools back to back, in alternating order.\n`);

// Each round measures every workload with both tools back to back (a slow spell of the machine
// then hits both sides of a pair, not one), soundcheck first or last in turn.
const rounds1 = [];
const batches = {}; // workload id → whether mitata batched it (then a per-call run is taken too)
for (let r = 0; r < opts.rounds; r++) {
  const items = r % 2 === 0 ? WORKLOADS : [...WORKLOADS].reverse();
  const round = { order: {}, soundcheck: {}, mitata: {} };
  for (const w of items) {
    const scFirst = (r + WORKLOADS.indexOf(w)) % 2 === 0; // per workload: alternates round to round
    progress(`round ${r + 1}/${opts.rounds}: ${w.id}, ${scFirst ? 'soundcheck then mitata' : 'mitata then soundcheck'}`);
    const sc = async () => {
      const p = (await soundcheck([w]))[w.id];
      round.soundcheck[w.id] = {
        p50: msToNs(p.stats.p50), mean: msToNs(p.stats.mean), min: msToNs(p.stats.min), samples: p.samplesCount, warnings: p.warnings,
      };
    };
    // mitata's per-call run (if any) sits next to soundcheck's, in both orders.
    const mt = async (perCallFirst) => {
      let d;
      let pc;
      if (!perCallFirst) d = await mitataDefault(w);
      if (batches[w.id] !== false) pc = await mitataPerCall(w);
      if (perCallFirst) d = await mitataDefault(w);
      batches[w.id] = d.batched;
      if (!d.batched) pc = { p50: d.p50, samples: d.samples };
      round.mitata[w.id] = { ...d, perCallP50: pc.p50, perCallSamples: pc.samples };
    };
    round.order[w.id] = scFirst ? ['soundcheck', 'mitata'] : ['mitata', 'soundcheck'];
    if (scFirst) { await sc(); await mt(true); } else { await mt(false); await sc(); }
  }
  rounds1.push(round);
}

const rounds2 = [];
for (let r = 0; r < opts.rounds; r++) {
  const order = r % 2 === 0 ? ['soundcheck', 'tinybench', 'tinybench-sync'] : ['tinybench-sync', 'tinybench', 'soundcheck'];
  const round = { order };
  for (const tool of order) {
    progress(`round ${r + 1}/${opts.rounds}: empty function, ${tool}`);
    if (tool === 'soundcheck') round.soundcheck = await soundcheckEmpty();
    else if (tool === 'tinybench') round.tinybench = await tinybenchEmpty(false);
    else round.tinybenchSync = await tinybenchEmpty(true);
  }
  rounds2.push(round);
}
process.stderr.write('\n');

// (1) summary. The ratio is the median of the rounds' ratios (each from a back-to-back pair), not
// the ratio of the medians: a slow spell that lifts both sides of one pair then cancels out.
const accuracy = WORKLOADS.map((w) => {
  const roundRatios = rounds1.map((r) => r.soundcheck[w.id].p50 / r.mitata[w.id].p50);
  const roundPerCall = rounds1.map((r) => r.soundcheck[w.id].p50 / r.mitata[w.id].perCallP50);
  const ratio = median(roundRatios);
  const perCall = median(roundPerCall);
  return {
    workload: w.id, label: w.label, iterations: w.iterations,
    soundcheck_p50_ns: median(rounds1.map((r) => r.soundcheck[w.id].p50)),
    soundcheck_mean_ns: median(rounds1.map((r) => r.soundcheck[w.id].mean)),
    mitata_p50_ns: median(rounds1.map((r) => r.mitata[w.id].p50)),
    ratio, within_3pct: within(ratio), round_ratios: roundRatios,
    mitata_batched: rounds1.some((r) => r.mitata[w.id].batched),
    mitata_per_call_p50_ns: median(rounds1.map((r) => r.mitata[w.id].perCallP50)),
    per_call_ratio: perCall, per_call_within_3pct: within(perCall), round_per_call_ratios: roundPerCall,
  };
});

out('(1) median latency, soundcheck vs mitata on the same function (aim: within ±3 %)');
out(`    p50 columns: medians of the rounds · ratio: soundcheck / mitata, the median of the rounds' ratios`);
out(table(
  ['workload', 'iterations', 'soundcheck p50', 'mitata p50', 'ratio', '±3 %', 'ratio per round'],
  accuracy.map((a) => [
    a.label, a.iterations, fmtNs(a.soundcheck_p50_ns), fmtNs(a.mitata_p50_ns) + (a.mitata_batched ? ' *' : ''),
    a.ratio.toFixed(3), a.within_3pct ? 'yes' : 'NO', a.round_ratios.map((x) => x.toFixed(3)).join(' '),
  ]),
  [false, true, true, true, true, false, false],
));
const batchedRows = accuracy.filter((a) => a.mitata_batched);
if (batchedRows.length > 0) {
  out(`\n* mitata times calls shorter than ~65 µs in batches of 4096 and reports the median of the batch means:`);
  out(`  for a skewed workload that is close to the mean, not the median. Like for like (mitata with batching off,`);
  out(`  one call per sample, as soundcheck samples):`);
  out(table(
    ['workload', 'soundcheck p50', 'mitata per-call p50', 'ratio', '±3 %', 'ratio per round'],
    batchedRows.map((a) => [
      a.label, fmtNs(a.soundcheck_p50_ns), fmtNs(a.mitata_per_call_p50_ns), a.per_call_ratio.toFixed(3),
      a.per_call_within_3pct ? 'yes' : 'NO', a.round_per_call_ratios.map((x) => x.toFixed(3)).join(' '),
    ]),
    [false, true, true, true, false, false],
  ));
}

// (2) summary
const tool2 = (key, label, clock) => ({
  tool: label, clock,
  mean_ns: median(rounds2.map((r) => r[key].meanNs)),
  p50_ns: median(rounds2.map((r) => r[key].p50Ns)),
  wall_per_iteration_ns: median(rounds2.map((r) => r[key].wallPerIterNs)),
  samples: rounds2[0][key].samples,
});
const overhead = [
  tool2('soundcheck', 'soundcheck (worker)', 'process.hrtime.bigint'),
  tool2('tinybench', 'tinybench run()', rounds2[0].tinybench.clock),
  tool2('tinybenchSync', 'tinybench runSync()', rounds2[0].tinybenchSync.clock),
];
out(`\n(2) harness overhead per iteration on an empty function (${EMPTY_ITERATIONS} iterations, warmup ${WARMUP})`);
out(table(
  ['tool', 'clock', 'reported mean', 'reported p50', 'wall per iteration'],
  overhead.map((o) => [o.tool, o.clock, fmtNs(o.mean_ns), fmtNs(o.p50_ns), fmtNs(o.wall_per_iteration_ns)]),
  [false, false, true, true, true],
));
out(`  reported: what the tool says an empty call takes (its clock reads and bookkeeping inside the timed window:`);
out(`  the floor under every sample it reports). wall per iteration: elapsed time of the whole measuring loop /`);
out(`  iterations (what one sample costs in real time; soundcheck: setup end → loop end inside the worker,`);
out(`  tinybench: its beforeAll → afterAll hooks of the run phase).`);

const loadAfter = os.loadavg();
out(`\nload average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')} · after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} · ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);

const offTarget = accuracy.filter((a) => !(a.mitata_batched ? a.per_call_within_3pct : a.within_3pct));
if (opts.json) {
  const doc = {
    tool: 'soundcheck-accuracy', started_at: startedAt.toISOString(), finished_at: new Date().toISOString(),
    host: { hostname: os.hostname(), cpu_model: cpus[0]?.model, cpus: cpus.length, platform: os.platform(), arch: os.arch(), node: process.version, load_before: loadBefore, load_after: loadAfter },
    settings: { rounds: opts.rounds, warmup: WARMUP, tolerance: TOLERANCE, empty_iterations: EMPTY_ITERATIONS },
    accuracy, overhead, rounds: { accuracy: rounds1, overhead: rounds2 },
  };
  const text = JSON.stringify(doc, null, 2) + '\n';
  if (opts.json === '-') process.stdout.write(text);
  else writeFileSync(opts.json, text);
}
process.exitCode = opts.strict && offTarget.length > 0 ? 1 : 0;
