import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { eachKey, keyOf } from './keys-input.js';

const collect = (input: string, key: Partial<Key> = {}): string[] => {
  const out: string[] = [];
  eachKey(input, { ...keyOf('x')[1], ...key }, (i, k) => out.push(k.return ? '⏎' : k.ctrl ? `^${i}` : k.delete ? '⌫' : k.tab ? '⇥' : i));
  return out;
};

describe('eachKey', () => {
  it('splits characters that arrived together and recognises the control keys among them', () => {
    expect(collect('jj')).toEqual(['j', 'j']);
    expect(collect('20\r')).toEqual(['2', '0', '⏎']);
    expect(collect('a\x15\x7f\t')).toEqual(['a', '^u', '⌫', '⇥']);
  });
  it('passes a single key through untouched', () => {
    expect(collect('q')).toEqual(['q']);
    expect(collect('', { return: true })).toEqual(['⏎']);
  });
});
