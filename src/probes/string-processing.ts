import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe, ProbeCheck, ProbeContext } from '../engine/types.js';
import { matchIntent, normalizeTranscript, splitSentences, tokenize } from './text.js';

interface Utterance {
  text: string;
  /** The intent a correct matcher finds; null for free-form questions meant for the assistant. */
  intent: string | null;
}

interface TranscriptsFile {
  utterances: Utterance[];
  replies: string[];
}

interface State {
  utterances: Utterance[];
  replies: string[];
  /** Mirrors the bridge's tts.max_chunk_chars. */
  maxChunkChars: number;
  /** Folded results, so no step of an iteration is dead code. */
  checksum: number;
  last: unknown;
}

export function loadTranscripts(assetsDir: string): TranscriptsFile {
  const file = join(assetsDir, 'transcripts.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<TranscriptsFile>;
  if (!Array.isArray(data.utterances) || !data.utterances.length || !Array.isArray(data.replies) || !data.replies.length) {
    throw new Error(`${file}: expected non-empty "utterances" and "replies" lists`);
  }
  return { utterances: data.utterances, replies: data.replies };
}

const probe: Probe<State> = {
  id: 'string_processing',
  title: 'String processing',
  description: 'Normalise a transcript, tokenise, match the intent, chunk the reply into TTS sentences, JSON round trip',
  defaultIterations: 100,
  target: 'avg<10ms',

  setup(ctx: ProbeContext): State {
    const { utterances, replies } = loadTranscripts(ctx.assetsDir);
    return { utterances, replies, maxChunkChars: 200, checksum: 0, last: null };
  },

  run(state: State, iteration: number): void {
    const utterance = state.utterances[iteration % state.utterances.length]!;
    const reply = state.replies[iteration % state.replies.length]!;
    const normalized = normalizeTranscript(utterance.text);
    const tokens = tokenize(normalized);
    const intent = matchIntent(normalized, tokens);
    const sentences = splitSentences(reply, { maxChars: state.maxChunkChars });
    // The bridge ships every turn to the UI/log as JSON and reads it back on the other side.
    const message = {
      type: 'turn',
      session_id: 'bench-session',
      turn: iteration,
      transcript: { raw: utterance.text, normalized, tokens },
      intent: intent ?? { intent: null, score: 0, slots: {} },
      reply: { text: reply, sentences },
      timestamp: '2024-01-01T00:00:00.000Z',
    };
    const copy = JSON.parse(JSON.stringify(message)) as typeof message;
    state.checksum += copy.transcript.tokens.length + copy.reply.sentences.length + copy.intent.score;
    state.last = copy;
  },

  /** A fast matcher that finds the wrong intents is no pass: check every shipped utterance. */
  verify(state: State): ProbeCheck {
    const wrong: string[] = [];
    for (const u of state.utterances) {
      const got = matchIntent(normalizeTranscript(u.text))?.intent ?? null;
      if (got !== u.intent) wrong.push(`"${u.text}" → ${got ?? 'none'} (expected ${u.intent ?? 'none'})`);
    }
    const total = state.utterances.length;
    return {
      ok: wrong.length === 0,
      message: wrong.length
        ? `intent matched for ${total - wrong.length}/${total} transcripts; wrong: ${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? '; …' : ''}`
        : `intent matched for ${total}/${total} transcripts`,
      metrics: { intent_accuracy: (total - wrong.length) / total },
    };
  },

  teardown(state: State): void {
    state.last = null;
  },
};

export default probe;
