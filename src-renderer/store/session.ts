// Wires a bridge to a store: snapshot first, then live events (batched per frame), settings,
// app facts and the one-second clock. Never polls: a resync reloads the snapshot.
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

  const flush = () => {
    timer = null;
    const events = queue;
    queue = [];
    if (events.length > 0) s().applyEvents(events);
  };

  const loadSnapshot = async () => {
    snapshotting = true;
    try {
      const snapshot = await bridge.invoke('sandboxes.snapshot', null);
      // Events that arrived while the snapshot was on its way are newer: apply them after it.
      s().applySnapshot(snapshot);
      // Benchmark instrumentation (bench/renderer.ts): the data is in the store; React renders next.
      performance.mark('sandlot:snapshot-applied');
      flush();
    } catch (err) {
      s().pushToast('error', `Could not load sandboxes: ${message(err)}`);
    } finally {
      snapshotting = false;
    }
  };

  const unsubscribe = bridge.subscribe(
    (e) => {
      queue.push(e);
      if (timer === null && !snapshotting) timer = setTimeout(flush, FLUSH_MS);
    },
    () => void loadSnapshot(),
  );
  void loadSnapshot();
  bridge.invoke('settings.get', null).then(s().setSettings, (err: unknown) => s().pushToast('error', `Could not load settings: ${message(err)}`));
  bridge.invoke('app.info', null).then(s().setAppInfo, () => undefined);
  const stopClock = startClock(s().tick);

  return () => {
    unsubscribe();
    stopClock();
    if (timer !== null) clearTimeout(timer);
  };
}
