// The one bridge the renderer uses: IPC inside Electron, HTTP in a browser. The React code
// never knows which.
import type { SandlotBridge } from '../../src-main/contract/bridge';
import { httpBridge } from './http';
import { ipcBridge } from './ipc';

export function createBridge(): SandlotBridge {
  return window.sandlot ? ipcBridge(window.sandlot) : httpBridge();
}

export { BridgeError } from './error';
