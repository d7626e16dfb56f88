import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWav, readWav, WavError } from './wav.js';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));

/** A WAV file with the given header fields; `extra` chunks go before the data chunk. */
function wav(opts: { format?: number; channels?: number; rate?: number; bits?: number; data: Uint8Array; extra?: Uint8Array }) {
  const { format = 1, channels = 1, rate = 16000, bits = 16, data, extra = new Uint8Array(0) } = opts;
  const buf = Buffer.alloc(12 + 24 + extra.length + 8 + data.length);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(buf.length - 8, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(format, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE((rate * channels * bits) / 8, 28);
  buf.writeUInt16LE((channels * bits) / 8, 32);
  buf.writeUInt16LE(bits, 34);
  Buffer.from(extra).copy(buf, 36);
  const d = 36 + extra.length;
  buf.write('data', d);
  buf.writeUInt32LE(data.length, d + 4);
  Buffer.from(data).copy(buf, d + 8);
  return buf;
}

const pcm = (...samples: number[]) => new Uint8Array(Int16Array.from(samples).buffer);

describe('parseWav', () => {
  it('reads 16-bit mono PCM as floats', () => {
    const audio = parseWav(wav({ data: pcm(0, 16384, -32768, 32767) }));
    expect(audio.sampleRate).toBe(16000);
    expect(Array.from(audio.samples)).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('skips unknown chunks, including odd-sized ones with their pad byte', () => {
    const list = Buffer.alloc(8 + 3 + 1);
    list.write('LIST', 0);
    list.writeUInt32LE(3, 4);
    expect(Array.from(parseWav(wav({ data: pcm(100, -100), extra: list })).samples)).toEqual([100 / 32768, -100 / 32768]);
  });

  it('rejects stereo, 8-bit, float and non-WAV input with what it found', () => {
    expect(() => parseWav(wav({ channels: 2, data: pcm(1, 2) }), 'x.wav')).toThrow('x.wav: expected mono audio, got 2 channels');
    expect(() => parseWav(wav({ bits: 8, data: new Uint8Array([128, 129]) }), 'x.wav')).toThrow(
      'x.wav: expected 16-bit samples, got 8-bit',
    );
    expect(() => parseWav(wav({ format: 3, bits: 32, data: new Uint8Array(8) }), 'x.wav')).toThrow(
      'x.wav: expected PCM audio (format 1), got format 3 (IEEE float)',
    );
    expect(() => parseWav(Buffer.from('ID3 this is an mp3 file'), 'x.mp3')).toThrow(WavError);
    expect(() => parseWav(Buffer.from('ID3 this is an mp3 file'), 'x.mp3')).toThrow('x.mp3: not a WAV file');
  });

  it('reads the shipped speech clip', () => {
    const clip = readWav(join(assetsDir, 'speech-16k.wav'));
    expect(clip.sampleRate).toBe(16000);
    expect(clip.samples.length / 16000).toBeGreaterThan(4);
  });

  it('names the file when reading from disk fails on content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'soundcheck-wav-'));
    try {
      const file = join(dir, 'stereo.wav');
      writeFileSync(file, wav({ channels: 2, data: pcm(1, 2) }));
      expect(() => readWav(file)).toThrow(`${file}: expected mono audio`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

