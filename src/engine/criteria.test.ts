import { describe, expect, it } from 'vitest';
import { evaluateCriteria, mergeCriteria, MEMORY_NOISE_FLOOR_MB, type SoakMeasures } from './criteria.js';

const base: SoakMeasures = {
  crashes: 0, interactions: 1000, errorRatePercent: 0.2, memoryGrowthMbPer8h: 10, memoryWindowHours: 8,
  cpuAvg: 5, cpuPeak: 20, p95Drift: 1.1, latencyMeanMs: 40, latencyMaxMs: 300, percentileMs: (p) => (p === 95 ? 80 : 60),
};
const judge = (over: Partial<SoakMeasures>, criteria = mergeCriteria('p(95)<500ms')) =>
  Object.fromEntries(evaluateCriteria(criteria, { ...base, ...over }).map((c) => [c.metric, c]));

describe('soak criteria', () => {
  it('passes a healthy run and reports every measured value', () => {
    const out = judge({});
    expect(Object.values(out).every((c) => c.ok && c.judged)).toBe(true);
    expect(out['p(95)']).toMatchObject({ measured: 80, unit: 'ms' });
    expect(out.memory_growth).toMatchObject({ measured: 10, unit: 'MB/8h' });
  });

  it.each([
    [{ crashes: 1 }, 'crashes'],
    [{ errorRatePercent: 1 }, 'error_rate'],
    [{ interactions: 0 }, 'interactions'],
    [{ cpuAvg: 25 }, 'cpu_avg'],
    [{ cpuPeak: 60 }, 'cpu_peak'],
    [{ p95Drift: 1.6 }, 'p95_drift'],
    [{ percentileMs: () => 600 }, 'p(95)'],
    [{ memoryGrowthMbPer8h: 150 }, 'memory_growth'],
  ] as const)('fails on %j', (over, metric) => {
    expect(judge(over as Partial<SoakMeasures>)[metric]!.ok).toBe(false);
  });

  it('does not judge what it has no data for, and says so', () => {
    const d = judge({ p95Drift: NaN }).p95_drift!;
    expect(d).toMatchObject({ judged: false, ok: null, measured: null });
    expect(d.note).toMatch(/needs two checkpoints/);
    expect(judge({ cpuAvg: NaN }).cpu_avg).toMatchObject({ judged: false, note: 'not judged: no CPU samples after warm-up yet' });
    // Half a minute of samples: no slope worth extrapolating to 8 hours.
    expect(judge({ memoryGrowthMbPer8h: 90_000, memoryWindowHours: 0.5 / 60 }).memory_growth).toMatchObject({ judged: false });
    expect(judge({ memoryGrowthMbPer8h: 4_000, memoryWindowHours: 0.3 / 60 }).memory_growth).toMatchObject({ judged: false, ok: null });
  });

  it('lets a short run pass memory growth within the noise floor, with a note, but not a real leak', () => {
    // 5 minutes observed: 300 MB/8h is 3.1 MB seen — noise; 3000 MB/8h is 31 MB seen — a leak.
    const noise = judge({ memoryGrowthMbPer8h: 300, memoryWindowHours: 5 / 60 }).memory_growth!;
    expect(noise.ok).toBe(true);
    expect(noise.note).toMatch(new RegExp(`within the ${MEMORY_NOISE_FLOOR_MB} MB noise floor`));
    expect(judge({ memoryGrowthMbPer8h: 3000, memoryWindowHours: 5 / 60 }).memory_growth!.ok).toBe(false);
  });

  it('merges overrides per metric over the defaults and the probe target', () => {
    expect(mergeCriteria('p(95)<500ms', 'p(95)<200ms,error_rate<0.5%')).toBe(
      'crashes==0,error_rate<0.5%,interactions>0,memory_growth<100MB,cpu_avg<20%,cpu_peak<50%,p95_drift<=1.5,p(95)<200ms',
    );
  });
});
