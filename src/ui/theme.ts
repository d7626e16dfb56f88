/**
 * Colour, or none. Ink colours through chalk, and chalk 5 ignores NO_COLOR (it only reads
 * FORCE_COLOR and --no-color), so every component asks here instead of naming a colour itself.
 * Bold, dim and inverse are not colours and stay: the focused row must remain visible.
 */
import { createContext, useContext } from 'react';

/** https://no-color.org: set and non-empty means no colour. */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

export const ColorContext = createContext<boolean>(colorEnabled());

export type Tone = 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'blue' | 'magenta';

/** `tone('green')` is 'green' with colour on, undefined (the terminal's default) with NO_COLOR. */
export function useTone(): (t: Tone) => Tone | undefined {
  const enabled = useContext(ColorContext);
  return (t) => (enabled ? t : undefined);
}

export function useColorEnabled(): boolean {
  return useContext(ColorContext);
}
