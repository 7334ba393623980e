// Live resource usage of Running sandboxes from Docker stats, shared by every watcher.
//
// One Docker stats stream per sandbox, refcounted: it starts with the first watcher and stops
// when the last one leaves, or when the sandbox leaves Running (paused, stopped, deleted).
// Docker sends a reading a second; the first has no previous one to compute CPU from, so a
// sandbox has a sample one to two seconds after its stream starts (Docker's collector ticks on
// its own clock). One-shot readers wait at most ~1.4 s, then take the first reading with the CPU
// averaged since the container started. They (the /usage route, execd's /metrics, which SDKs
// poll) also keep the stream warm for a few seconds after reading.
import type { UsageFrame, UsageSample } from '../contract/inside';
import type { EngineEvent } from '../contract/sandbox';
import { EngineError } from '../engine/errors';
import type { Feed } from '../runtime/observe';
import type { InsideDeps } from './deps';
import { cpuPercentSinceStart, usageSample } from './usageSample';

/** How long a one-shot reading may wait for a first CPU figure (Docker's second reading). */
export const FIRST_SAMPLE_WAIT_MS = 1400;
/** How long a one-shot reader keeps the stream alive, so that polling stays fast and cheap. */
const ONE_SHOT_LINGER_MS = 10_000;
export const FRAME_INTERVAL_MS = 1000;

interface Watcher {
  onSample?: (s: UsageSample) => void;
  onEnd?: () => void;
}

class Entry {
  feed: Feed | null = null;
  stopped = false;
  /** The latest complete reading (with a CPU figure). */
  latest: UsageSample | null = null;
  /**
   * The stream's first reading, which has no CPU figure of its own: for a one-shot reader that
   * cannot wait for the second, with the CPU averaged since the container started.
   */
  partial: UsageSample | null = null;
  readonly watchers = new Set<Watcher>();
  readonly waiters = new Set<(s: UsageSample) => void>();
}

/** A watcher's hold on one sandbox's stream. */
export interface UsageWatch {
  latest(): UsageSample | null;
  /** Gives up the hold; the stream stops when it was the last. Idempotent. */
  release(): void;
}

export class Usage {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(protected readonly deps: InsideDeps) {
    this.unsubscribe = deps.engine.subscribe((e) => this.onEngineEvent(e));
  }

  /** Watches a Running sandbox (EngineError 404 / 409 / 503 otherwise). */
  watch(id: string, w: Watcher = {}): UsageWatch {
    const containerId = this.deps.engine.runningContainer(id);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = new Entry();
      this.entries.set(id, entry);
      void this.begin(id, containerId, entry);
    }
    entry.watchers.add(w);
    const e = entry;
    let released = false;
    return {
      latest: () => (e.stopped ? null : e.latest),
      release: () => {
        if (released) return;
        released = true;
        e.watchers.delete(w);
        if (e.watchers.size === 0) this.end(id, e);
      },
    };
  }

  /**
   * One reading of a Running sandbox: the current one, or the first the stream gives (at most
   * about 1.4 s). 409 when the sandbox is not Running.
   */
  async sample(id: string): Promise<UsageSample> {
    const hold = this.watch(id);
    const entry = this.entries.get(id);
    this.later(() => hold.release(), ONE_SHOT_LINGER_MS);
    const now = hold.latest();
    if (now || !entry) return now ?? this.gone(id);
    const first = await new Promise<UsageSample | null>((resolve) => {
      const timer = setTimeout(() => {
        entry.waiters.delete(resolve);
        resolve(null);
      }, FIRST_SAMPLE_WAIT_MS);
      entry.waiters.add((s) => {
        clearTimeout(timer);
        resolve(s);
      });
    });
    if (first) return first;
    if (entry.partial && !entry.stopped) return entry.partial;
    return this.gone(id);
  }

  /**
   * Frames for a set of sandboxes, about once a second, until `stop()`: a sandbox is in a frame
   * while it is Running (watching starts again when a paused one resumes).
   */
  frames(ids: string[], onFrame: (f: UsageFrame) => void): Feed {
    const holds = new Map<string, UsageWatch>();
    let lastSent = 0;
    let pending: NodeJS.Timeout | null = null;
    let stopped = false;
    const send = () => {
      pending = null;
      if (stopped) return;
      const samples: Record<string, UsageSample> = {};
      for (const [id, h] of holds) {
        const s = h.latest();
        if (s) samples[id] = s;
      }
      lastSent = Date.now();
      onFrame({ samples });
    };
    // Readings of several sandboxes arrive together (Docker's collector ticks once a second):
    // one frame carries them all.
    const soon = () => {
      if (!pending && !stopped) pending = setTimeout(send, 50);
    };
    const refresh = () => {
      for (const id of ids) {
        if (holds.has(id)) continue;
        try {
          holds.set(id, this.watch(id, { onSample: soon, onEnd: () => (holds.delete(id), soon()) }));
        } catch {
          // Not Running (or unknown, or Docker away): not in frames until it runs.
        }
      }
    };
    refresh();
    send();
    const tick = setInterval(() => {
      refresh();
      // Readings drive the frames; without any (nothing Running, or Docker late), the tick
      // does, so the UI still sees the stream alive and sandboxes leaving.
      const quiet = Date.now() - lastSent;
      if (holds.size === 0 ? quiet >= FRAME_INTERVAL_MS - 50 : quiet >= FRAME_INTERVAL_MS * 1.5) send();
    }, FRAME_INTERVAL_MS);
    return {
      stop: () => {
        if (stopped) return;
        stopped = true;
        clearInterval(tick);
        if (pending) clearTimeout(pending);
        for (const h of holds.values()) h.release();
        holds.clear();
      },
    };
  }

  /** How many Docker stats streams are open (for tests and diagnostics). */
  get streams(): number {
    return this.entries.size;
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const [id, e] of [...this.entries]) this.end(id, e);
  }

  private async begin(id: string, containerId: string, entry: Entry): Promise<void> {
    const observe = this.deps.runtime.observe;
    try {
      const { nanoCpus, startedAt } = await observe.limits(containerId);
      if (entry.stopped) return;
      const feed = await observe.stats(
        containerId,
        (stats) => {
          const { sample, cpuKnown } = usageSample(stats, nanoCpus);
          if (!cpuKnown) {
            entry.partial = { ...sample, cpuPercent: cpuPercentSinceStart(stats, startedAt) };
            return;
          }
          entry.latest = sample;
          for (const w of entry.waiters) w(sample);
          entry.waiters.clear();
          for (const w of entry.watchers) w.onSample?.(sample);
        },
        () => this.end(id, entry),
      );
      if (entry.stopped) feed.stop();
      else entry.feed = feed;
    } catch {
      // The container went away between the state check and here, or Docker did.
      this.end(id, entry);
    }
  }

  private end(id: string, entry: Entry): void {
    if (entry.stopped) return;
    entry.stopped = true;
    entry.feed?.stop();
    if (this.entries.get(id) === entry) this.entries.delete(id);
    const watchers = [...entry.watchers];
    entry.watchers.clear();
    for (const w of watchers) w.onEnd?.();
  }

  private onEngineEvent(e: EngineEvent): void {
    const id = e.type === 'removed' ? e.id : e.type === 'sandbox' && e.sandbox.status.state !== 'Running' ? e.sandbox.id : null;
    if (id === null) return;
    const entry = this.entries.get(id);
    if (entry) this.end(id, entry);
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** Why there is no reading: the sandbox stopped meanwhile, or Docker did not answer. */
  private gone(id: string): never {
    this.deps.engine.runningContainer(id);
    throw new EngineError('unavailable', `Docker gave no usage reading for sandbox ${id} in time`);
  }
}
