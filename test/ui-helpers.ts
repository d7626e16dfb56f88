/** Driving Ink components with ink-testing-library: keys, waiting for frames, plain text. */
import { expect, vi } from 'vitest';

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlU: '\x15',
} as const;

/** Without ANSI styles, so assertions read like the screen. */
export const plain = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Lets Ink read stdin and React commit (Ink flushes a lone escape after a short delay). */
export const tick = (ms = 15): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Writable { write(data: string): void }

/** Presses keys one at a time, as a person would, letting the screen catch up after each. */
export async function press(stdin: Writable, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await tick(k === KEY.escape ? 80 : 15);
  }
}

/** Waits until the frame satisfies `ok` (real engine runs take a while), or fails with the frame. */
export async function waitForFrame(lastFrame: () => string | undefined, ok: (frame: string) => boolean, timeoutMs = 20_000): Promise<string> {
  let frame = '';
  await vi.waitFor(
    () => {
      frame = plain(lastFrame());
      expect(ok(frame), `frame did not match in time:\n${frame}`).toBe(true);
    },
    { timeout: timeoutMs, interval: 25 },
  );
  return frame;
}
