#!/usr/bin/env node
// Launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm install` via `prepare`).
import('../dist/cli.js').then((m) => m.main(process.argv)).catch((err) => {
  console.error(`soundcheck: ${err?.stack ?? err}`);
  process.exit(2);
});
