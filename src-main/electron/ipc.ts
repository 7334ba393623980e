// The window's door to the app: one IPC handler that passes bridge calls to the dispatcher (the
// same one the web bridge uses), and the current context's engine events (and context
// switches) pushed to every window. Calls from any frame
// that is not our own renderer's top frame are refused.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type BridgeResult } from '../contract/bridge';
import type { BridgeEvent } from '../contexts/contexts';

export interface IpcDeps {
  dispatcher: {
    handle(channel: unknown, input: unknown): Promise<BridgeResult<unknown>>;
    subscribe(listener: (e: BridgeEvent) => void): () => void;
  };
  /** Whether a frame URL is our renderer (rendererUrl.ts). */
  isOwnRenderer(frameUrl: string): boolean;
}

const REFUSED: BridgeResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: "Only Sandlot's own window may call the Sandlot bridge" },
};

function trusted(event: IpcMainInvokeEvent, isOwnRenderer: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  // null: the frame navigated away or is gone since it sent the call. A child frame (an iframe
  // of some page) is never ours: the renderer has none.
  if (!frame || frame.parent !== null) return false;
  return isOwnRenderer(frame.url);
}

/** Sends to every open window; a window closing meanwhile is skipped, not an error. */
export function sendToAllWindows(channel: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
    win.webContents.send(channel, payload);
  }
}

/** Registers the handler and the event push; returns the function that undoes both. */
export function registerIpc(deps: IpcDeps): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => {
    if (!trusted(event, deps.isOwnRenderer)) {
      console.warn(`sandlot: refused a bridge call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return REFUSED;
    }
    return deps.dispatcher.handle(channel, input);
  });
  const unsubscribe = deps.dispatcher.subscribe((e) => sendToAllWindows(IPC_EVENT, e));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
