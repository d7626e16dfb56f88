/** Durations as users type them: `500ms`, `90s`, `5m`, `8h`, `1h30m`; a bare number has a unit given by the caller. */
export class DurationError extends Error {}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string, bareUnit: 'h' | 's' = 'h'): number {
  const s = String(text).trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const ms = Number(s) * UNIT_MS[bareUnit]!;
    if (ms > 0) return ms;
  } else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(s)) {
    let ms = 0;
    for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
    if (ms > 0) return ms;
  }
  throw new DurationError(
    `'${text}' is not a positive duration: use e.g. 500ms, 90s, 5m, 8h or 1h30m (a bare number means ${bareUnit === 'h' ? 'hours' : 'seconds'})`,
  );
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
