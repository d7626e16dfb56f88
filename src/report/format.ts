/** Number formatting shared by every human-readable output (text, Markdown, TUI). */

/** A latency in ms, in the unit that keeps 3–4 significant digits (as hyperfine does). */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (a < 1) return `${(ms * 1000).toFixed(a < 0.01 ? 2 : 1)} µs`;
  if (a < 1000) return `${ms.toFixed(a < 10 ? 3 : a < 100 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Round for machine-readable reports: enough digits for µs-level probes, no float noise. */
export function round(v: number | null | undefined, digits = 6): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmtBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
