// Wires a bridge to a store: snapshot first, then live events (batched per frame), settings,
// app facts, the context list and the one-second clock. Never polls: a resync (a reconnect, or
// a switch to another context) reloads the snapshot and the context list.
import type { SandlotBridge } from '../../src-main/contract/bridge';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import { startClock } from './clock';
import type { SandlotStore } from './index';

const FLUSH_MS = 16;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function startSession(bridge: SandlotBridge, store: SandlotStore): () => void {
  const s = store.getState;
  let queue: EngineEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let snapshotting = false;
  /** Only the newest snapshot request may land: an older one may be another context's. */
  let latest = 0;

  const flush = () => {
    timer = null;
    const events = queue;
    queue = [];
    if (events.length > 0) s().applyEvents(events);
  };

  const loadSnapshot = async () => {
    snapshotting = true;
    const mine = ++latest;
    try {
      const snapshot = await bridge.invoke('sandboxes.snapshot', null);
      if (mine !== latest) return;
      // Events that arrived while the snapshot was on its way are newer: apply them after it.
      s().applySnapshot(snapshot);
      // Benchmark instrumentation (bench/renderer.ts): the data is in the store; React renders next.
      performance.mark('sandlot:snapshot-applied');
      flush();
    } catch (err) {
      if (mine === latest) s().pushToast('error', `Could not load sandboxes: ${message(err)}`);
    } finally {
      if (mine === latest) snapshotting = false;
    }
  };

  const loadContexts = () => bridge.invoke('contexts.list', null).then(s().setContexts, () => undefined);

  const resync = () => {
    // Events queued before the resync are older than the snapshot (or another context's).
    queue = [];
    if (timer !== null) clearTimeout(timer);
    timer = null;
    void loadSnapshot();
    void loadContexts();
  };

  const unsubscribe = bridge.subscribe(
    (e) => {
      queue.push(e);
      if (timer === null && !snapshotting) timer = setTimeout(flush, FLUSH_MS);
    },
    resync,
  );
  void loadSnapshot();
  void loadContexts();
  bridge.invoke('settings.get', null).then(s().setSettings, (err: unknown) => s().pushToast('error', `Could not load settings: ${message(err)}`));
  bridge.invoke('app.info', null).then(s().setAppInfo, () => undefined);
  const stopClock = startClock(s().tick);

  return () => {
    unsubscribe();
    stopClock();
    if (timer !== null) clearTimeout(timer);
  };
}
