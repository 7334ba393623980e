// The bridge in a plain browser (headless mode): POST /bridge/{channel} and a server-sent event
// stream read with fetch (EventSource cannot send the custom header the server requires). The
// session is an http-only cookie; the API key never lands in the page or its storage.
import { WEB_BRIDGE_HEADER, WEB_BRIDGE_PREFIX, type BridgeResult, type Channel, type SandlotBridge } from '../../src-main/contract/bridge';
import type { ContextSwitched } from '../../src-main/contract/contexts';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import { BridgeError, unwrap } from './error';
import { readSseBody } from '../lib/sse';

const RECONNECT_MS = 1000;
const READ_ONLY = new Set<Channel>(['app.info', 'sandboxes.snapshot', 'sandboxes.endpoint', 'settings.get', 'settings.apiKey']);
const offline = () => new BridgeError({ code: 'OFFLINE', message: 'Sandlot is not answering; is it still running?' });

async function readEvents(signal: AbortSignal, onEvent: (e: EngineEvent | ContextSwitched) => void, onOpen: () => void): Promise<void> {
  const res = await fetch(`${WEB_BRIDGE_PREFIX}/events`, { headers: { [WEB_BRIDGE_HEADER]: '1' }, signal, credentials: 'same-origin' });
  if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
  onOpen();
  await readSseBody(res.body, (d) => onEvent(JSON.parse(d) as EngineEvent | ContextSwitched));
}

export function httpBridge(): SandlotBridge {
  return {
    async invoke(channel, input) {
      const send = () =>
        fetch(`${WEB_BRIDGE_PREFIX}/${channel}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', [WEB_BRIDGE_HEADER]: '1' },
          body: JSON.stringify({ input }),
        });
      let res: Response;
      try {
        res = await send();
      } catch {
        // Docker adding a network interface makes Chromium abort requests in flight
        // (ERR_NETWORK_CHANGED). Calls that change nothing are simply sent again.
        if (!READ_ONLY.has(channel)) throw offline();
        await new Promise((r) => setTimeout(r, 200));
        res = await send().catch(() => {
          throw offline();
        });
      }
      const body = (await res.json().catch(() => null)) as BridgeResult<unknown> | { code: string; message: string } | null;
      if (body && 'ok' in body) return unwrap(body);
      throw new BridgeError(body ?? { code: 'HTTP_ERROR', message: `Sandlot answered ${res.status}` });
    },
    subscribe(listener, onResync) {
      const abort = new AbortController();
      const loop = async () => {
        let first = true;
        while (!abort.signal.aborted) {
          try {
            // A context switch means "everything changed": the same as a reconnect.
            const onEvent = (e: EngineEvent | ContextSwitched) => (e.type === 'context' ? onResync?.() : listener(e));
            await readEvents(abort.signal, onEvent, () => {
              if (!first) onResync?.();
              first = false;
            });
          } catch {
            // Dropped (server restart, sleep): try again shortly.
          }
          if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, RECONNECT_MS));
        }
      };
      void loop();
      return () => abort.abort();
    },
  };
}
