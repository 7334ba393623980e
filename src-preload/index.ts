// Preload for a window with contextIsolation and sandbox on: built as one CommonJS file, it may
// require only `electron`. Exposes one small object, window.sandlot; main validates every call.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_COMMAND, IPC_EVENT, IPC_INVOKE, type BridgeResult, type Channel, type UiCommand } from '../src-main/contract/bridge';
import type { EngineEvent } from '../src-main/contract/sandbox';
import { VERSION_ARG, type PreloadApi } from './bridge';

const versionArg = process.argv.find((arg) => arg.startsWith(VERSION_ARG));

const api: PreloadApi = {
  version: versionArg ? versionArg.slice(VERSION_ARG.length) : 'unknown',
  platform: process.platform,
  invoke: (channel: Channel, input: unknown) => ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<BridgeResult<unknown>>,
  onEvent(listener: (e: EngineEvent) => void) {
    const handler = (_event: IpcRendererEvent, e: EngineEvent) => listener(e);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT, handler);
    };
  },
  onCommand(listener: (c: UiCommand) => void) {
    const handler = (_event: IpcRendererEvent, c: UiCommand) => listener(c);
    ipcRenderer.on(IPC_COMMAND, handler);
    return () => {
      ipcRenderer.off(IPC_COMMAND, handler);
    };
  },
};

contextBridge.exposeInMainWorld('sandlot', api);
