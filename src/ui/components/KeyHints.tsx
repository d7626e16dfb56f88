/** The footer line of a screen: its main keys, as many as fit, and always `?` for the rest. */
import { Text } from 'ink';

export type Hint = readonly [key: string, action: string];

export function fitHints(hints: readonly Hint[], width: number): string {
  const parts = hints.map(([k, a]) => `${k} ${a}`);
  let out = '';
  for (const p of parts) {
    const next = out ? `${out}  ${p}` : p;
    if ([...next].length > width) break;
    out = next;
  }
  return out;
}

export function KeyHints({ hints, width }: { hints: readonly Hint[]; width: number }) {
  return <Text dimColor wrap="truncate-end">{fitHints(hints, width)}</Text>;
}
