/**
 * The text handling of a voice turn: normalising what speech-to-text produced, finding the
 * intent, and cutting the assistant's reply into sentences that text-to-speech can start on
 * while the rest is still being synthesised.
 */

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function below1000(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h) parts.push(`${ONES[h]} hundred`);
  if (r >= 20) parts.push(r % 10 ? `${TENS[Math.floor(r / 10)]}-${ONES[r % 10]}` : TENS[Math.floor(r / 10)]!);
  else if (r > 0 || !h) parts.push(ONES[r]!);
  return parts.join(' ');
}

/**
 * English words for an integer 0..999999, American style (no "and"), tens hyphenated:
 * 1234 → "one thousand two hundred thirty-four".
 */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) {
    throw new RangeError(`numberToWords handles integers 0..999999, got ${n}`);
  }
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (!thousands) return below1000(rest);
  return rest ? `${below1000(thousands)} thousand ${below1000(rest)}` : `${below1000(thousands)} thousand`;
}

/**
 * A clock time as it is spoken: 7:30 → "seven thirty", 7:05 → "seven oh five",
 * 7:00 → "seven o'clock", 0:15 → "zero fifteen" (rare in speech; kept unambiguous).
 */
export function timeToWords(hours: number, minutes: number): string {
  if (!Number.isInteger(hours) || hours < 0 || hours > 24) throw new RangeError(`hours must be 0..24, got ${hours}`);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59) throw new RangeError(`minutes must be 0..59, got ${minutes}`);
  const h = numberToWords(hours);
  if (minutes === 0) return `${h} o'clock`;
  if (minutes < 10) return `${h} oh ${ONES[minutes]}`;
  return `${h} ${numberToWords(minutes)}`;
}

const ORDINAL_IRREGULAR: Record<string, string> = {
  one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth',
};

/** Ordinal words: 3 → "third", 21 → "twenty-first", 40 → "fortieth". */
export function ordinalToWords(n: number): string {
  const words = numberToWords(n);
  const m = /([a-z]+)$/.exec(words)!;
  const last = m[1]!;
  const ord = ORDINAL_IRREGULAR[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return words.slice(0, m.index) + ord;
}

/** Digits one by one, for numbers too long to say as a quantity (phone numbers, codes). */
function digitsToWords(digits: string): string {
  return [...digits].map((d) => ONES[Number(d)]).join(' ');
}

function spokenNumber(raw: string): string {
  const intPart = raw.replace(/,/g, '');
  const value = Number(intPart);
  return value <= 999_999 && !/^0\d/.test(intPart) ? numberToWords(value) : digitsToWords(intPart);
}

// Order matters: times before decimals before plain integers, so "7:30" and "3.5" are not split.
// A minus sign counts only at the start of a word: "covid-19" is not "covid minus nineteen".
const NUMBER_RE =
  /(?<time>\b(?<hh>[01]?\d|2[0-4]):(?<mm>[0-5]\d)\b)|(?:(?<=^|\s)(?<neg>-))?(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:(?<ord>st|nd|rd|th)\b|(?:\.(?<frac>\d+))?(?<unit>%|°)?)/g;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Replace times, decimals, percentages and integers with words; leaves everything else. */
export function expandNumbers(text: string): string {
  return text.replace(NUMBER_RE, (...args) => {
    const g = args.at(-1) as Record<string, string | undefined>;
    const match = args[0] as string;
    const offset = args.at(-3) as number;
    let words: string;
    if (g.time) {
      words = timeToWords(Number(g.hh), Number(g.mm));
    } else {
      const plain = g.int!.replace(/,/g, '');
      words = g.ord && Number(plain) <= 999_999 ? ordinalToWords(Number(plain)) : spokenNumber(g.int!);
      if (g.frac) words += ` point ${digitsToWords(g.frac)}`;
      if (g.neg) words = `minus ${words}`;
      if (g.unit === '%') words += ' percent';
      else if (g.unit === '°') words += ' degrees';
    }
    // "15min" must become "fifteen min", not "fifteenmin"; elsewhere keep the spacing as is.
    const before = offset > 0 && WORD_CHAR.test(text[offset - 1]!) ? ' ' : '';
    const after = WORD_CHAR.test(text[offset + match.length] ?? '') ? ' ' : '';
    return before + words + after;
  });
}

/**
 * What intent matching and logs compare: lowercase, numbers as words, punctuation gone,
 * single spaces. Letters of every script stay (São Paulo stays "são paulo"); apostrophes inside
 * words stay, because "we'll" and "well" are different requests.
 */
export function normalizeTranscript(text: string): string {
  return expandNumbers(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Split normalised text into words. */
export function tokenize(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

export interface IntentDefinition {
  name: string;
  /** Matched against the normalised transcript; a match is strong evidence. Named groups become slots. */
  patterns: RegExp[];
  /** Each one present among the tokens is weak evidence. */
  keywords: string[];
}

export interface IntentMatch {
  intent: string;
  score: number;
  slots: Record<string, string>;
}

// A spoken quantity before a unit: "fifteen ", "twenty-five ", "an ", "half an ".
const NUM_WORDS =
  '(?:(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)[ -](?:and )?)+|(?:half )?an? )';

/** The intents a typical home voice bridge handles. */
export const DEFAULT_INTENTS: readonly IntentDefinition[] = [
  {
    name: 'timer_start',
    patterns: [
      new RegExp(`\\b(?:set|start|make)\\b.*\\btimer\\b(?:.*\\bfor (?<duration>${NUM_WORDS}(?:seconds?|minutes?|hours?)))?`),
      new RegExp(`\\btimer for (?<duration>${NUM_WORDS}(?:seconds?|minutes?|hours?))`),
      new RegExp(`\\b(?<duration>${NUM_WORDS}(?:seconds?|minutes?|hours?)) timer\\b`),
    ],
    keywords: ['timer', 'minutes', 'minute', 'seconds', 'hours', 'countdown'],
  },
  {
    name: 'timer_cancel',
    patterns: [/\b(?:cancel|stop|delete|clear)\b.*\btimers?\b/],
    keywords: ['cancel', 'timer'],
  },
  {
    name: 'alarm_set',
    patterns: [/\b(?:set|create)\b.*\balarm\b/, /\bwake me(?: up)?\b(?: at (?<time>.+))?/],
    keywords: ['alarm', 'wake', 'morning'],
  },
  {
    name: 'weather',
    patterns: [
      /\bweather\b(?:.*?\bin (?<location>[\p{L}' ]+?)(?= (?:at|on|today|tomorrow|this|tonight|next)\b|$))?/u,
      /\b(?:forecast|rain|raining|snow|sunny|temperature outside|umbrella)\b/,
    ],
    keywords: ['weather', 'forecast', 'rain', 'temperature', 'umbrella', 'degrees'],
  },
  {
    name: 'lights_on',
    patterns: [/\b(?:turn|switch) on\b.*\blights?\b/, /\blights? on\b/, /\bturn the (?<room>[\p{L} ]+) lights? on\b/u],
    keywords: ['lights', 'light', 'lamp', 'on'],
  },
  {
    name: 'lights_off',
    patterns: [/\b(?:turn|switch) off\b.*\blights?\b/, /\blights? off\b/, /\bturn the (?<room>[\p{L} ]+) lights? off\b/u],
    keywords: ['lights', 'light', 'lamp', 'off', 'dark'],
  },
  {
    name: 'music_play',
    patterns: [/\bplay (?:some )?(?<query>.+)/, /\b(?:resume|unpause) (?:the )?music\b/],
    keywords: ['play', 'music', 'song', 'playlist', 'radio', 'album'],
  },
  {
    name: 'volume',
    patterns: [/\bvolume\b/, /\b(?:louder|quieter|mute|unmute)\b/],
    keywords: ['volume', 'louder', 'quieter', 'mute'],
  },
  {
    name: 'time_query',
    patterns: [/\bwhat time is it\b/, /\bwhat's the time\b/, /\bwhat is the time\b/],
    keywords: ['time', 'clock'],
  },
  {
    name: 'shopping_list_add',
    patterns: [/\badd (?<item>.+?) to (?:my |the )?(?:shopping|grocery) list\b/, /\b(?:shopping|grocery) list\b/],
    keywords: ['add', 'shopping', 'grocery', 'list', 'buy'],
  },
  {
    name: 'thermostat',
    patterns: [/\b(?:set|turn) (?:the )?(?:heating|thermostat|temperature)\b/, /\bheating\b/, /\bthermostat\b/],
    keywords: ['heating', 'thermostat', 'temperature', 'warmer', 'colder', 'degrees'],
  },
  {
    name: 'calendar',
    patterns: [/\b(?:calendar|schedule|agenda|appointments?|meetings?)\b/],
    keywords: ['calendar', 'schedule', 'meeting', 'appointment', 'tomorrow', 'today'],
  },
];

const PATTERN_WEIGHT = 3;
const KEYWORD_WEIGHT = 1;
/** Keywords alone (score < this) are too weak: "the light was nice" is not a command. */
const MIN_SCORE = PATTERN_WEIGHT;

/**
 * Score each intent (3 per matching pattern, 1 per keyword among the tokens) and return the best
 * one if any pattern matched; null means "send it to the assistant as free text".
 */
export function matchIntent(
  normalized: string,
  tokens: readonly string[] = tokenize(normalized),
  intents: readonly IntentDefinition[] = DEFAULT_INTENTS,
): IntentMatch | null {
  const tokenSet = new Set(tokens);
  let best: IntentMatch | null = null;
  for (const def of intents) {
    let score = 0;
    const slots: Record<string, string> = {};
    for (const re of def.patterns) {
      const m = re.exec(normalized);
      if (!m) continue;
      score += PATTERN_WEIGHT;
      if (m.groups) {
        for (const [k, v] of Object.entries(m.groups)) if (v !== undefined && !(k in slots)) slots[k] = v.trim();
      }
    }
    for (const kw of def.keywords) if (tokenSet.has(kw)) score += KEYWORD_WEIGHT;
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { intent: def.name, score, slots };
  }
  return best;
}

/** Abbreviations whose period does not end a sentence (lowercase, without the dot). */
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'sr', 'jr', 'st', 'mt', 'ave', 'vs', 'etc', 'approx',
  'e.g', 'i.e', 'u.s', 'inc', 'ltd', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'fig',
]);
// Left out on purpose: words like "no", "min", "co", "a.m"/"p.m" end sentences too often in
// replies ("It starts at 7 p.m. Bring a coat."); a lowercase next word already keeps them inside.

export interface SentenceOptions {
  /** Sentences longer than this are further cut at commas/semicolons (TTS max_chunk_chars). */
  maxChars?: number;
}

/**
 * Split a reply into sentences for TTS. A period ends a sentence only when followed by space
 * and not preceded by a known abbreviation or a single initial, so "Dr. Smith", "3.5" and
 * "e.g. this" stay whole; "?!", "..." and closing quotes/brackets stay with their sentence.
 */
export function splitSentences(text: string, options: SentenceOptions = {}): string[] {
  const sentences: string[] = [];
  const src = text.replace(/\s+/g, ' ').trim();
  let start = 0;
  // A run of terminators, then any closing quotes/brackets, then whitespace or the end.
  const re = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const end = m.index + m[0].length;
    if (/^\.["'”’)\]]*$/.test(m[0])) {
      const before = src.slice(start, m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      // A single capital letter is an initial ("J. R. R. Tolkien"). A lowercase next word means
      // the sentence goes on ("at 9 a.m. on weekdays"): replies are well-formed text.
      const isInitial = /^\p{L}$/u.test(word) && /\p{Lu}$/u.test(before);
      const nextIsLower = /^\s*\p{Ll}/u.test(src.slice(end));
      if (ABBREVIATIONS.has(word) || isInitial || nextIsLower) continue;
    }
    const sentence = src.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const tail = src.slice(start).trim();
  if (tail) sentences.push(tail);
  return options.maxChars ? sentences.flatMap((s) => chunkLong(s, options.maxChars!)) : sentences;
}

/** Cut an over-long sentence at clause boundaries, then at spaces, so no chunk exceeds max. */
function chunkLong(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const chunks: string[] = [];
  let current = '';
  for (const part of sentence.split(/(?<=[,;:—])\s+/)) {
    const candidate = current ? `${current} ${part}` : part;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    if (part.length <= max) {
      current = part;
      continue;
    }
    current = '';
    for (const word of part.split(' ')) {
      const c = current ? `${current} ${word}` : word;
      if (c.length <= max || !current) current = c;
      else {
        chunks.push(current);
        current = word;
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
