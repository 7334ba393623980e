// The bridge in Electron: the preload's window.sandlot over IPC.
import type { SandlotBridge } from '../../src-main/contract/bridge';
import type { PreloadApi } from '../../src-preload/bridge';
import { unwrap } from './error';

export function ipcBridge(api: PreloadApi): SandlotBridge {
  return {
    invoke: async (channel, input) => unwrap(await api.invoke(channel, input)),
    subscribe: (listener) => api.onEvent(listener),
  };
}
