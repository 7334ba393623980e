import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type BridgeResult } from '../../../src-main/contract/bridge';
import type { EngineEvent } from '../../../src-main/contract/sandbox';
import { registerIpc } from '../../../src-main/electron/ipc';
import { isOwnRendererUrl } from '../../../src-main/electron/rendererUrl';
import { BrowserWindow, ipcMain, resetFakeElectron, type FakeFrame } from './fakeElectron';
import { CONNECTED, FakeDispatcher, FakeEngine } from './fakeEngine';

vi.mock('electron', () => import('./fakeElectron'));

const PAGE = 'file:///app/out/renderer/index.html';
const own = (url: string) => isOwnRendererUrl(url, { kind: 'file', path: '/app/out/renderer/index.html' });

function invoke(frame: FakeFrame | null, channel: unknown, input: unknown): Promise<BridgeResult<unknown>> {
  const handler = ipcMain.handlers.get(IPC_INVOKE);
  if (!handler) throw new Error('no IPC_INVOKE handler registered');
  return Promise.resolve(handler({ senderFrame: frame, sender: {} }, channel, input)) as Promise<BridgeResult<unknown>>;
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  resetFakeElectron();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('IPC wiring', () => {
  it('registers IPC_INVOKE and passes our window\'s calls to the dispatcher', async () => {
    const dispatcher = new FakeDispatcher();
    dispatcher.answers.set('app.info', { ok: true, value: { version: '0.1.0' } });
    registerIpc({ dispatcher, isOwnRenderer: own });
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function));
    const result = await invoke({ url: `${PAGE}#/sandboxes`, parent: null }, 'app.info', null);
    expect(result).toEqual({ ok: true, value: { version: '0.1.0' } });
    expect(dispatcher.handle).toHaveBeenCalledWith('app.info', null);
  });

  it('refuses a foreign page, a child frame and a frame that is gone, without calling the dispatcher', async () => {
    const dispatcher = new FakeDispatcher();
    registerIpc({ dispatcher, isOwnRenderer: own });
    const top: FakeFrame = { url: PAGE, parent: null };
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: PAGE, parent: top }, null]) {
      const result = await invoke(frame, 'settings.apiKey', null);
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining("Sandlot's own window") } });
    }
    expect(dispatcher.handle).not.toHaveBeenCalled();
  });

  it('pushes every bridge event (engine events, context switches) to every open window', () => {
    const engine = new FakeEngine();
    registerIpc({ dispatcher: new FakeDispatcher(engine), isOwnRenderer: own });
    const a = new BrowserWindow({});
    const b = new BrowserWindow({});
    const closed = new BrowserWindow({});
    closed.close();
    const event: EngineEvent = { type: 'engine', status: CONNECTED };
    engine.emit(event);
    engine.emit({ type: 'removed', id: 'x' });
    expect(a.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, event],
      [IPC_EVENT, { type: 'removed', id: 'x' }],
    ]);
    expect(b.webContents.send).toHaveBeenCalledTimes(2);
    expect(closed.webContents.send).not.toHaveBeenCalled();
  });

  it('undoes both on dispose', () => {
    const engine = new FakeEngine();
    const dispose = registerIpc({ dispatcher: new FakeDispatcher(engine), isOwnRenderer: own });
    dispose();
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(false);
    expect(engine.listenerCount).toBe(0);
    // Registering again works (a second handler would throw in Electron).
    registerIpc({ dispatcher: new FakeDispatcher(engine), isOwnRenderer: own });
  });
});
