// tsc does not copy non-TS files; probes read their assets relative to their own module,
// so dist/probes/assets must mirror src/probes/assets.
import { cpSync, existsSync } from 'node:fs';
const from = new URL('../src/probes/assets/', import.meta.url);
const to = new URL('../dist/probes/assets/', import.meta.url);
if (existsSync(from)) cpSync(from, to, { recursive: true });
