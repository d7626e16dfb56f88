import { describe, expect, it } from 'vitest';
import {
  expandNumbers,
  matchIntent,
  normalizeTranscript,
  numberToWords,
  ordinalToWords,
  splitSentences,
  timeToWords,
  tokenize,
} from './text.js';

describe('numberToWords', () => {
  it.each([
    [0, 'zero'],
    [7, 'seven'],
    [15, 'fifteen'],
    [40, 'forty'],
    [99, 'ninety-nine'],
    [100, 'one hundred'],
    [101, 'one hundred one'],
    [1234, 'one thousand two hundred thirty-four'],
    [20_000, 'twenty thousand'],
    [999_999, 'nine hundred ninety-nine thousand nine hundred ninety-nine'],
  ])('%i → %s', (n, words) => expect(numberToWords(n)).toBe(words));

  it('refuses what it cannot say', () => {
    expect(() => numberToWords(1_000_000)).toThrow(RangeError);
    expect(() => numberToWords(-1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
  });

  it('says ordinals', () => {
    expect(ordinalToWords(3)).toBe('third');
    expect(ordinalToWords(21)).toBe('twenty-first');
    expect(ordinalToWords(40)).toBe('fortieth');
    expect(ordinalToWords(112)).toBe('one hundred twelfth');
  });
});

describe('times and numbers in text', () => {
  it('says clock times as people do', () => {
    expect(timeToWords(7, 30)).toBe('seven thirty');
    expect(timeToWords(7, 5)).toBe('seven oh five');
    expect(timeToWords(7, 0)).toBe("seven o'clock");
    expect(expandNumbers('at 7:30?')).toBe('at seven thirty?');
    expect(expandNumbers('at 17:45')).toBe('at seventeen forty-five');
  });

  it('handles decimals, thousands separators, percentages, ordinals and negatives', () => {
    expect(expandNumbers('3.5 cups')).toBe('three point five cups');
    expect(expandNumbers('1,234 people')).toBe('one thousand two hundred thirty-four people');
    expect(expandNumbers('30%')).toBe('thirty percent');
    expect(expandNumbers('March 3rd')).toBe('March third');
    expect(expandNumbers('it is -5 outside')).toBe('it is minus five outside');
    expect(expandNumbers('covid-19')).toBe('covid-nineteen');
    expect(expandNumbers('15min')).toBe('fifteen min');
  });

  it('reads long numbers and leading zeros digit by digit', () => {
    expect(expandNumbers('order 0045')).toBe('order zero zero four five');
    expect(expandNumbers('call 5551234567')).toBe('call five five five one two three four five six seven');
  });
});

describe('normalizeTranscript and tokenize', () => {
  it('lowercases, spells numbers and drops punctuation', () => {
    expect(normalizeTranscript('Set a timer for 15 minutes!')).toBe('set a timer for fifteen minutes');
    expect(normalizeTranscript("What's the weather in São Paulo at 7:30?")).toBe(
      "what's the weather in são paulo at seven thirty",
    );
    expect(normalizeTranscript('  “Play” ‘Jazz’ —  NOW... ')).toBe('play jazz now');
  });

  it('tokenises on single spaces and gives nothing for nothing', () => {
    expect(tokenize(normalizeTranscript('Turn ON the lights, please.'))).toEqual(['turn', 'on', 'the', 'lights', 'please']);
    expect(tokenize(normalizeTranscript('?!'))).toEqual([]);
  });
});

describe('matchIntent', () => {
  const intentOf = (text: string) => matchIntent(normalizeTranscript(text));

  it('finds the timer intent and its duration', () => {
    const m = intentOf('set a timer for 5 minutes');
    expect(m?.intent).toBe('timer_start');
    expect(m?.slots['duration']).toBe('five minutes');
  });

  it('tells on from off, and cancel from start', () => {
    expect(intentOf('Turn off the kitchen lights')?.intent).toBe('lights_off');
    expect(intentOf('turn the bedroom light on')?.intent).toBe('lights_on');
    expect(intentOf('cancel my timer')?.intent).toBe('timer_cancel');
  });

  it('extracts a location with non-ASCII letters', () => {
    const m = intentOf("What's the weather in São Paulo at 7:30?");
    expect(m?.intent).toBe('weather');
    expect(m?.slots['location']).toBe('são paulo');
  });

  it('leaves free-form questions to the assistant', () => {
    expect(intentOf('Tell me a joke about penguins')).toBeNull();
    // A keyword alone is not enough.
    expect(intentOf('the light in this photo is lovely')).toBeNull();
  });
});

describe('splitSentences', () => {
  it('keeps "Dr. Smith" and "3.5" inside their sentences', () => {
    expect(splitSentences('Dr. Smith recommends 3.5 hours of rest. Drink water!')).toEqual([
      'Dr. Smith recommends 3.5 hours of rest.',
      'Drink water!',
    ]);
  });

  it('handles initials, e.g., a.m., ellipses, quotes and ?!', () => {
    expect(
      splitSentences('It was written by J. R. R. Tolkien. Opens at 9 a.m. on Monday, e.g. tomorrow... Really?! "Yes." Done'),
    ).toEqual(['It was written by J. R. R. Tolkien.', 'Opens at 9 a.m. on Monday, e.g. tomorrow...', 'Really?!', '"Yes."', 'Done']);
  });

  it('cuts over-long sentences at clause boundaries, never above the limit', () => {
    const long =
      'The train from Berlin to Kraków takes about seven and a half hours, with one change in Wrocław, and tickets start at around thirty euros if you book early; night trains are slower but save you a hotel.';
    const chunks = splitSentences(long, { maxChars: 80 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 80)).toBe(true);
    expect(chunks.join(' ')).toBe(long);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('   ')).toEqual([]);
  });
});
