// The desktop app's life: one instance per data folder, Sandlot (engine + API) started when
// Electron is ready, one main window, and a clean quit that closes the API first.
import { mkdir } from 'node:fs/promises';
import { app, BrowserWindow, dialog } from 'electron';
import { startSandlot, DEFAULT_PORT, VERSION, type RunningSandlot } from '../sandlot';
import { defaultHome } from '../store/paths';
import { openElectronSettingsFile } from './settingsFile';
import { createMainWindow } from './window';

export function runDesktopApp(): void {
  app.setName('Sandlot');
  // userData is the Sandlot data folder shared with headless mode (store/paths.ts): Electron's
  // own default would follow package.json's lowercase "sandlot". SANDLOT_HOME moves all of it,
  // including the single-instance lock, so two homes can run side by side.
  app.setPath('userData', defaultHome());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let running: Promise<RunningSandlot> | undefined;
  let sandlot: RunningSandlot | undefined;
  let win: BrowserWindow | undefined;

  const showWindow = (): void => {
    if (!sandlot) return;
    if (!win || win.isDestroyed()) {
      win = createMainWindow({ version: VERSION, apiUrl: `${sandlot.url}/v1` });
    } else {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the API and engine to close (sandboxes keep running), then quits for real.
  let shutdown: 'no' | 'closing' | 'done' = 'no';
  app.on('will-quit', (event) => {
    if (!running || shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    running
      .then((s) => s.close())
      .catch((err: unknown) => console.error('sandlot: error while shutting down', err))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  void app.whenReady().then(async () => {
    const home = app.getPath('userData');
    // Private data folder (as headless makes it) before electron-store creates it with umask modes.
    running = mkdir(home, { recursive: true, mode: 0o700 }).then(() =>
      startSandlot({ home, port: DEFAULT_PORT, portFallback: true, settingsFile: openElectronSettingsFile(home) }),
    );
    try {
      sandlot = await running;
    } catch (err) {
      dialog.showErrorBox('Sandlot could not start', err instanceof Error ? err.message : String(err));
      shutdown = 'done';
      app.exit(1);
      return;
    }
    if (sandlot.fellBack) console.log(`sandlot: port ${DEFAULT_PORT} is taken; using ${sandlot.port} instead`);
    console.log(`sandlot: API listening on ${sandlot.url}/v1 (data in ${home})`);
    showWindow();
  });
}
