// The desktop app's life: one instance per data folder, Sandlot (engine + API) started when
// Electron is ready, then its faces (IPC for the window, the tray, expiry notifications), one
// main window that closes to the tray, and a quit that applies the quit behaviour and closes
// the API before the process ends.
import { mkdir } from 'node:fs/promises';
import { app, BrowserWindow, dialog } from 'electron';
import type { UiCommand } from '../contract/bridge';
import type { EngineEvent } from '../contract/sandbox';
import { startSandlot, DEFAULT_PORT, VERSION, type RunningSandlot } from '../sandlot';
import { defaultHome } from '../store/paths';
import { runTrayAction, type TrayAction } from '../tray/actions';
import { registerIpc } from './ipc';
import { startExpiryNotifications } from './notifications';
import { shutdownSandlot } from './quitBehavior';
import { isOwnRendererUrl } from './rendererUrl';
import { openElectronSettingsFile } from './settingsFile';
import { createTray, type SandlotTray } from './tray';
import { trayActionDeps } from './trayActionDeps';
import { createMainWindow, ownRendererLocation, sendCommand } from './window';

/** Windows shows notifications only for an app with a user model id. */
const APP_USER_MODEL_ID = 'dev.sandlot.Sandlot';

export function runDesktopApp(): void {
  app.setName('Sandlot');
  // userData is the Sandlot data folder shared with headless mode (store/paths.ts): Electron's
  // own default would follow package.json's lowercase "sandlot". SANDLOT_HOME moves all of it,
  // including the single-instance lock, so two homes can run side by side.
  app.setPath('userData', defaultHome());
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let running: Promise<RunningSandlot> | undefined;
  let sandlot: RunningSandlot | undefined;
  let win: BrowserWindow | undefined;
  let tray: SandlotTray | undefined;
  /** Undoes what started after Sandlot: IPC, tray, notifications. */
  const stops: (() => void)[] = [];
  // Set once a real quit begins (tray Quit, Cmd+Q, a signal, logging out). Until then closing
  // the window only hides it to the tray, where the app keeps serving the API.
  let quitting = false;

  const showWindow = (command?: UiCommand): void => {
    if (!sandlot || quitting) return;
    if (!win || win.isDestroyed()) {
      const w = createMainWindow({ version: VERSION });
      w.on('close', (event) => {
        if (quitting || !tray) return;
        event.preventDefault();
        w.hide();
      });
      // Windows ends the session without before-quit; a hidden-instead-of-closed window would
      // hold up the logout.
      w.on('session-end', () => {
        quitting = true;
      });
      win = w;
    } else {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    if (command) sendCommand(win, command);
  };

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // Reached only when the window really closed, i.e. there is no tray to hide it to.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });

  // Quit waits for the quit behaviour (pause or delete the sandboxes, if set) and for the API and
  // engine to close, then quits for real.
  let shutdown: 'no' | 'closing' | 'done' = 'no';
  app.on('will-quit', (event) => {
    if (!running || shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    // Nothing may call the engine once it closes: no menu rebuilds, checks or IPC calls.
    for (const stop of stops.splice(0)) stop();
    tray = undefined;
    running
      .then((s) => shutdownSandlot(s))
      .catch((err: unknown) => console.error('sandlot: error while shutting down', err))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const startFaces = (s: RunningSandlot): void => {
    const location = ownRendererLocation();
    stops.push(registerIpc({ dispatcher: s.dispatcher, isOwnRenderer: (url) => isOwnRendererUrl(url, location) }));
    const actions = trayActionDeps({ sandlot: s, showWindow, quit: () => app.quit() });
    const run = (action: TrayAction): void => void runTrayAction(action, actions);
    try {
      const t = createTray({ engine: s.contexts, contexts: () => s.contexts.list(), run, showWindow });
      tray = t;
      stops.push(() => t.destroy());
    } catch (err) {
      // Some Linux desktops have no tray; the window then quits the app when closed.
      console.warn('sandlot: no system tray here; closing the window quits Sandlot', err);
    }
    // Expiry warnings follow the current context, like the tray: their Renew and Delete buttons
    // run tray actions, which work on the current context's sandboxes.
    const current = {
      snapshot: () => s.contexts.snapshot(),
      subscribe: (l: (e: EngineEvent) => void) =>
        s.contexts.subscribe((e) => {
          if (e.type !== 'context') l(e);
        }),
    };
    const notifier = startExpiryNotifications({ engine: current, run, showWindow });
    stops.push(() => notifier.stop());
  };

  void app.whenReady().then(async () => {
    const home = app.getPath('userData');
    // Private data folder (as headless makes it) before electron-store creates it with umask modes.
    running = mkdir(home, { recursive: true, mode: 0o700 }).then(() =>
      startSandlot({ home, port: DEFAULT_PORT, portFallback: true, settingsFile: openElectronSettingsFile(home), shell: 'desktop' }),
    );
    try {
      sandlot = await running;
    } catch (err) {
      dialog.showErrorBox('Sandlot could not start', err instanceof Error ? err.message : String(err));
      shutdown = 'done';
      app.exit(1);
      return;
    }
    // Quit was asked while Sandlot was starting: will-quit is already closing it.
    if (shutdown !== 'no') return;
    if (sandlot.fellBack) console.log(`sandlot: port ${DEFAULT_PORT} is taken; using ${sandlot.port} instead`);
    console.log(`sandlot: API listening on ${sandlot.url}/v1 (data in ${home})`);
    startFaces(sandlot);
    showWindow();
  });
}
