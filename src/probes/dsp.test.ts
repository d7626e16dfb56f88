import { describe, expect, it } from 'vitest';
import { antiAliasFir, decimate, Decimator, frameStats, Framer, pcm16ToFloat32, resample, splitFrames } from './dsp.js';

const sine = (freq: number, rate: number, seconds: number, amp = 1) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
/** Away from the edges, where a one-shot filter sees zeros. */
const middle = (x: Float32Array, margin = 200) => x.subarray(margin, x.length - margin);

describe('pcm16ToFloat32', () => {
  it('maps the int16 range onto [-1, 1)', () => {
    const out = pcm16ToFloat32(Int16Array.from([0, 16384, -32768, 32767]));
    expect(Array.from(out)).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('writes into a given buffer and refuses one that is too small', () => {
    const out = new Float32Array(3);
    expect(pcm16ToFloat32(Int16Array.from([1, 2, 3]), out)).toBe(out);
    expect(() => pcm16ToFloat32(Int16Array.from([1, 2, 3]), new Float32Array(2))).toThrow(RangeError);
  });
});

describe('resampling 48 kHz → 16 kHz', () => {
  it('keeps a 1 kHz sine at RMS ≈ 0.707', () => {
    const out = resample(sine(1000, 48000, 1), 48000, 16000);
    expect(out.length).toBe(16000);
    expect(rms(middle(out))).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('attenuates a 10 kHz tone (which would alias to 6 kHz) by more than 60 dB', () => {
    const out = resample(sine(10_000, 48000, 1), 48000, 16000);
    const db = 20 * Math.log10(rms(middle(out)) / Math.SQRT1_2);
    expect(db).toBeLessThan(-60);
  });

  it('is not plain sample dropping', () => {
    // Picking every third sample folds a 10 kHz tone to 6 kHz at full level; a filter removes it.
    const x = sine(10_000, 48000, 0.1);
    const picked = Float32Array.from({ length: x.length / 3 }, (_, i) => x[i * 3]!);
    expect(rms(picked)).toBeGreaterThan(0.5);
    expect(rms(middle(decimate(x, 3, antiAliasFir(3)), 100))).toBeLessThan(0.001);
  });

  it('rejects non-integer ratios', () => {
    expect(() => resample(new Float32Array(10), 44100, 16000)).toThrow(/integer downsampling/);
  });
});

describe('Decimator (streaming)', () => {
  it('gives the same samples whether a stream arrives whole or in odd-sized chunks', () => {
    const x = sine(440, 48000, 0.5, 0.8);
    const whole = new Decimator(3).process(x);
    const chunked = new Decimator(3);
    const parts: number[] = [];
    for (let off = 0, size = 1; off < x.length; off += size, size = (size * 7) % 1000 + 1) {
      parts.push(...chunked.process(x.subarray(off, Math.min(off + size, x.length))));
    }
    expect(parts.length).toBe(whole.length);
    parts.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 6));
  });

  it('yields 16000 samples per second of 48 kHz input', () => {
    const d = new Decimator(3);
    expect(d.process(new Float32Array(48000)).length).toBe(16000);
    expect(d.process(new Float32Array(48000)).length).toBe(16000);
  });
});

describe('frameStats', () => {
  it('measures RMS and peak', () => {
    const s = frameStats(sine(1000, 16000, 0.03, 0.5));
    expect(s.rms).toBeCloseTo(0.5 * Math.SQRT1_2, 3);
    expect(s.peak).toBeCloseTo(0.5, 2);
    expect(s.clipped).toBe(0);
  });

  it('counts clipped samples at full scale, both signs', () => {
    const frame = new Float32Array(480).fill(0.1);
    frame[3] = 1;
    frame[10] = -1;
    frame[11] = 32767 / 32768;
    frame[12] = 0.98;
    expect(frameStats(frame).clipped).toBe(3);
    expect(frameStats(frame).peak).toBe(1);
  });
});

describe('framing', () => {
  it('cuts 1 s at 16 kHz into 33 frames of 480 with 160 left over', () => {
    const { frames, remainder } = splitFrames(new Float32Array(16000), 480);
    expect(frames.length).toBe(33);
    expect(frames.every((f) => f.length === 480)).toBe(true);
    expect(remainder.length).toBe(160);
  });

  it('carries the remainder into the next chunk: 3 s make exactly 100 frames', () => {
    const framer = new Framer(480);
    const seen: number[] = [];
    let n = 0;
    const counts = [0, 1, 2].map(() =>
      framer.push(Float32Array.from({ length: 16000 }, () => n++), (f) => seen.push(f[0]!)),
    );
    expect(counts).toEqual([33, 33, 34]);
    expect(framer.buffered).toBe(0);
    // Frames are contiguous across chunk boundaries: frame k starts at sample 480·k.
    expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => 480 * k));
  });
});
