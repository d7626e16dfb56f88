/**
 * The observer effect of the TUI: does drawing the live screen change what the probes measure?
 * The same probes, same iterations, run by the built CLI alternately headless (stdout a pipe)
 * and with the TUI drawing in a real terminal (tmux, 80×24), round after round, alternating
 * which goes first. Reported: each probe's median (p50) in both modes (medians over rounds) and
 * their ratio, and the CPU the soundcheck process used during the run (main thread: engine
 * bookkeeping + drawing; whole process: with the probe workers).
 *
 *   npm run build && node bench/observer.mjs [--rounds 5] [--iterations 400]
 *                                           [--probes config_loading,audio_processing,string_processing]
 *                                           [--warmup 5] [--json FILE]
 *
 * Needs tmux. Exit code 2 on bad options or a missing build/tmux.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'soundcheck.js');
const sampler = path.join(root, 'bench', 'cpu-sampler.mjs');

function fail(message) {
  process.stderr.write(`observer: ${message}\n`);
  process.exit(2);
}

function options() {
  const o = { rounds: 5, iterations: 400, warmup: 5, probes: 'config_loading,audio_processing,string_processing', json: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in o)) fail(`unknown option ${argv[i]}; allowed: --rounds N --iterations N --warmup N --probes IDS --json FILE`);
    const value = argv[++i];
    if (value === undefined) fail(`${argv[i - 1]} needs a value`);
    if (['rounds', 'iterations', 'warmup'].includes(name)) {
      if (!/^\d+$/.test(value) || (name !== 'warmup' && Number(value) < 1)) fail(`--${name}: '${value}' is not a whole number${name === 'warmup' ? '' : ' ≥ 1'}`);
      o[name] = Number(value);
    } else o[name] = value;
  }
  return o;
}

const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU used between two wall-clock instants, interpolated from the sampler's series. */
function cpuBetween(samples, from, to) {
  const at = (t, k) => {
    if (t <= samples[0][0]) return samples[0][k];
    for (let i = 1; i < samples.length; i++) {
      const [t1] = samples[i];
      if (t <= t1) {
        const [t0] = samples[i - 1];
        const f = t1 === t0 ? 1 : (t - t0) / (t1 - t0);
        return samples[i - 1][k] + f * (samples[i][k] - samples[i - 1][k]);
      }
    }
    return samples.at(-1)[k];
  };
  const wall = to - from;
  return { wallMs: wall, mainPct: ((at(to, 1) - at(from, 1)) / wall) * 100, processPct: ((at(to, 2) - at(from, 2)) / wall) * 100 };
}

/** What one run measured, from its JSON report and its CPU samples. */
function measure(reportFile, samplesFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const samples = JSON.parse(readFileSync(samplesFile, 'utf8'));
  const p50 = Object.fromEntries(Object.entries(report.results).map(([id, r]) => [id, r.p50_ms]));
  return { p50, cpu: cpuBetween(samples, Date.parse(report.started_at), Date.parse(report.finished_at)), passed: report.passed };
}

function runHeadless(o, dir, round) {
  const report = path.join(dir, `headless-${round}.json`);
  const samples = path.join(dir, `headless-${round}.cpu.json`);
  const r = spawnSync(
    process.execPath,
    ['--import', sampler, bin, 'bench', '-p', o.probes, '-n', String(o.iterations), '-w', String(o.warmup), '--json', report],
    { env: { ...process.env, SOUNDCHECK_CPU_SAMPLES: samples, SOUNDCHECK_DATA_DIR: path.join(dir, 'data-h') }, encoding: 'utf8' },
  );
  if (!existsSync(report)) fail(`headless run ${round} wrote no report (exit ${r.status}): ${r.stderr}`);
  return measure(report, samples);
}

async function runTui(o, dir, round) {
  const config = path.join(dir, `config-${round}`);
  const data = path.join(dir, `data-${round}`);
  const samples = path.join(dir, `tui-${round}.cpu.json`);
  const exitFile = path.join(dir, `tui-${round}.exit`);
  mkdirSync(config, { recursive: true });
  // The picker starts with exactly these probes and counts (settings.ts's stored shape).
  const ids = o.probes.split(',');
  writeFileSync(path.join(config, 'settings.json'), JSON.stringify({
    version: 1, mode: 'bench', selected: ids, iterations: Object.fromEntries(ids.map((id) => [id, o.iterations])), targets: {},
  }));
  const socket = `soundcheck-observer-${process.pid}-${round}`;
  const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const env = `SOUNDCHECK_CONFIG_DIR=${config} SOUNDCHECK_DATA_DIR=${data} SOUNDCHECK_CPU_SAMPLES=${samples}`;
  const command = `env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${env} ${process.execPath} --import ${sampler} ${bin} -w ${o.warmup}; echo $? > ${exitFile}; sleep 600`;
  tmux('new-session', '-d', '-s', 'main', '-x', '80', '-y', '24', command);
  const waitFor = async (what, ok, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (ok(tmux('capture-pane', '-p', '-t', 'main'))) return;
      await sleep(100);
    }
    throw new Error(`TUI round ${round}: timed out waiting for ${what}`);
  };
  try {
    await waitFor('the picker', (s) => s.includes('enter start'));
    tmux('send-keys', '-t', 'main', 'Enter');
    await waitFor('the summary', (s) => s.includes('r rerun'));
    tmux('send-keys', '-t', 'main', 'q');
    const deadline = Date.now() + 15_000;
    while (!(existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim()) && Date.now() < deadline) await sleep(50);
  } finally {
    try { tmux('kill-server'); } catch { /* gone */ }
  }
  const reports = path.join(data, 'reports');
  const json = readdirSync(reports).find((f) => f.endsWith('.json'));
  return measure(path.join(reports, json), samples);
}

const fmt = (v, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  return [line(headers), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const o = options();
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) fail('dist/ is not built; run npm run build first');
  if (spawnSync('tmux', ['-V']).status !== 0) fail('tmux is needed to draw the TUI in a real terminal (apt-get install tmux)');
  const dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-observer-'));
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stderr.write(`observer: ${o.rounds} rounds of ${o.probes} × ${o.iterations} (warmup ${o.warmup}); load average ${load}\n`);
  const runs = { headless: [], tui: [] };
  try {
    for (let round = 0; round < o.rounds; round++) {
      // Alternate who goes first, so a drift of the machine over time hits both modes alike.
      const order = round % 2 === 0 ? ['headless', 'tui'] : ['tui', 'headless'];
      for (const mode of order) {
        const r = mode === 'headless' ? runHeadless(o, dir, round) : await runTui(o, dir, round);
        runs[mode].push(r);
        process.stderr.write(`  round ${round + 1} ${mode.padEnd(8)} ${Object.entries(r.p50).map(([id, v]) => `${id} p50 ${fmt(v)} ms`).join('  ')}  main thread ${fmt(r.cpu.mainPct, 1)} %\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const ids = o.probes.split(',');
  const rows = ids.map((id) => {
    const h = median(runs.headless.map((r) => r.p50[id]));
    const t = median(runs.tui.map((r) => r.p50[id]));
    return { id, h, t, ratio: t / h };
  });
  const cpu = (mode, key) => median(runs[mode].map((r) => r.cpu[key]));
  const result = {
    options: o,
    load_before: load,
    load_after: loadavg().map((l) => l.toFixed(2)).join(' '),
    probes: rows.map((r) => ({ id: r.id, headless_p50_ms: r.h, tui_p50_ms: r.t, ratio: r.ratio })),
    cpu: {
      tui_main_thread_percent: cpu('tui', 'mainPct'),
      headless_main_thread_percent: cpu('headless', 'mainPct'),
      tui_process_percent: cpu('tui', 'processPct'),
      headless_process_percent: cpu('headless', 'processPct'),
    },
    rounds: runs,
  };

  const out = o.json === '-' ? process.stderr : process.stdout;
  out.write('\nMedian latency (p50), median over rounds\n');
  out.write(table(['probe', 'headless ms', 'TUI ms', 'TUI / headless'], rows.map((r) => [r.id, fmt(r.h, 4), fmt(r.t, 4), fmt(r.ratio, 3)])) + '\n');
  out.write('\nCPU of the soundcheck process during the run (% of one core, median over rounds)\n');
  out.write(table(['', 'main thread', 'whole process'], [
    ['headless', fmt(result.cpu.headless_main_thread_percent, 1), fmt(result.cpu.headless_process_percent, 1)],
    ['TUI', fmt(result.cpu.tui_main_thread_percent, 1), fmt(result.cpu.tui_process_percent, 1)],
    ['TUI − headless', fmt(result.cpu.tui_main_thread_percent - result.cpu.headless_main_thread_percent, 1), fmt(result.cpu.tui_process_percent - result.cpu.headless_process_percent, 1)],
  ]) + '\n');
  out.write(`\nload average before ${result.load_before}, after ${result.load_after}\n`);
  if (o.json) {
    const text = JSON.stringify(result, null, 2) + '\n';
    if (o.json === '-') process.stdout.write(text);
    else writeFileSync(o.json, text);
  }
}

main().catch((e) => {
  process.stderr.write(`observer: ${e.stack ?? e}\n`);
  process.exit(1);
});
