/**
 * Supervises the soak's interaction process: starts it, watches its heartbeat, classifies its
 * death (exit, uncaught exception, out of memory, native fault, hang) and starts a new one where
 * the last left off, with a back-off so a probe that dies at once cannot spin the box.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildBatch, ChildMessage, ChildStart, CrashType } from './soak-types.js';

export interface SupervisorOptions {
  moduleUrl: string;
  periodMs: number;
  durationMs: number;
  timeoutMs: number;
  maxHeapMb: number;
  tmpDir: string;
  assetsDir: string;
  options: ChildStart['options'];
  onBatch: (b: ChildBatch) => void;
  onCrash: (c: { type: CrashType; message: string; interaction: number | null }) => void;
  /** The first process is ready: t0Ms is when the schedule starts (monotonic ms). */
  onReady: (setupMs: number, t0Ms: number) => void;
  /** The interaction process finished its schedule (or was stopped) normally. */
  onDone: () => void;
}

export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function childEntry(): { file: string; execArgv: string[] } {
  // Under vitest the engine runs from .ts sources: the child needs tsx to load them.
  const ts = import.meta.url.endsWith('.ts');
  return {
    file: new URL(`./soak-child.${ts ? 'ts' : 'js'}`, import.meta.url).pathname,
    execArgv: ts ? ['--import', 'tsx'] : [],
  };
}

export class Supervisor {
  private child: ChildProcess | null = null;
  private nextIndex = 0;
  private lastHeartbeat = 0;
  private inFlight: ChildBatch['inFlight'] = null;
  private stderrTail = '';
  private stopping = false;
  private finished = false;
  private watchdog: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private recentCrashes: number[] = [];
  private fatalMessage: string | null = null;
  private killedForHang = false;
  /** When interaction 0 was due; set by the first process once it is ready. */
  private t0Ms: number | null = null;

  constructor(private readonly o: SupervisorOptions) {}

  start(): void {
    this.spawn();
    this.watchdog = setInterval(() => this.checkHang(), Math.max(50, Math.min(1000, this.o.timeoutMs / 4)));
  }

  /** Ask the interaction process to finish its current interaction; kill it after graceMs. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.finish();
      this.o.onDone();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); }, graceMs);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      try { child.send({ t: 'stop' }); } catch { child.kill('SIGKILL'); }
    });
    this.finish();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private finish(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private spawn(): void {
    const entry = childEntry();
    this.stderrTail = '';
    this.fatalMessage = null;
    this.killedForHang = false;
    this.inFlight = null;
    const child = fork(entry.file, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${this.o.maxHeapMb}`],
      // stdout is drained and dropped: a probe's prints must never reach the TUI's screen.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    this.lastHeartbeat = monoMs();
    child.stdout?.resume();
    child.stderr?.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-4000); });
    child.on('message', (m: ChildMessage) => this.onMessage(m));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', () => { /* 'exit' follows and is what counts */ });
    const start: ChildStart = {
      t: 'start', moduleUrl: this.o.moduleUrl, t0Ms: this.t0Ms, periodMs: this.o.periodMs, startIndex: this.nextIndex,
      durationMs: this.o.durationMs, tmpDir: this.o.tmpDir, assetsDir: this.o.assetsDir, options: this.o.options,
    };
    child.send(start);
  }

  private onMessage(m: ChildMessage): void {
    this.lastHeartbeat = monoMs();
    switch (m.t) {
      case 'ready':
        if (this.t0Ms === null) {
          this.t0Ms = m.t0Ms;
          this.o.onReady(m.setupMs, m.t0Ms);
        }
        break;
      case 'batch':
        this.inFlight = m.inFlight;
        this.nextIndex = m.first + m.latency.length;
        this.o.onBatch(m);
        break;
      case 'fatal': this.fatalMessage = `${m.phase}: ${m.message}`; break;
      case 'done': this.finished = true; break;
    }
  }

  private checkHang(): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || this.killedForHang) return;
    const now = monoMs();
    const silent = now - this.lastHeartbeat;
    const running = this.inFlight ? now - this.inFlight.startedMs : 0;
    // Silent: stuck in synchronous code. Running long: an await that never settles.
    if (silent > this.o.timeoutMs || running > this.o.timeoutMs) {
      this.killedForHang = true;
      child.kill('SIGKILL');
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = null;
    if (this.finished || (this.stopping && !this.killedForHang)) {
      this.finish();
      this.o.onDone();
      return;
    }
    const interaction = this.inFlight?.index ?? null;
    const crash = this.classify(code, signal);
    this.o.onCrash({ ...crash, interaction });
    // The interaction that took the process down is done with: the next process starts after it.
    if (interaction !== null) this.nextIndex = Math.max(this.nextIndex, interaction + 1);
    if (this.stopping || (this.t0Ms !== null && monoMs() >= this.t0Ms + this.o.durationMs)) {
      this.finish();
      this.o.onDone();
      return;
    }
    // Back off when crashes come fast: 0 s, then 1, 2, 4 … 30 s while they keep coming.
    const now = monoMs();
    this.recentCrashes = this.recentCrashes.filter((t) => now - t < 60_000);
    this.recentCrashes.push(now);
    const n = this.recentCrashes.length;
    const delay = n <= 2 ? 0 : Math.min(30_000, 1000 * 2 ** (n - 3));
    this.restartTimer = setTimeout(() => { if (!this.stopping) this.spawn(); }, delay);
  }

  private classify(code: number | null, signal: NodeJS.Signals | null): { type: CrashType; message: string } {
    const tail = this.stderrTail.trim().split('\n').filter(Boolean).slice(-2).join(' | ').slice(0, 400);
    if (this.killedForHang) {
      return { type: 'hang', message: `interaction ${this.inFlight?.index ?? '?'} did not finish within the ${this.o.timeoutMs} ms timeout; the process was killed and replaced` };
    }
    if (this.fatalMessage?.startsWith('setup:')) return { type: 'setup', message: `setup failed: ${this.fatalMessage.slice(7)}` };
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(this.stderrTail)) {
      return { type: 'out-of-memory', message: `the interaction process ran out of memory (heap limit ${this.o.maxHeapMb} MB)` };
    }
    if (signal === 'SIGSEGV' || signal === 'SIGBUS' || signal === 'SIGILL' || signal === 'SIGFPE' || signal === 'SIGABRT') {
      return { type: 'native-fault', message: `the interaction process died of ${signal}${tail ? `: ${tail}` : ''}` };
    }
    if (signal) return { type: 'signal', message: `the interaction process was killed by ${signal}` };
    if (/^\s*(Uncaught|.*Error:)|^\s+at /m.test(this.stderrTail) && code === 1) {
      return { type: 'uncaught-exception', message: `uncaught exception: ${tail}` };
    }
    return { type: 'exit', message: `the interaction process exited with code ${code}${tail ? `: ${tail}` : ''}` };
  }
}
