/**
 * Fixed-capacity float32 ring buffer that overwrites the oldest samples when full: the bridge's
 * pre-roll buffer, which must always hold the latest N ms of audio (so speech that began before
 * the VAD fired is not lost) without ever growing.
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly data: Float32Array;
  /** Index where the next sample is written. */
  private head = 0;
  private size = 0;
  /** Samples ever written, including overwritten ones: lets callers detect overruns. */
  private total = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.data = new Float32Array(capacity);
  }

  /** Samples currently held (≤ capacity). */
  get length(): number {
    return this.size;
  }

  get written(): number {
    return this.total;
  }

  /** Append samples; when full, the oldest are overwritten. Returns how many were dropped. */
  write(samples: Float32Array): number {
    const cap = this.capacity;
    const n = samples.length;
    this.total += n;
    // Only the last `cap` samples of a large write can survive; skip copying the rest.
    const src = n > cap ? samples.subarray(n - cap) : samples;
    const dropped = Math.max(0, this.size + n - cap);
    const first = Math.min(src.length, cap - this.head);
    this.data.set(src.subarray(0, first), this.head);
    if (first < src.length) this.data.set(src.subarray(first), 0);
    this.head = (this.head + src.length) % cap;
    this.size = Math.min(cap, this.size + n);
    return dropped;
  }

  /**
   * Copy the newest `count` samples, oldest first, into `out` (allocated when absent).
   * Asking for more than is held is an error rather than silent zero padding.
   */
  readLatest(count: number = this.size, out?: Float32Array): Float32Array {
    if (count > this.size) throw new RangeError(`asked for ${count} samples, buffer holds ${this.size}`);
    const dst = out ?? new Float32Array(count);
    if (dst.length < count) throw new RangeError(`output holds ${dst.length} samples, need ${count}`);
    const cap = this.capacity;
    const start = (this.head - count + cap) % cap;
    const first = Math.min(count, cap - start);
    dst.set(this.data.subarray(start, start + first), 0);
    if (first < count) dst.set(this.data.subarray(0, count - first), first);
    return dst;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}
