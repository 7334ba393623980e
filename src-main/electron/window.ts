// The main window: a sandboxed, context-isolated renderer whose only door to the app is the
// preload's window.sandlot. It may not open other windows or navigate away from the app.
import path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { VERSION_ARG } from '../../src-preload/bridge';
import { IPC_COMMAND, type UiCommand } from '../contract/bridge';
import { rendererLocation, type RendererLocation } from './rendererUrl';

export interface MainWindowOptions {
  version: string;
}

/** Where our renderer is loaded from; also what the IPC sender check compares against. */
export function ownRendererLocation(): RendererLocation {
  return rendererLocation({ isPackaged: app.isPackaged, devUrl: process.env['ELECTRON_RENDERER_URL'], mainDir: import.meta.dirname });
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Sandlot',
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      additionalArguments: [`${VERSION_ARG}${opts.version}`],
    },
  });
  win.once('ready-to-show', () => win.show());

  // Links meant for the outside world open in the user's browser; nothing opens inside the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());

  // The renderer asks for the API address and the rest over the bridge ('app.info').
  const location = ownRendererLocation();
  if (location.kind === 'dev') void win.loadURL(location.url);
  else void win.loadFile(location.path);
  return win;
}

/**
 * Hands a tray command to the window. A window created a moment ago is still loading and would
 * drop it, so the command waits for the page to finish loading.
 */
export function sendCommand(win: BrowserWindow, command: UiCommand): void {
  if (win.isDestroyed()) return;
  const send = (): void => {
    if (!win.isDestroyed()) win.webContents.send(IPC_COMMAND, command);
  };
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}
