import type { SoakReport } from '../engine/soak-report.js';
import { fmtMs } from './format.js';
import { renderTable } from './summary.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

export function criterionCell(c: SoakReport['criteria'][number]): string {
  const value = c.measured === null ? '—' : `${c.measured}${c.unit ? ` ${c.unit}` : ''}`;
  return !c.judged ? `${value} (not judged)` : value;
}

export function verdictLine(r: SoakReport): string {
  const s = r.summary;
  const head = r.status === 'finished' ? (r.passed ? 'PASS' : 'FAIL') : `${r.passed ? 'PASS' : 'FAIL'} (${r.status})`;
  return `${head} — ${s.total_interactions} interactions, ${s.failed_interactions} failed (${s.error_rate_percent} %), ${s.crashes} crash${s.crashes === 1 ? '' : 'es'}, p95 ${fmtMs(s.latency_ms.p95_ms)}, over ${r.test_info.duration_seconds} s`;
}

export function criteriaRows(r: SoakReport): string[][] {
  return r.criteria.map((c) => [c.expr, criterionCell(c), !c.judged ? 'n/a' : c.ok ? 'PASS' : 'FAIL']);
}

export function renderSoakText(r: SoakReport): string {
  const lines = [renderTable(['Criterion', 'Measured', 'Status'], criteriaRows(r)), ''];
  for (const c of r.criteria) if (c.note) lines.push(`note: ${c.expr}: ${c.note}`);
  lines.push(verdictLine(r));
  return lines.join('\n') + '\n';
}

export function renderSoakMarkdown(r: SoakReport): string {
  const s = r.summary;
  const ti = r.test_info;
  const out: string[] = [];
  out.push(`# soundcheck soak — ${r.passed ? 'PASS' : 'FAIL'}${r.status !== 'finished' ? ` (${r.status})` : ''}`, '');
  out.push(`- Run: \`${r.run_id}\`, ${ti.start_time} → ${ti.end_time} (${ti.duration_seconds} s of ${ti.planned_duration_seconds} s planned${ti.quick ? ', quick' : ''})`);
  out.push(`- Probe: \`${ti.probe}\` at ${ti.rate_per_s > 0 ? `${ti.rate_per_s}/s` : 'full speed'}; health every ${ti.health_interval_seconds} s, checkpoints every ${ti.checkpoint_interval_seconds} s, timeout ${ti.timeout_seconds} s`);
  out.push(`- Host: ${r.host.hostname}, ${r.host.platform}/${r.host.arch}, ${r.host.cpus} × ${r.host.cpuModel}, Node ${r.host.node}`);
  out.push('', '## Verdict', '', '| Criterion | Measured | Status |', '|:---|---:|:---:|');
  for (const row of criteriaRows(r)) out.push(`| ${row.map(esc).join(' | ')} |`);
  out.push('', '## Summary', '');
  out.push(`| Interactions | Successful | Failed | Error rate | Crashes | Errors | Mean | p50 | p95 | p99 | Max | Max backlog |`);
  out.push(`|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  const l = s.latency_ms;
  out.push(`| ${s.total_interactions} | ${s.successful_interactions} | ${s.failed_interactions} | ${s.error_rate_percent} % | ${s.crashes} | ${s.errors_count} | ${fmtMs(l.mean_ms)} | ${fmtMs(l.p50_ms)} | ${fmtMs(l.p95_ms)} | ${fmtMs(l.p99_ms)} | ${fmtMs(l.max_ms)} | ${s.max_backlog} |`);
  const stages = Object.entries(r.stages);
  if (stages.length) {
    out.push('', '## Stages', '', '| Stage | Mean | p50 | p95 | p99 | Max |', '|:---|---:|---:|---:|---:|---:|');
    for (const [name, st] of stages) out.push(`| ${name} | ${fmtMs(st.mean_ms)} | ${fmtMs(st.p50_ms)} | ${fmtMs(st.p95_ms)} | ${fmtMs(st.p99_ms)} | ${fmtMs(st.max_ms)} |`);
  }
  const h = r.health;
  out.push('', '## Health', '');
  out.push(`- Memory growth (fitted slope of RSS after warm-up): ${h.memory_growth_mb_per_hour ?? '—'} MB/h (${h.memory_growth_mb_per_8h ?? '—'} MB per 8 h)`);
  out.push(`- CPU (soundcheck, % of one core): average ${h.cpu_average_percent ?? '—'} %, peak ${h.cpu_peak_percent ?? '—'} %`);
  if (h.intervals.length) {
    out.push('', '| Interval | RSS avg/max MB | of which interaction process | CPU avg/max % | System CPU avg % | Loop delay avg/max ms | Load | Free MB | Temp °C | Freq MHz |', '|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const i of h.intervals) {
      out.push(`| ${i.from_s}–${i.to_s} s | ${i.rss_mb.avg}/${i.rss_mb.max} | ${i.child_rss_mb?.avg ?? '—'} | ${i.cpu_percent.avg}/${i.cpu_percent.max} | ${i.system_cpu_percent.avg} | ${i.loop_delay_ms.avg}/${i.loop_delay_ms.max} | ${i.load1.avg} | ${i.free_mem_mb.min} | ${i.temp_c?.max ?? '—'} | ${i.freq_mhz?.avg ?? '—'} |`);
    }
  }
  if (r.checkpoints.length) {
    out.push('', '## Checkpoints', '', '| # | Elapsed | Interactions | Failed | Rate /s | Interval p50 | Interval p95 | Cumulative p95 | Errors so far |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of r.checkpoints) {
      const st = c.statistics;
      out.push(`| ${c.index} | ${c.elapsed_seconds} s | ${st.total_interactions} | ${st.failed_interactions} | ${st.rate_per_s} | ${fmtMs(st.interval.p50_ms)} | ${fmtMs(st.interval.p95_ms)} | ${fmtMs(st.cumulative.p95_ms)} | ${st.errors_so_far} |`);
    }
  }
  if (r.crashes.length) {
    out.push('', '## Crashes', '', '| Time | Type | Interaction | Message |', '|:---|:---|---:|:---|');
    for (const c of r.crashes) out.push(`| ${c.timestamp} | ${c.type} | ${c.interaction ?? '—'} | ${esc(c.message)} |`);
  }
  if (r.errors.length) {
    out.push('', `## Errors (${s.errors_count}${s.errors_count > r.errors.length ? `, first ${r.errors.length} kept` : ''})`, '', '| Time | Type | Error |', '|:---|:---|:---|');
    for (const e of r.errors.slice(0, 50)) out.push(`| ${e.timestamp} | ${e.type} | ${esc(e.error)} |`);
    if (r.errors.length > 50) out.push(`| … | | ${r.errors.length - 50} more in the JSON report |`);
  }
  out.push('');
  return out.join('\n');
}
