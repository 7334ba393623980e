import { describe, expect, it, vi } from 'vitest';
import type { UiCommand } from '../../../src-main/contract/bridge';
import { apiEnvText, renewedExpiry, runTrayAction, type TrayActionDeps } from '../../../src-main/tray/actions';
import { record } from '../support';
import { FakeDispatcher, FakeEngine } from './fakeEngine';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

function harness(opts: { confirm?: boolean } = {}) {
  const engine = new FakeEngine();
  engine.records = [
    record({ id: 'abc12345-0000', state: 'Running', metadata: { name: 'web' }, expiresAt: new Date(NOW + 10 * 60_000).toISOString() }),
    record({ id: 'forever-0000', state: 'Running', expiresAt: null }),
  ];
  const dispatcher = new FakeDispatcher();
  const copied: string[] = [];
  const opened: string[] = [];
  const shown: (UiCommand | undefined)[] = [];
  const reports: string[] = [];
  const quit = vi.fn();
  const confirm = vi.fn(async () => opts.confirm ?? true);
  const deps: TrayActionDeps = {
    dispatcher,
    engine,
    apiPort: 8123,
    apiKey: () => 'sl_key',
    maxTimeoutSeconds: () => 86400,
    now: () => NOW,
    copy: (t) => copied.push(t),
    openExternal: async (url) => {
      opened.push(url);
    },
    showWindow: (c) => shown.push(c),
    confirm,
    quit,
    report: (m) => reports.push(m),
  };
  return { deps, engine, dispatcher, copied, opened, shown, reports, quit, confirm };
}

describe('tray actions', () => {
  it('copies the API env as two export lines with the live port and the current key', async () => {
    const h = harness();
    await runTrayAction({ type: 'copy-api-env' }, h.deps);
    expect(h.copied).toEqual(['export OPEN_SANDBOX_DOMAIN=127.0.0.1:8123\nexport OPEN_SANDBOX_API_KEY=sl_key\n']);
    expect(apiEnvText(1, 'k')).toBe('export OPEN_SANDBOX_DOMAIN=127.0.0.1:1\nexport OPEN_SANDBOX_API_KEY=k\n');
  });

  it('opens an endpoint with the URL the bridge gives for it', async () => {
    const h = harness();
    h.dispatcher.answers.set('sandboxes.endpoint', { ok: true, value: { endpoint: '127.0.0.1:40000', url: 'http://127.0.0.1:40000/', direct: true } });
    await runTrayAction({ type: 'open-endpoint', id: 'abc12345-0000', port: 80 }, h.deps);
    expect(h.dispatcher.handle).toHaveBeenCalledWith('sandboxes.endpoint', { id: 'abc12345-0000', port: 80 });
    expect(h.opened).toEqual(['http://127.0.0.1:40000/']);
  });

  it('pauses and resumes through the bridge dispatcher', async () => {
    const h = harness();
    await runTrayAction({ type: 'pause', id: 'abc12345-0000' }, h.deps);
    await runTrayAction({ type: 'resume', id: 'abc12345-0000' }, h.deps);
    expect(h.dispatcher.handle.mock.calls).toEqual([
      ['sandboxes.pause', { id: 'abc12345-0000' }],
      ['sandboxes.resume', { id: 'abc12345-0000' }],
    ]);
  });

  it('renews by an hour from the current expiry', async () => {
    const h = harness();
    await runTrayAction({ type: 'renew', id: 'abc12345-0000', seconds: 3600 }, h.deps);
    expect(h.dispatcher.handle).toHaveBeenCalledWith('sandboxes.renew', { id: 'abc12345-0000', expiresAt: new Date(NOW + 70 * 60_000).toISOString() });
  });

  it('caps a renewal at the maximum and counts from now for an expiry already past', () => {
    expect(renewedExpiry(new Date(NOW + 86000 * 1000).toISOString(), 3600, NOW, 86400)).toBe(new Date(NOW + 86400 * 1000).toISOString());
    expect(renewedExpiry(new Date(NOW - 1000).toISOString(), 3600, NOW, 86400)).toBe(new Date(NOW + 3600 * 1000).toISOString());
  });

  it('reports what failed, in the words of the bridge error', async () => {
    const h = harness();
    h.dispatcher.answers.set('sandboxes.pause', { ok: false, error: { code: 'CONFLICT', message: 'Sandbox abc is Paused; only a Running sandbox can be paused' } });
    await runTrayAction({ type: 'pause', id: 'abc12345-0000' }, h.deps);
    expect(h.reports).toEqual(['Could not pause web: Sandbox abc is Paused; only a Running sandbox can be paused']);
    await runTrayAction({ type: 'renew', id: 'forever-0000', seconds: 3600 }, h.deps);
    expect(h.reports[1]).toBe('Could not renew forever-: it never expires');
  });

  it('deletes only after the user confirms', async () => {
    const yes = harness({ confirm: true });
    await runTrayAction({ type: 'delete', id: 'abc12345-0000' }, yes.deps);
    expect(yes.confirm).toHaveBeenCalledWith(expect.objectContaining({ message: 'Delete web?', action: 'Delete' }));
    expect(yes.dispatcher.handle).toHaveBeenCalledWith('sandboxes.delete', { id: 'abc12345-0000' });
    const no = harness({ confirm: false });
    await runTrayAction({ type: 'delete', id: 'abc12345-0000' }, no.deps);
    expect(no.dispatcher.handle).not.toHaveBeenCalled();
  });

  it('hands window commands to the window, and runs pause all, resume all, copy id and quit', async () => {
    const h = harness();
    await runTrayAction({ type: 'new-sandbox' }, h.deps);
    await runTrayAction({ type: 'show-sandbox', id: 'abc12345-0000' }, h.deps);
    await runTrayAction({ type: 'open-window' }, h.deps);
    expect(h.shown).toEqual([{ type: 'new-sandbox' }, { type: 'show-sandbox', id: 'abc12345-0000' }, undefined]);
    await runTrayAction({ type: 'pause-all' }, h.deps);
    await runTrayAction({ type: 'resume-all' }, h.deps);
    expect(h.engine.calls).toEqual(['pauseAll', 'resumeAll']);
    await runTrayAction({ type: 'copy-id', id: 'abc12345-0000' }, h.deps);
    expect(h.copied).toEqual(['abc12345-0000']);
    await runTrayAction({ type: 'quit' }, h.deps);
    expect(h.quit).toHaveBeenCalledOnce();
  });
});

describe('tray context switch', () => {
  it('switches through the dispatcher, so every window hears of it', async () => {
    const { deps, dispatcher, reports } = harness();
    await runTrayAction({ type: 'select-context', id: 'remote-1' }, deps);
    expect(dispatcher.handle).toHaveBeenCalledWith('contexts.select', { id: 'remote-1' });
    dispatcher.answers.set('contexts.select', { ok: false, error: { code: 'NOT_FOUND', message: 'There is no context remote-1' } });
    await runTrayAction({ type: 'select-context', id: 'remote-1' }, deps);
    expect(reports).toEqual(['Could not switch context: There is no context remote-1']);
  });
});
