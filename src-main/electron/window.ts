// The main window: a sandboxed, context-isolated renderer whose only door to the app is the
// preload's window.sandlot. It may not open other windows or navigate away from the app.
import path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { VERSION_ARG } from '../../src-preload/bridge';

export interface MainWindowOptions {
  version: string;
  /** Base URL of the /v1 API, shown by the placeholder page. */
  apiUrl: string;
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

  // `electron-vite dev` serves the renderer with hot reload; a packaged app ignores the variable.
  const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    const url = new URL(devUrl);
    url.searchParams.set('api', opts.apiUrl);
    void win.loadURL(url.toString());
  } else {
    void win.loadFile(path.join(import.meta.dirname, '../renderer/index.html'), { query: { api: opts.apiUrl } });
  }
  return win;
}
