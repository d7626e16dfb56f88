/**
 * Latency histograms for the soak: HDR histograms (hdr-histogram-js) keep a fixed footprint and
 * 3 significant digits whatever the duration, where an 8-hour array of samples would grow
 * without bound. Values are recorded in microseconds; the API speaks milliseconds.
 */
import * as hdr from 'hdr-histogram-js';

const HIGHEST_US = 60 * 60 * 1e6; // one hour: anything longer is clamped, not lost

export interface LatencySummary {
  count: number;
  mean_ms: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

export class LatencyHistogram {
  private h: hdr.Histogram;

  constructor(from?: hdr.Histogram) {
    this.h = from ?? hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  }

  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    this.h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
  }

  get count(): number { return this.h.totalCount; }

  percentile(p: number): number {
    return this.h.totalCount === 0 ? NaN : this.h.getValueAtPercentile(p) / 1000;
  }

  get mean(): number { return this.h.totalCount === 0 ? NaN : this.h.mean / 1000; }
  // The highest equivalent value of the top bucket: what a decoded copy reports too, so a live
  // summary and one rebuilt from the store agree (maxValue is exact only before encoding).
  get max(): number { return this.h.totalCount === 0 ? NaN : this.h.getValueAtPercentile(100) / 1000; }

  add(other: LatencyHistogram): void { this.h.add(other.h); }

  reset(): void { this.h.reset(); }

  summary(): LatencySummary {
    const v = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
    return { count: this.count, mean_ms: v(this.mean), p50_ms: v(this.percentile(50)), p95_ms: v(this.percentile(95)), p99_ms: v(this.percentile(99)), max_ms: v(this.max) };
  }

  /** Compressed base64, for the store: the report of a killed run is rebuilt from it. */
  encode(): string { return hdr.encodeIntoCompressedBase64(this.h); }

  static decode(text: string): LatencyHistogram {
    return new LatencyHistogram(hdr.decodeFromCompressedBase64(text, 32, false));
  }
}
