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

/** The light soak fixture (~50 µs per interaction): a real soak of a few seconds without onnxruntime. */
export const LIGHT_PROBE = new URL('./fixtures/soak/light.mjs', import.meta.url).pathname;

/** A short real soak of the light fixture through the engine: every event it emitted, and its report. */
export async function recordLightSoak(
  flags: { duration?: string; rate?: string; healthInterval?: string; checkpointInterval?: string; criteria?: string[] } = {},
  stopAfterMs?: number,
) {
  const [{ mkdtempSync, rmSync }, { tmpdir }, path, { soakPlanFromFlags }, { runSoak }, { RunStore }, { assetsDir }] = await Promise.all([
    import('node:fs'), import('node:os'), import('node:path'),
    import('../src/commands/soak.js'), import('../src/engine/soak.js'), import('../src/engine/store.js'), import('../src/probes/registry.js'),
  ]);
  const plan = soakPlanFromFlags({ probe: LIGHT_PROBE, duration: '3s', rate: '20', healthInterval: '1s', checkpointInterval: '1s', ...flags });
  const dir = mkdtempSync(path.join(tmpdir(), 'soundcheck-soak-ui-'));
  const store = new RunStore(path.join(dir, 'runs.db'));
  const events: import('../src/engine/soak-types.js').SoakEvent[] = [];
  try {
    const controller = new AbortController();
    const timer = stopAfterMs !== undefined ? setTimeout(() => controller.abort(), stopAfterMs) : undefined;
    const report = await runSoak(plan, { store, assetsDir, sinks: [(e) => events.push(e)], tickMs: 200, signal: controller.signal });
    clearTimeout(timer);
    return { plan, events, report };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
