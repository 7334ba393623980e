// Expiry and retention: a timer per expiring sandbox for precision, and a sweep every second
// that catches anything a timer missed (clock jumps, sleeps, very long timeouts) and purges
// Terminated and Failed sandboxes whose retention window has passed.
import type { SandboxRecord } from '../contract/sandbox';
import { isFinal, isLive } from './states';

// setTimeout cannot wait longer than this; longer expiries are left to the sweep.
const MAX_TIMER_MS = 2 ** 31 - 1;
const SWEEP_EVERY_MS = 1000;

export interface ExpiryHooks {
  all: () => readonly SandboxRecord[];
  nowMs: () => number;
  retentionMs: () => number;
  expire: (id: string) => void;
  purge: (id: string) => void;
}

export class ExpiryScheduler {
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly hooks: ExpiryHooks) {}

  start(): void {
    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }

  /** Sets, moves or clears the timer for one sandbox after any change to it. */
  track(r: SandboxRecord): void {
    const at = r.expiresAt && isLive(r.status.state) ? Date.parse(r.expiresAt) : null;
    const current = this.timers.get(r.id);
    if (current && current.at === at) return;
    if (current) clearTimeout(current.timer);
    this.timers.delete(r.id);
    if (at === null) return;
    const delay = at - this.hooks.nowMs();
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      this.timers.delete(r.id);
      this.hooks.expire(r.id);
    }, Math.max(0, delay));
    timer.unref();
    this.timers.set(r.id, { at, timer });
  }

  forget(id: string): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t.timer);
    this.timers.delete(id);
  }

  sweep(): void {
    const now = this.hooks.nowMs();
    const retention = this.hooks.retentionMs();
    for (const r of this.hooks.all()) {
      if (isLive(r.status.state) && r.expiresAt && Date.parse(r.expiresAt) <= now) this.hooks.expire(r.id);
      else if (isFinal(r.status.state) && r.finishedAt && Date.parse(r.finishedAt) + retention <= now) this.hooks.purge(r.id);
      else if (isLive(r.status.state) && !this.timers.has(r.id)) this.track(r);
    }
  }
}
