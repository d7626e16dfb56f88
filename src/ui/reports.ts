/**
 * The TUI writes both reports of every run, finished or stopped, into the reports directory,
 * named by the run's start time (bench-2026-12-04T19-30-05.json/.md); headless runs write them
 * only when asked with --json/--markdown.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from '../engine/types.js';
import { reportsDir, runStamp } from '../paths.js';
import { renderBenchJson } from '../report/json.js';
import { renderBenchMarkdown } from '../report/markdown.js';
import type { ReportPaths } from './components/SummaryTable.js';

/** Creates the file only if it does not exist yet; false if it does. */
function writeNew(file: string, text: string): boolean {
  try {
    writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export function writeRunReports(result: BenchResult, dir: () => string = reportsDir): ReportPaths {
  try {
    const base = path.join(dir(), `bench-${runStamp(result.startedAt)}`);
    // Two runs started within the same second (a quick rerun) get -2, -3: never overwrite a report.
    for (let n = 1; n < 1000; n++) {
      const stem = n === 1 ? base : `${base}-${n}`;
      const json = `${stem}.json`;
      const markdown = `${stem}.md`;
      if (!writeNew(json, renderBenchJson(result))) continue;
      writeFileSync(markdown, renderBenchMarkdown(result));
      return { json, markdown };
    }
    return { error: `could not find a free report name next to ${base}.json` };
  } catch (e) {
    return { error: `could not write the reports: ${(e as Error).message}` };
  }
}
