/**
 * Ink's text caches are bounded (scripts/bound-ink-caches.mjs, run at install): a soak screen
 * draws new strings every second for hours, and soundcheck's own memory is a soak criterion.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('keeps Ink’s measure and wrap caches bounded over 20 000 distinct screen lines', async () => {
  const build = path.dirname(fileURLToPath(import.meta.resolve('ink')));
  // The very modules Ink renders with (same URL, same instance, same cache).
  const measureText = (await import(pathToFileURL(path.join(build, 'measure-text.js')).href)).default as (t: string) => unknown;
  const wrapText = (await import(pathToFileURL(path.join(build, 'wrap-text.js')).href)).default as (t: string, w: number, k: string) => unknown;
  const filler = 'x'.repeat(200);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20_000; i++) {
    const s = `${i} ${filler}`;
    measureText(s);
    wrapText(s, 80, 'wrap');
  }
  gc();
  const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  // Unbounded this holds 20 000 wrapped ropes of several KB each (> 100 MB); bounded at 2 000, a tenth.
  expect(grownMb).toBeLessThan(30);
});
