/**
 * The audio arithmetic a voice bridge does on every microphone chunk. Pure functions plus two
 * small stateful helpers (a streaming decimator and a framer) for code that processes a stream
 * chunk by chunk, as the soak does.
 */

/** Convert signed 16-bit PCM to floats in [-1, 1). Writes into `out` when given (no allocation). */
export function pcm16ToFloat32(input: Int16Array, out?: Float32Array): Float32Array {
  const dst = out ?? new Float32Array(input.length);
  if (dst.length < input.length) throw new RangeError(`output holds ${dst.length} samples, need ${input.length}`);
  // 32768, not 32767: keeps the mapping exact and symmetric in steps, as most audio stacks do.
  for (let i = 0; i < input.length; i++) dst[i] = input[i]! / 32768;
  return dst;
}

/**
 * A linear-phase low-pass FIR: Blackman-windowed sinc, normalised to unity gain at DC.
 * `cutoff` is the -6 dB point as a fraction of the sample rate (0 < cutoff < 0.5).
 */
export function lowPassFir(numTaps: number, cutoff: number): Float32Array {
  if (!Number.isInteger(numTaps) || numTaps < 3 || numTaps % 2 === 0) {
    throw new RangeError(`numTaps must be an odd integer >= 3, got ${numTaps}`);
  }
  if (!(cutoff > 0 && cutoff < 0.5)) throw new RangeError(`cutoff must be in (0, 0.5), got ${cutoff}`);
  const taps = new Float64Array(numTaps);
  const mid = (numTaps - 1) / 2;
  let sum = 0;
  for (let n = 0; n < numTaps; n++) {
    const x = n - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const w =
      0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (numTaps - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (numTaps - 1));
    taps[n] = sinc * w;
    sum += taps[n]!;
  }
  const out = new Float32Array(numTaps);
  for (let n = 0; n < numTaps; n++) out[n] = taps[n]! / sum;
  return out;
}

/**
 * Anti-alias filter for integer decimation by `factor`. The cutoff sits a little below the new
 * Nyquist frequency so the transition band (Blackman: ~5.5/numTaps wide) mostly falls before it;
 * 95 taps at 48 kHz → 16 kHz: flat to 6 kHz, -3.6 dB at 7 kHz, 10 kHz ~95 dB down.
 */
export function antiAliasFir(factor: number, numTaps = 95): Float32Array {
  if (!Number.isInteger(factor) || factor < 2) throw new RangeError(`factor must be an integer >= 2, got ${factor}`);
  return lowPassFir(numTaps, 0.45 / factor);
}

/**
 * Filter with `taps` and keep every `factor`-th sample, computing only the samples that are kept.
 * Zero-phase aligned (output n is centred on input n·factor) with zeros beyond the edges, which
 * suits one-shot buffers; streams should use {@link Decimator}, which keeps history across chunks.
 */
export function decimate(input: Float32Array, factor: number, taps: Float32Array, out?: Float32Array): Float32Array {
  const outLen = Math.ceil(input.length / factor);
  const dst = out ?? new Float32Array(outLen);
  if (dst.length < outLen) throw new RangeError(`output holds ${dst.length} samples, need ${outLen}`);
  const n = taps.length;
  const delay = (n - 1) >> 1;
  const len = input.length;
  for (let o = 0; o < outLen; o++) {
    const centre = o * factor + delay;
    let acc = 0;
    // Clip the tap range to the input instead of testing bounds per tap: the inner loop is the
    // probe's hot path.
    const kMin = Math.max(0, centre - (len - 1));
    const kMax = Math.min(n - 1, centre);
    for (let k = kMin; k <= kMax; k++) acc += taps[k]! * input[centre - k]!;
    dst[o] = acc;
  }
  return outLen === dst.length ? dst : dst.subarray(0, outLen);
}

const firCache = new Map<number, Float32Array>();

/** Downsample by an integer ratio with an anti-alias FIR (e.g. 48000 → 16000). */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const factor = fromRate / toRate;
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`only integer downsampling is supported, got ${fromRate} Hz → ${toRate} Hz`);
  }
  let taps = firCache.get(factor);
  if (!taps) {
    taps = antiAliasFir(factor);
    firCache.set(factor, taps);
  }
  return decimate(input, factor, taps);
}

/**
 * Streaming FIR decimator: keeps the last taps-1 input samples and the decimation phase between
 * chunks, so a stream cut into arbitrary chunks yields exactly the samples one long buffer would
 * (a one-shot filter per chunk clicks at every chunk edge). Causal: delays by (taps-1)/2 samples.
 */
export class Decimator {
  readonly factor: number;
  readonly taps: Float32Array;
  private buf: Float32Array;
  /** Offset in the next chunk of the next input sample that produces an output. */
  private phase = 0;

  constructor(factor: number, taps: Float32Array = antiAliasFir(factor)) {
    if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be a positive integer, got ${factor}`);
    this.factor = factor;
    this.taps = taps;
    this.buf = new Float32Array(taps.length - 1 + 4096);
  }

  /** Number of output samples the next `process` of a chunk of `chunkLength` samples yields. */
  outputLength(chunkLength: number): number {
    return chunkLength > this.phase ? Math.ceil((chunkLength - this.phase) / this.factor) : 0;
  }

  process(chunk: Float32Array, out?: Float32Array): Float32Array {
    const hist = this.taps.length - 1;
    const need = hist + chunk.length;
    if (this.buf.length < need) {
      const bigger = new Float32Array(need);
      bigger.set(this.buf.subarray(0, hist));
      this.buf = bigger;
    }
    const buf = this.buf;
    buf.set(chunk, hist);
    const outLen = this.outputLength(chunk.length);
    const dst = out ?? new Float32Array(outLen);
    if (dst.length < outLen) throw new RangeError(`output holds ${dst.length} samples, need ${outLen}`);
    const taps = this.taps;
    const n = taps.length;
    let p = this.phase;
    for (let o = 0; o < outLen; o++, p += this.factor) {
      const newest = hist + p;
      let acc = 0;
      for (let k = 0; k < n; k++) acc += taps[k]! * buf[newest - k]!;
      dst[o] = acc;
    }
    this.phase = p - chunk.length;
    buf.copyWithin(0, chunk.length, chunk.length + hist);
    return outLen === dst.length ? dst : dst.subarray(0, outLen);
  }

  reset(): void {
    this.buf.fill(0);
    this.phase = 0;
  }
}

export interface FrameStats {
  /** Root mean square, 0..1 for full-scale floats. */
  rms: number;
  /** Largest absolute sample. */
  peak: number;
  /** Samples at or above the clipping level. */
  clipped: number;
}

/**
 * Level and clipping of one frame. The default clip level is just under full scale because a
 * clipped 16-bit input becomes 32767/32768 after conversion and may ring slightly after filtering.
 */
export function frameStats(frame: Float32Array, clipLevel = 0.99): FrameStats {
  let sumSq = 0;
  let peak = 0;
  let clipped = 0;
  for (let i = 0; i < frame.length; i++) {
    const v = frame[i]!;
    const a = v < 0 ? -v : v;
    sumSq += v * v;
    if (a > peak) peak = a;
    if (a >= clipLevel) clipped++;
  }
  return { rms: frame.length ? Math.sqrt(sumSq / frame.length) : 0, peak, clipped };
}

/**
 * Split a buffer into whole frames (views, no copies) and the leftover tail, which a stream
 * carries into its next chunk (see {@link Framer}).
 */
export function splitFrames(signal: Float32Array, frameSize: number): { frames: Float32Array[]; remainder: Float32Array } {
  if (!Number.isInteger(frameSize) || frameSize < 1) throw new RangeError(`frameSize must be a positive integer, got ${frameSize}`);
  const count = Math.floor(signal.length / frameSize);
  const frames: Float32Array[] = new Array(count);
  for (let i = 0; i < count; i++) frames[i] = signal.subarray(i * frameSize, (i + 1) * frameSize);
  return { frames, remainder: signal.subarray(count * frameSize) };
}

/**
 * Cuts a stream of arbitrarily sized chunks into fixed frames, carrying the remainder: 1 s at
 * 16 kHz is 33 frames of 480 plus 160 samples that belong to the next chunk's first frame.
 */
export class Framer {
  readonly frameSize: number;
  private readonly pending: Float32Array;
  private pendingLen = 0;

  constructor(frameSize: number) {
    if (!Number.isInteger(frameSize) || frameSize < 1) throw new RangeError(`frameSize must be a positive integer, got ${frameSize}`);
    this.frameSize = frameSize;
    this.pending = new Float32Array(frameSize);
  }

  /** Samples held back for the next frame. */
  get buffered(): number {
    return this.pendingLen;
  }

  /**
   * Feed a chunk; `onFrame` gets each complete frame in order. The frame is a view that is only
   * valid during the callback (it may alias the internal buffer). Returns the frames emitted.
   */
  push(chunk: Float32Array, onFrame: (frame: Float32Array) => void): number {
    const size = this.frameSize;
    let offset = 0;
    let emitted = 0;
    if (this.pendingLen > 0) {
      const take = Math.min(size - this.pendingLen, chunk.length);
      this.pending.set(chunk.subarray(0, take), this.pendingLen);
      this.pendingLen += take;
      offset = take;
      if (this.pendingLen < size) return 0;
      onFrame(this.pending);
      emitted++;
      this.pendingLen = 0;
    }
    for (; offset + size <= chunk.length; offset += size) {
      onFrame(chunk.subarray(offset, offset + size));
      emitted++;
    }
    const rest = chunk.length - offset;
    if (rest > 0) {
      this.pending.set(chunk.subarray(offset), 0);
      this.pendingLen = rest;
    }
    return emitted;
  }

  reset(): void {
    this.pendingLen = 0;
  }
}
