/** The library API: run a bench (and later a soak) without any terminal. */
export { runBench, validatePlan, PlanError } from './engine/bench.js';
export type { RunBenchOptions } from './engine/bench.js';
export { computeStats, percentile, modifiedZScores, statisticalWarnings } from './engine/stats.js';
export { parseThresholds, evaluateTargets, ThresholdError, LATENCY_VOCABULARY } from './engine/thresholds.js';
export { parseDuration, formatDuration } from './engine/duration.js';
export { builtinProbes, findProbe, assetsDir } from './probes/registry.js';
export { benchToJson, renderBenchJson } from './report/json.js';
export { renderBenchMarkdown } from './report/markdown.js';
export type * from './engine/types.js';
