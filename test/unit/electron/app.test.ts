import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_COMMAND, IPC_INVOKE } from '../../../src-main/contract/bridge';
import type { QuitBehavior } from '../../../src-main/contract/settings';
import { runDesktopApp } from '../../../src-main/electron/app';
import { startSandlot } from '../../../src-main/sandlot';
import { app, BrowserWindow, dialog, ipcMain, resetFakeElectron, Tray } from './fakeElectron';
import { fakeSandlot, type FakeSandlot } from './fakeEngine';

vi.mock('electron', () => import('./fakeElectron'));
// electron-store needs the Electron runtime; the wiring test only needs something file-like.
vi.mock('../../../src-main/electron/settingsFile', () => ({
  openElectronSettingsFile: () => ({ get: () => undefined, set: () => undefined, path: '/fake/config.json' }),
}));
const boot = vi.hoisted(() => ({ sandlot: undefined as unknown, error: undefined as Error | undefined }));
vi.mock('../../../src-main/sandlot', () => ({
  VERSION: '0.0.0-test',
  DEFAULT_PORT: 8080,
  startSandlot: vi.fn(async () => {
    if (boot.error) throw boot.error;
    return boot.sandlot;
  }),
}));

let home: string;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
let signalListeners: Map<NodeJS.Signals, NodeJS.SignalsListener[]>;
beforeEach(() => {
  resetFakeElectron();
  home = mkdtempSync(path.join(os.tmpdir(), 'sandlot-app-'));
  app.home = home;
  boot.error = undefined;
  // runDesktopApp hooks SIGINT/SIGTERM; each test takes its hooks off again.
  signalListeners = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  // Whatever a test left running (timers, listeners) stops with a quit.
  app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true));
  for (const [signal, before] of signalListeners) {
    for (const l of process.listeners(signal)) if (!before.includes(l)) process.off(signal, l);
  }
  rmSync(home, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function started(quitBehavior: QuitBehavior = 'keep'): Promise<FakeSandlot> {
  const s = fakeSandlot(quitBehavior);
  boot.sandlot = s;
  runDesktopApp();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
  return s;
}

function clickTray(label: string): void {
  const item = Tray.instances[0]?.menu?.find(label);
  if (!item?.click) throw new Error(`no tray item "${label}"`);
  item.click();
}

describe('desktop app wiring', () => {
  it('starts Sandlot as the desktop shell, then IPC, the tray and the window', async () => {
    const s = await started();
    expect(startSandlot).toHaveBeenCalledWith(expect.objectContaining({ home, shell: 'desktop', portFallback: true, settingsFile: expect.any(Object) }));
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(true);
    expect(Tray.instances).toHaveLength(1);
    expect(s.engine.listenerCount).toBeGreaterThanOrEqual(3); // IPC push, tray, notifications
    // No ?api= in the page URL any more: the renderer asks over the bridge.
    const win = BrowserWindow.instances[0]!;
    expect(win.loadFile).toHaveBeenCalledWith(expect.stringMatching(/renderer[/\\]index\.html$/));
    expect(win.loadFile.mock.calls[0]).toHaveLength(1);
  });

  it('closing the window hides it to the tray and keeps Sandlot running', async () => {
    const s = await started();
    const win = BrowserWindow.instances[0]!;
    win.show();
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.hide).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(s.close).not.toHaveBeenCalled();
    // "Open Sandlot" brings the same window back.
    clickTray('Open Sandlot');
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win.visible).toBe(true);
  });

  it("Quit from the tray with quitBehavior 'pause' pauses all, waits, closes Sandlot, then really quits", async () => {
    const s = await started('pause');
    clickTray('Quit Sandlot');
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(s.engine.calls).toEqual(['pauseAll', 'settle:10000', 'close']);
    expect(BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
    // Nothing may touch the engine after it closed.
    expect(Tray.instances[0]!.destroyed).toBe(true);
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(false);
    expect(s.engine.listenerCount).toBe(0);
  });

  it("quit with 'delete' deletes all first; with 'keep' it only closes", async () => {
    const del = await started('delete');
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(del.engine.calls).toEqual(['deleteAll', 'settle:10000', 'close']);
  });

  it("quit with 'keep' leaves the sandboxes alone", async () => {
    const keep = await started('keep');
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(keep.engine.calls).toEqual(['close']);
  });

  it('New sandbox… shows the window and sends it the command', async () => {
    await started();
    const win = BrowserWindow.instances[0]!;
    win.close(); // hidden
    clickTray('New sandbox…');
    expect(win.visible).toBe(true);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_COMMAND, { type: 'new-sandbox' });
  });

  it('waits for a new window to load before sending it a command', async () => {
    await started();
    const win = BrowserWindow.instances[0]!;
    win.webContents.loading = true;
    clickTray('New sandbox…');
    expect(win.webContents.send).not.toHaveBeenCalledWith(IPC_COMMAND, expect.anything());
    win.webContents.emit('did-finish-load');
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_COMMAND, { type: 'new-sandbox' });
  });

  it('a second instance brings the window up', async () => {
    await started();
    const win = BrowserWindow.instances[0]!;
    win.close();
    app.emit('second-instance');
    expect(win.visible).toBe(true);
  });

  it('without a system tray, closing the window quits', async () => {
    Tray.unavailable = true;
    const s = await started();
    BrowserWindow.instances[0]!.close();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(s.engine.calls).toEqual(['close']);
  });

  it('says why when Sandlot cannot start, and exits', async () => {
    boot.error = new Error('the port is taken');
    runDesktopApp();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Sandlot could not start', 'the port is taken');
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('a second copy quits at once when another holds the lock', () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    runDesktopApp();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });
});
