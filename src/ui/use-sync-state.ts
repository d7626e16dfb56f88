/**
 * State that key handlers can read back at once. Ink delivers the keys of one stdin chunk
 * ("20" then enter, from a paste or a fast typist over SSH) synchronously, one after another,
 * before React re-renders and before useInput re-subscribes the new handler; a handler reading
 * useState would see the state from before the first key. Here the latest value lives in a ref,
 * updated synchronously, and a render is requested for the screen to catch up.
 */
import { useCallback, useReducer, useRef } from 'react';

export function useSyncState<T>(initial: T | (() => T)): [current: () => T, set: (next: T | ((prev: T) => T)) => void] {
  const ref = useRef<{ value: T } | null>(null);
  if (ref.current === null) ref.current = { value: typeof initial === 'function' ? (initial as () => T)() : initial };
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const get = useCallback(() => ref.current!.value, []);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    const box = ref.current!;
    const value = typeof next === 'function' ? (next as (prev: T) => T)(box.value) : next;
    if (Object.is(value, box.value)) return;
    box.value = value;
    rerender();
  }, []);
  return [get, set];
}

/** The latest props, for handlers that may run before the re-render that would give them new ones. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
