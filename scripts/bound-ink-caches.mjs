/**
 * Ink 6 memoises text measurement and wrapping in module-level caches that are never evicted
 * (build/measure-text.js, build/wrap-text.js). A soak screen draws new numbers every second for
 * 8 hours: hundreds of thousands of distinct strings, tens of MB, and soundcheck's own memory
 * growth is one of the soak's pass criteria. Worse, a cached wrap is a rope of one piece per
 * character: a 200-character line holds several KB. This bounds both caches, clearing them past
 * 2 000 entries (some 40 screens' worth). Run by `postinstall`; idempotent; if Ink's code has
 * changed shape it says so and leaves it alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* soundcheck: bounded cache */';
const LIMIT = 2_000;

let buildDir;
try {
  buildDir = dirname(fileURLToPath(import.meta.resolve('ink')));
} catch {
  process.exit(0); // ink not installed (e.g. a production install without the UI): nothing to do
}

const patches = [
  {
    file: 'measure-text.js',
    from: '    cache.set(text, dimensions);',
    to: `    ${MARK} if (cache.size >= ${LIMIT}) cache.clear();\n    cache.set(text, dimensions);`,
  },
  {
    file: 'wrap-text.js',
    from: 'const cache = {};',
    to: `let cache = {}; ${MARK} let cacheSize = 0;`,
    then: {
      from: '    cache[cacheKey] = wrappedText;',
      to: `    if (++cacheSize > ${LIMIT}) { cache = {}; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`,
    },
  },
];

for (const p of patches) {
  const path = join(buildDir, p.file);
  let text = readFileSync(path, 'utf8');
  if (text.includes(MARK)) continue;
  const steps = [p, ...(p.then ? [p.then] : [])];
  if (!steps.every((s) => text.includes(s.from))) {
    console.warn(`soundcheck: ink's ${p.file} has changed; its cache is left unbounded (long soak screens may grow)`);
    continue;
  }
  for (const s of steps) text = text.replace(s.from, s.to);
  writeFileSync(path, text);
}
