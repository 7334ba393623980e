// One usage stream for every sandbox on screen: the list's visible Running rows and the Usage
// tab `watch` ids; the feed keeps a single SSE connection for the set (asking for a new
// one-time link whenever the set changes) and a short history per id. Components subscribe to
// one id, so a frame re-renders only the sparklines and charts of the sandboxes it carries.
import { useEffect, useSyncExternalStore } from 'react';
import type { SandlotBridge } from '../../../src-main/contract/bridge';
import type { UsageFrame, UsageSample } from '../../../src-main/contract/inside';
import { useBridge } from '../../bridge/context';
import { readSse } from '../../lib/sse';
import { appendSample } from '../../lib/usage';

/** Rows come and go while the list scrolls: wait for the set to settle before reconnecting. */
const SETTLE_MS = 300;
const RETRY_MS = 2_000;
const EMPTY: readonly UsageSample[] = [];

export class UsageFeed {
  private readonly watchers = new Map<string, number>();
  private readonly history = new Map<string, readonly UsageSample[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private connectedKey = '';
  private abort: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly bridge: SandlotBridge) {}

  /** Asks for `id`'s usage until the returned function is called. */
  watch(id: string): () => void {
    this.watchers.set(id, (this.watchers.get(id) ?? 0) + 1);
    this.schedule();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.watchers.get(id) ?? 1) - 1;
      if (n > 0) this.watchers.set(id, n);
      else this.watchers.delete(id);
      this.schedule();
    };
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  samples(id: string): readonly UsageSample[] {
    return this.history.get(id) ?? EMPTY;
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reconnect();
    }, SETTLE_MS);
  }

  private reconnect(): void {
    const ids = [...this.watchers.keys()].sort();
    const key = ids.join(',');
    if (key === this.connectedKey && this.abort) return;
    this.abort?.abort();
    this.abort = null;
    this.connectedKey = key;
    // History of sandboxes nobody watches any more is dropped, so a long scroll does not pile up.
    for (const id of this.history.keys()) if (!this.watchers.has(id)) this.history.delete(id);
    if (ids.length === 0) return;
    const abort = new AbortController();
    this.abort = abort;
    void this.run(ids, abort.signal);
  }

  private async run(ids: string[], signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        // A link is good for one connection: a new one for every (re)connect.
        const { url } = await this.bridge.invoke('links.create', { purpose: 'usage', ids });
        if (signal.aborted) return;
        await readSse(url, signal, (data) => this.apply(JSON.parse(data) as UsageFrame));
      } catch {
        // Dropped, refused, or Sandlot restarting: the charts just pause; try again shortly.
      }
      if (!signal.aborted) await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  private apply(frame: UsageFrame): void {
    for (const [id, sample] of Object.entries(frame.samples)) {
      if (!this.watchers.has(id)) continue;
      const before = this.samples(id);
      const after = appendSample(before, sample);
      if (after === before) continue;
      this.history.set(id, after);
      this.listeners.get(id)?.forEach((l) => l());
    }
  }
}

const feeds = new WeakMap<SandlotBridge, UsageFeed>();

export function usageFeed(bridge: SandlotBridge): UsageFeed {
  let feed = feeds.get(bridge);
  if (!feed) feeds.set(bridge, (feed = new UsageFeed(bridge)));
  return feed;
}

/** The recent usage of `id` (newest last); watches it while `enabled`. */
export function useUsage(id: string, enabled: boolean): readonly UsageSample[] {
  const feed = usageFeed(useBridge());
  useEffect(() => (enabled ? feed.watch(id) : undefined), [feed, id, enabled]);
  return useSyncExternalStore(
    (l) => feed.subscribe(id, l),
    () => feed.samples(id),
  );
}
