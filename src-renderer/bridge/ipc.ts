// The bridge in Electron: the preload's window.sandlot over IPC.
import type { SandlotBridge } from '../../src-main/contract/bridge';
import type { ContextSwitched } from '../../src-main/contract/contexts';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import type { PreloadApi } from '../../src-preload/bridge';
import { unwrap } from './error';

export function ipcBridge(api: PreloadApi): SandlotBridge {
  return {
    invoke: async (channel, input) => unwrap(await api.invoke(channel, input)),
    // Main pushes context switches on the same channel: a switch means "reload everything".
    subscribe: (listener, onResync) =>
      api.onEvent((e) => {
        const event = e as EngineEvent | ContextSwitched;
        if (event.type === 'context') onResync?.();
        else listener(event);
      }),
  };
}
