/**
 * Every key of every screen, in one place: the help overlay lists these, the footers show the
 * first few. A key added to a screen without being added here is a key nobody finds.
 */
/** `soak` is the picker in soak mode. */
export type ScreenName = 'picker' | 'run' | 'summary' | 'soak' | 'soak-run' | 'soak-summary';

export interface KeyHelp {
  keys: string;
  action: string;
  /** Shown in the footer (the rest only in the help overlay). */
  footer?: string;
}

export const KEYS: Record<ScreenName, readonly KeyHelp[]> = {
  picker: [
    { keys: '↑/↓ or k/j', action: 'move between probes', footer: '↑↓' },
    { keys: 'space', action: 'select or deselect the probe', footer: 'space' },
    { keys: 'a', action: 'select all, or none if all are selected' },
    { keys: '+ / -', action: 'more / fewer iterations (by about 10 %)', footer: '+/-' },
    { keys: '0-9', action: 'type an iteration count (enter confirms, esc cancels)' },
    { keys: 't', action: "edit the probe's target, e.g. p(95)<20ms,max<100ms", footer: 't' },
    { keys: 'tab', action: 'switch between bench and soak mode', footer: 'tab' },
    { keys: 'enter', action: 'start the run', footer: 'enter' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
    { keys: 'q or Ctrl-C', action: 'quit', footer: 'q' },
  ],
  run: [
    { keys: '↑/↓ or k/j', action: 'choose the probe drawn in the chart', footer: '↑↓' },
    { keys: 'q or Ctrl-C', action: 'stop: the running probe ends, results so far are kept and written', footer: 'q' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
  ],
  soak: [
    { keys: '↑/↓ or k/j', action: 'move between the fields', footer: '↑↓' },
    { keys: 'enter', action: 'edit the field (empty = default), toggle quick, or start', footer: 'enter' },
    { keys: '0-9', action: 'type a new value into the field' },
    { keys: 'space', action: 'toggle quick (exactly 5 minutes)' },
    { keys: 's', action: 'start the soak', footer: 's' },
    { keys: 'tab', action: 'switch between bench and soak mode', footer: 'tab' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
    { keys: 'q or Ctrl-C', action: 'quit', footer: 'q' },
  ],
  'soak-run': [
    { keys: '↑/↓, k/j or tab', action: 'choose the series drawn as the big chart', footer: '↑↓' },
    { keys: 'q or Ctrl-C', action: 'stop gracefully (≤ 2 s); the reports are still written', footer: 'q' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
  ],
  'soak-summary': [
    { keys: 'r', action: 'run the same soak again', footer: 'r' },
    { keys: 'b or esc', action: 'back to the picker', footer: 'b' },
    { keys: 'q or Ctrl-C', action: 'quit', footer: 'q' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
  ],
  summary: [
    { keys: 'r', action: 'run the same probes again', footer: 'r' },
    { keys: 'b or esc', action: 'back to the picker', footer: 'b' },
    { keys: 'q or Ctrl-C', action: 'quit', footer: 'q' },
    { keys: '?', action: 'this help (any key closes it)', footer: '?' },
  ],
};

/** The footer's short labels. */
export const FOOTER_LABELS: Record<ScreenName, Record<string, string>> = {
  picker: { '↑↓': 'move', space: 'select', '+/-': 'iterations', t: 'target', tab: 'mode', enter: 'start', '?': 'help', q: 'quit' },
  run: { '↑↓': 'chart', q: 'stop', '?': 'help' },
  summary: { r: 'rerun', b: 'back', q: 'quit', '?': 'help' },
  soak: { '↑↓': 'move', enter: 'edit', s: 'start', tab: 'mode', '?': 'help', q: 'quit' },
  'soak-run': { '↑↓': 'chart', q: 'stop', '?': 'help' },
  'soak-summary': { r: 'rerun', b: 'back', q: 'quit', '?': 'help' },
};

export function footerHints(screen: ScreenName): [string, string][] {
  return KEYS[screen].filter((k) => k.footer).map((k) => [k.footer!, FOOTER_LABELS[screen][k.footer!] ?? k.action]);
}
