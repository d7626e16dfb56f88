/**
 * One keyboard, one listener. Every screen used to call Ink's useInput itself; the App listened
 * too (for the help and the size guard). Ink calls those listeners in subscription order, which
 * changes as handlers re-subscribe on re-render, so one key could open the help in the screen
 * and close it again in the App. Here the App's router is the only useInput: it offers each key
 * to `before` (help, size guard) and, if not taken, to the screens that registered.
 * A screen rendered without a router (a component test) falls back to useInput.
 */
import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { keyOf } from './keys-input.js';
import { useLatest } from './use-sync-state.js';

export type KeyHandler = (input: string, key: Key) => void;

interface Router {
  add(handler: { current: KeyHandler }): () => void;
}

const RouterContext = createContext<Router | null>(null);

export interface KeyRouterProps {
  /** Sees every key first; returns true when it has handled it. */
  before?: (input: string, key: Key) => boolean;
  children: ReactNode;
}

export function KeyRouter({ before, children }: KeyRouterProps) {
  const handlers = useRef(new Set<{ current: KeyHandler }>());
  const latestBefore = useLatest(before);
  useInput((input, key) => {
    if (latestBefore.current?.(input, key)) return;
    // A snapshot: a handler that switches screens must not hand this key to the next screen.
    for (const h of [...handlers.current]) h.current(input, key);
  });
  const router = useMemo<Router>(
    () => ({
      add(handler) {
        handlers.current.add(handler);
        return () => handlers.current.delete(handler);
      },
    }),
    [],
  );
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** A screen's keys: through the App's router when there is one, straight from Ink otherwise. */
export function useKeys(handler: KeyHandler, active = true): void {
  const router = useContext(RouterContext);
  const latest = useLatest(handler);
  // A layout effect runs in the commit that draws the screen: once the screen is visible its keys
  // work (a passive effect could leave a key typed right after a screen change unheard).
  useLayoutEffect(() => {
    if (!router || !active) return;
    return router.add(latest);
  }, [router, active, latest]);
  useInput((input, key) => latest.current(input, key), { isActive: router === null && active });
}

export interface SummaryKeyActions {
  onQuit: () => void;
  onRerun: () => void;
  onBack: () => void;
  onHelp: () => void;
}

/** What every summary screen (bench or soak) takes besides its run's result. */
export interface SummaryScreenBase extends SummaryKeyActions {
  width: number;
  height: number;
  active?: boolean;
}

/** The keys of a summary screen (bench or soak): q quit, r rerun, b/esc back, ? help. */
export function useSummaryKeys(actions: SummaryKeyActions, active = true): void {
  const latest = useLatest(actions);
  useKeys((text, key) => {
    // One action per chunk: "rr" arriving together must not start two runs.
    const [input, k] = [...text].length > 1 ? keyOf([...text][0]!) : [text, key];
    const p = latest.current;
    if ((k.ctrl && input === 'c') || input === 'q') return p.onQuit();
    if (input === 'r') return p.onRerun();
    if (input === 'b' || k.escape) return p.onBack();
    if (input === '?') return p.onHelp();
  }, active);
}
