import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { startExpiryNotifications, type ExpiryNotifier } from '../../../src-main/electron/notifications';
import type { TrayAction } from '../../../src-main/tray/actions';
import { record } from '../support';
import { Notification, resetFakeElectron } from './fakeElectron';
import { FakeEngine } from './fakeEngine';

vi.mock('electron', () => import('./fakeElectron'));

const T0 = Date.parse('2026-01-01T12:00:00.000Z');
const MIN = 60_000;

function sandbox(expiresInMin: number): SandboxRecord {
  return record({ id: 'sb-1', state: 'Running', metadata: { name: 'web-dev' }, createdAt: new Date(T0 - 60 * MIN).toISOString(), expiresAt: new Date(T0 + expiresInMin * MIN).toISOString() });
}

let notifiers: ExpiryNotifier[] = [];
beforeEach(() => resetFakeElectron());
afterEach(() => {
  for (const n of notifiers.splice(0)) n.stop();
});

function setup(platform: NodeJS.Platform) {
  const engine = new FakeEngine();
  const clock = { now: T0 };
  const run = vi.fn<(a: TrayAction) => void>();
  const showWindow = vi.fn();
  const notifier = startExpiryNotifications({ engine, run, showWindow, platform, now: () => clock.now });
  notifiers.push(notifier);
  return { engine, clock, run, showWindow, notifier };
}

describe('expiry notifications', () => {
  it('notifies once when a sandbox enters its last five minutes, with a Renew +1 h button on macOS', () => {
    const { engine, run, showWindow, notifier } = setup('darwin');
    engine.records = [sandbox(5)];
    notifier.check();
    notifier.check();
    expect(Notification.instances).toHaveLength(1);
    const n = Notification.instances[0]!;
    expect(n.options.title).toBe('web-dev expires in 5 minutes');
    expect(n.options.actions).toEqual([{ type: 'button', text: 'Renew +1 h' }]);
    expect(n.show).toHaveBeenCalledOnce();
    n.emit('action', {}, 0);
    expect(run).toHaveBeenCalledWith({ type: 'renew', id: 'sb-1', seconds: 3600 });
    n.emit('click');
    expect(showWindow).toHaveBeenCalledWith({ type: 'show-sandbox', id: 'sb-1' });
  });

  it('has no button on Linux: a click opens the sandbox in the window', () => {
    const { engine, showWindow, notifier } = setup('linux');
    engine.records = [sandbox(4)];
    notifier.check();
    const n = Notification.instances[0]!;
    expect(n.options.actions).toBeUndefined();
    expect(n.options.body).toContain('Click to open it in Sandlot');
    n.emit('click');
    expect(showWindow).toHaveBeenCalledWith({ type: 'show-sandbox', id: 'sb-1' });
  });

  it('closes the notification once the sandbox is renewed past the window', () => {
    const { engine, notifier } = setup('win32');
    engine.records = [sandbox(3)];
    notifier.check();
    const n = Notification.instances[0]!;
    expect(n.options.actions).toHaveLength(1);
    engine.records = [sandbox(63)];
    notifier.check();
    expect(n.closed).toBe(true);
  });

  it('checks on engine events, and no more after stop', async () => {
    const { engine, clock, notifier } = setup('linux');
    engine.records = [sandbox(10)];
    notifier.check();
    expect(Notification.instances).toHaveLength(0);
    clock.now = T0 + 5.5 * MIN;
    engine.emit({ type: 'sandbox', sandbox: engine.records[0]! });
    expect(Notification.instances).toHaveLength(1);
    notifier.stop();
    expect(engine.listenerCount).toBe(0);
  });

  it('shows nothing where notifications are not supported', () => {
    Notification.supported = false;
    const { engine, notifier } = setup('linux');
    engine.records = [sandbox(4)];
    notifier.check();
    expect(Notification.instances).toHaveLength(0);
  });
});
