/**
 * Ink hands everything between two escape sequences to useInput as one string when it arrives in
 * one read: a paste, tmux send-keys, a fast typist over a slow SSH link — "jj", "20\r", "a\x15".
 * Screens act per key, so such a string is split into its characters, and the control
 * characters among them get the Key flags Ink would have given them alone.
 */
import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** One character as Ink's keypress parser would report it. */
export function keyOf(ch: string): [input: string, key: Key] {
  switch (ch) {
    case '\r':
    case '\n':
      return ['', { ...NO_KEY, return: true }];
    case '\t':
      return ['', { ...NO_KEY, tab: true }];
    case '\x7f':
      return ['', { ...NO_KEY, delete: true }];
    case '\b':
      return ['', { ...NO_KEY, backspace: true }];
  }
  const code = ch.codePointAt(0) ?? 0;
  // Ctrl-A … Ctrl-Z arrive as 0x01 … 0x1a.
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: /[A-Z]/.test(ch) }];
}

export function eachKey(input: string, key: Key, handle: (input: string, key: Key) => void): void {
  const chars = [...input];
  if (chars.length <= 1 || key.meta) {
    handle(input, key);
    return;
  }
  for (const ch of chars) handle(...keyOf(ch));
}
