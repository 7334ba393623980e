import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { createTray, type SandlotTray } from '../../../src-main/electron/tray';
import { trayActionDeps } from '../../../src-main/electron/trayActionDeps';
import { runTrayAction, type TrayAction } from '../../../src-main/tray/actions';
import { record, sleep } from '../support';
import { clipboard, dialog, Menu, Notification, resetFakeElectron, shell, Tray } from './fakeElectron';
import { asRunning, fakeSandlot } from './fakeEngine';

vi.mock('electron', () => import('./fakeElectron'));

function running(id: string, name: string): SandboxRecord {
  return { ...record({ id, state: 'Running', metadata: { name }, createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString() }), ports: { '80': 40000 } };
}

let trays: SandlotTray[] = [];
beforeEach(() => resetFakeElectron());
afterEach(() => {
  for (const t of trays.splice(0)) t.destroy();
});

function setup(platform: NodeJS.Platform = 'linux') {
  const s = fakeSandlot();
  s.engine.records = [running('s1', 'web')];
  const run = vi.fn<(a: TrayAction) => void>();
  const showWindow = vi.fn();
  const tray = createTray({ engine: s.engine, run, showWindow, platform });
  trays.push(tray);
  const native = Tray.instances[0]!;
  return { s, run, showWindow, tray, native };
}

describe('tray (Electron side)', () => {
  it('shows an icon with 1× and 2× images and a menu built from the model', () => {
    const { native } = setup();
    expect(native.image.representations.map((r) => r.scaleFactor)).toEqual([1, 2]);
    expect(native.image.template).toBe(false);
    expect(native.toolTip).toBe('Sandlot: 1 running · 0 paused');
    expect(native.menu?.items[0]).toMatchObject({ label: '1 running · 0 paused', enabled: false });
    expect(native.menu?.find('web — Running')?.submenu).toBeDefined();
  });

  it('uses a template image on macOS', () => {
    const { native } = setup('darwin');
    expect(native.image.template).toBe(true);
  });

  it('runs the action of a clicked item', () => {
    const { native, run } = setup();
    native.menu?.find('Pause all')?.click?.();
    native.menu?.find('Open port 80 (127.0.0.1:40000)')?.click?.();
    expect(run.mock.calls).toEqual([[{ type: 'pause-all' }], [{ type: 'open-endpoint', id: 's1', port: 80 }]]);
  });

  it('opens the window on a click of the icon (not on macOS, where a click opens the menu)', () => {
    const linux = setup('linux');
    linux.native.emit('click');
    expect(linux.showWindow).toHaveBeenCalledOnce();
  });

  it('rebuilds on engine events, throttled, and stops on destroy', async () => {
    const { s, native, tray } = setup();
    const before = Menu.buildFromTemplate.mock.calls.length;
    s.engine.records = [running('s1', 'web'), running('s2', 'db')];
    for (let i = 0; i < 20; i++) s.engine.emit({ type: 'sandbox', sandbox: s.engine.records[1]! });
    await sleep(400);
    const rebuilds = Menu.buildFromTemplate.mock.calls.length - before;
    expect(rebuilds).toBeGreaterThanOrEqual(1);
    expect(rebuilds).toBeLessThanOrEqual(2);
    expect(native.menu?.items[0]).toMatchObject({ label: '2 running · 0 paused' });
    tray.destroy();
    expect(native.destroyed).toBe(true);
    expect(s.engine.listenerCount).toBe(0);
  });
});

describe('tray actions against Electron', () => {
  function deps(confirmResponse = 0) {
    const s = fakeSandlot();
    s.engine.records = [running('s1', 'web')];
    dialog.showMessageBox.mockResolvedValue({ response: confirmResponse, checkboxChecked: false });
    const showWindow = vi.fn();
    const quit = vi.fn();
    return { s, showWindow, quit, actions: trayActionDeps({ sandlot: asRunning(s), showWindow, quit }) };
  }

  it('copies the API env to the clipboard', async () => {
    const { actions } = deps();
    await runTrayAction({ type: 'copy-api-env' }, actions);
    expect(clipboard.writeText).toHaveBeenCalledWith('export OPEN_SANDBOX_DOMAIN=127.0.0.1:8123\nexport OPEN_SANDBOX_API_KEY=sl_test_key\n');
  });

  it("opens an endpoint in the browser with the dispatcher's URL", async () => {
    const { s, actions } = deps();
    s.dispatcher.answers.set('sandboxes.endpoint', { ok: true, value: { endpoint: 'x', url: 'http://127.0.0.1:8123/auth/link?token=t', direct: false } });
    await runTrayAction({ type: 'open-endpoint', id: 's1', port: 3000 }, actions);
    expect(s.dispatcher.handle).toHaveBeenCalledWith('sandboxes.endpoint', { id: 's1', port: 3000 });
    expect(shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:8123/auth/link?token=t');
  });

  it('asks with a dialog before deleting; Cancel keeps the sandbox', async () => {
    const yes = deps(0);
    await runTrayAction({ type: 'delete', id: 's1' }, yes.actions);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'Delete web?', buttons: ['Delete', 'Cancel'], cancelId: 1 }));
    expect(yes.s.dispatcher.handle).toHaveBeenCalledWith('sandboxes.delete', { id: 's1' });
    const no = deps(1);
    await runTrayAction({ type: 'delete', id: 's1' }, no.actions);
    expect(no.s.dispatcher.handle).not.toHaveBeenCalled();
  });

  it('reports a failure as a notification, or a dialog where there are none', async () => {
    const { s, actions } = deps();
    s.dispatcher.answers.set('sandboxes.pause', { ok: false, error: { code: 'DOCKER_UNAVAILABLE', message: 'Docker is not reachable' } });
    await runTrayAction({ type: 'pause', id: 's1' }, actions);
    expect(Notification.instances.at(-1)?.options.body).toBe('Could not pause web: Docker is not reachable');
    expect(Notification.instances.at(-1)?.show).toHaveBeenCalled();
    Notification.supported = false;
    await runTrayAction({ type: 'pause', id: 's1' }, actions);
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Sandlot', 'Could not pause web: Docker is not reachable');
  });
});
