import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

/**
 * The voice bridge's configuration file: what the config_loading probe reads on every iteration
 * and what the CLI validates before a run (a bad --config-file must exit 2 with a message that
 * names the file and the key, not a stack trace).
 *
 * Unknown keys are kept: bridges grow options faster than this schema, and a benchmark must not
 * reject a real user's config for a setting it does not know. Known keys are strict about type
 * and range, because a threshold of "high" is exactly the mistake worth catching early.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The config file as given. */
    readonly file: string,
    /** Dotted path of the offending key (e.g. `vad.threshold`), when the problem is one key. */
    readonly key?: string,
  ) {
    super(message);
  }
}

// Each message says what is allowed; the value actually found is appended when formatting, so
// the user sees both without zod's generic wording.
const num = (min: number, max: number) =>
  z
    .number({ error: `expected a number between ${min} and ${max}` })
    .refine((n) => Number.isFinite(n) && n >= min && n <= max, {
      error: `expected a number between ${min} and ${max}`,
    });

const int = (min: number, max: number) =>
  z
    .number({ error: `expected a whole number between ${min} and ${max}` })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, {
      error: `expected a whole number between ${min} and ${max}`,
    });

const str = (what = 'a non-empty string') =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });

const bool = () => z.boolean({ error: 'expected true or false' });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

const intOneOf = <const T extends readonly number[]>(values: T) =>
  z
    .number({ error: `expected one of ${values.join(', ')}` })
    .refine((n) => values.includes(n), { error: `expected one of ${values.join(', ')}` });

const url = (schemes: readonly string[]) =>
  z
    .string({ error: `expected a URL (${schemes.join(', ')})` })
    .refine(
      (s) => {
        try {
          return schemes.includes(new URL(s).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { error: `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}` },
    );

const regexSource = () =>
  z.string({ error: 'expected a regular expression as a string' }).refine(
    (s) => {
      try {
        new RegExp(s, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { error: 'expected a valid regular expression' },
  );

const section = <S extends z.core.$ZodLooseShape>(shape: S, what: string) =>
  z.looseObject(shape, { error: `expected a mapping of ${what} settings` });

const assistantSchema = section(
  {
    url: url(['http', 'https', 'ws', 'wss']).default('ws://homeassistant.local:8123/api/websocket'),
    // Usually a ${ENV} placeholder; the bridge expands it, so only its shape is checked here.
    token: z.string({ error: 'expected a string (an access token or a ${ENV_VAR} placeholder)' }).optional(),
    pipeline: str().optional(),
    language: str('a language code such as en or en-US').default('en'),
    timeout_s: num(0.1, 600).default(15),
    verify_tls: bool().default(true),
  },
  'assistant',
);

const audioSchema = section(
  {
    input_device: str('a device name such as default or plughw:CARD=Device,DEV=0').default('default'),
    output_device: str('a device name such as default').default('default'),
    sample_rate: intOneOf([8000, 16000, 22050, 24000, 32000, 44100, 48000] as const).default(16000),
    channels: int(1, 8).default(1),
    frame_ms: intOneOf([10, 20, 30, 32, 64, 96] as const).default(30),
    gain_db: num(-60, 60).default(0),
    noise_suppression: bool().default(false),
    auto_gain: bool().default(false),
  },
  'audio',
);

const wakeWordSchema = section(
  {
    enabled: bool().default(true),
    engine: str().default('openwakeword'),
    model: str('a model name or path').default('hey_jarvis'),
    threshold: num(0, 1).default(0.5),
    trigger_level: int(1, 20).default(1),
    refractory_s: num(0, 60).default(2),
  },
  'wake_word',
);

const vadSchema = section(
  {
    model: str().default('silero'),
    threshold: num(0, 1).default(0.5),
    min_speech_ms: int(0, 10_000).default(250),
    min_silence_ms: int(0, 10_000).default(700),
    pre_speech_pad_ms: int(0, 5_000).default(300),
    max_utterance_s: num(1, 600).default(15),
  },
  'vad',
);

const sttSchema = section(
  {
    engine: str().default('faster-whisper'),
    model: str('a model name or path').default('base.en'),
    url: url(['http', 'https', 'ws', 'wss', 'tcp']).optional(),
    language: str('a language code such as en').default('en'),
    beam_size: int(1, 20).default(1),
    compute_type: oneOf(['int8', 'int8_float16', 'float16', 'float32'] as const).default('int8'),
  },
  'stt',
);

const ttsSchema = section(
  {
    engine: str().default('piper'),
    voice: str('a voice name').default('en_US-lessac-medium'),
    speaker_id: int(0, 10_000).optional(),
    length_scale: num(0.25, 4).default(1),
    sample_rate: intOneOf([16000, 22050, 24000, 44100, 48000] as const).default(22050),
    sentence_chunking: bool().default(true),
    max_chunk_chars: int(20, 2_000).default(200),
  },
  'tts',
);

const intentSchema = section(
  {
    name: z
      .string({ error: 'expected an intent name (lowercase letters, digits, _)' })
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected an intent name (lowercase letters, digits, _)' }),
    patterns: z
      .array(regexSource(), { error: 'expected a list of regular expressions' })
      .min(1, { error: 'expected at least one pattern' }),
    keywords: z.array(str(), { error: 'expected a list of words' }).default([]),
    action: str('an action such as timer.start').optional(),
    response: z.string({ error: 'expected a string' }).optional(),
  },
  'intent',
);

const databaseSchema = section(
  {
    path: str('a file path').default('~/.local/share/voice-bridge/bridge.db'),
    journal_mode: oneOf(['wal', 'delete', 'truncate', 'persist', 'memory'] as const).default('wal'),
    history_turns: int(1, 1_000).default(20),
    retention_days: int(0, 36_500).default(30),
  },
  'database',
);

const loggingSchema = section(
  {
    level: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const).default('info'),
    format: oneOf(['text', 'json'] as const).default('text'),
    file: str('a file path').optional(),
    max_size_mb: num(0.1, 10_000).default(10),
    max_files: int(1, 100).default(5),
  },
  'logging',
);

export const bridgeConfigSchema = z.looseObject(
  {
    assistant: assistantSchema.prefault({}),
    audio: audioSchema,
    wake_word: wakeWordSchema.prefault({}),
    vad: vadSchema,
    stt: sttSchema.prefault({}),
    tts: ttsSchema.prefault({}),
    intents: z.array(intentSchema, { error: 'expected a list of intents' }).default([]),
    database: databaseSchema.prefault({}),
    logging: loggingSchema.prefault({}),
  },
  { error: 'expected a mapping of settings at the top level' },
);

export type BridgeConfig = z.output<typeof bridgeConfigSchema>;

/** Read, parse (YAML or JSON by extension) and validate a bridge config; throws ConfigError. */
export function loadBridgeConfig(path: string): BridgeConfig {
  const ext = extname(path).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') {
    throw new ConfigError(
      `config file ${path}: unsupported extension "${ext || '(none)'}"; allowed: .yaml, .yml, .json`,
      path,
    );
  }
  const text = readConfigText(path);
  const data = ext === '.json' ? parseJson(path, text) : parseYamlText(path, text);
  return validateBridgeConfig(data, path);
}

/** Validate already-parsed data; `file` only names the source in messages. */
export function validateBridgeConfig(data: unknown, file: string): BridgeConfig {
  if (data === null || data === undefined) {
    throw new ConfigError(`config file ${file}: is empty; expected a mapping with at least audio and vad`, file);
  }
  const result = bridgeConfigSchema.safeParse(data);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  // safeParse never fails without an issue; the guard only satisfies the type checker.
  if (!first) throw new ConfigError(`config file ${file}: invalid`, file);
  const key = first.path.map(String).join('.');
  const found = describeValue(valueAt(data, first.path));
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  const where = key ? `key ${key}: ` : '';
  const message =
    found === undefined
      ? `config file ${file}: ${where}${first.message}, but it is missing${more}`
      : `config file ${file}: ${where}${first.message}, got ${found}${more}`;
  throw new ConfigError(message, file, key || undefined);
}

function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'not readable (permission denied)'
            : `cannot be read (${(err as Error).message})`;
    throw new ConfigError(`config file ${path}: ${why}`, path);
  }
}

function parseYamlText(path: string, text: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      // yaml's message carries a code frame after the first line; the reason and line suffice.
      const reason = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      const line = err.linePos?.[0]?.line;
      throw new ConfigError(
        `config file ${path}: not valid YAML: ${reason}${line ? ` (line ${line})` : ''}`,
        path,
      );
    }
    throw new ConfigError(`config file ${path}: not valid YAML: ${(err as Error).message}`, path);
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    // V8 reports a character offset (newer versions add line/column); people want the line.
    const pos = /at position (\d+)/.exec(msg);
    const reason = msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new ConfigError(
      `config file ${path}: not valid JSON: ${reason}${line ? ` (line ${line})` : ''}`,
      path,
    );
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
