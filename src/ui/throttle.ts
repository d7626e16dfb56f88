/**
 * Tells subscribers about changes at most once per `intervalMs`, leading and trailing edge: the
 * first change at once, the last one always. The UI stores use it so the screens redraw a few
 * times a second however fast the engine's events come. `beforeNotify` runs once per
 * notification, so a store can build its snapshot there rather than per event.
 */
export class ThrottledNotifier {
  private readonly listeners = new Set<() => void>();
  private lastNotify = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    readonly now: () => number = () => performance.now(),
    private readonly beforeNotify: () => void = () => {},
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A change: notify now if the interval has passed, else once when it has. */
  schedule(): void {
    if (this.timer) return;
    const wait = this.lastNotify + this.intervalMs - this.now();
    if (wait <= 0) {
      this.notify();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.notify();
    }, wait);
  }

  /** A change that must be seen at once (the end of a run). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.notify();
  }

  /** Stops any pending notification (the screen that listened is gone). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private notify(): void {
    this.lastNotify = this.now();
    this.beforeNotify();
    for (const l of [...this.listeners]) l();
  }
}
