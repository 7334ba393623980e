// The renderer's side of contexts: tab availability on a remote server, the Add server form's
// own checks, and a context switch on the event stream reloading the snapshot and the list.
import { describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput, Channel, SandlotBridge } from '../../../src-main/contract/bridge';
import type { ContextList } from '../../../src-main/contract/contexts';
import type { EngineEvent, EngineStatus } from '../../../src-main/contract/sandbox';
import { checkNewServer } from '../../../src-renderer/features/contexts/AddServerDialog';
import { tabUnavailable } from '../../../src-renderer/features/detail/tabs';
import { createSandlotStore } from '../../../src-renderer/store';
import { currentContext, isRemote } from '../../../src-renderer/store/contexts';
import { startSession } from '../../../src-renderer/store/session';
import { record } from './fixtures';

const STATUS: EngineStatus = { docker: 'connected', detail: 'x', endpoint: 'e', since: '2030-01-01T00:00:00.000Z' };
const LOCAL: ContextList = { contexts: [{ id: 'local', kind: 'local', name: 'Local' }], current: 'local' };
const REMOTE: ContextList = { contexts: [...LOCAL.contexts, { id: 'remote-1', kind: 'opensandbox', name: 'staging', url: 'https://s' }], current: 'remote-1' };

describe('tabs on a remote server', () => {
  it('say every inside tab is local-only, whatever the state; Overview always works', () => {
    for (const tab of ['logs', 'terminal', 'files', 'usage'] as const) {
      expect(tabUnavailable(tab, record('a', { state: 'Running' }), true)).toMatch(/not available for a sandbox on a remote server/);
      expect(tabUnavailable(tab, record('a', { state: 'Running' }), false)).toBeUndefined();
    }
    expect(tabUnavailable('overview', record('a'), true)).toBeUndefined();
  });
});

describe('Add server form', () => {
  it('checks what it can before asking the server', () => {
    expect(checkNewServer({ name: ' ', url: 'sandbox.example.com', apiKey: '' })).toEqual({ name: expect.any(String), url: expect.any(String), apiKey: expect.any(String) });
    expect(checkNewServer({ name: 'staging', url: 'https://sandbox.example.com', apiKey: 'k' })).toEqual({});
  });
});

describe('a context switch', () => {
  it('drops queued events, reloads the snapshot and the context list', async () => {
    let listener: (e: EngineEvent) => void = () => undefined;
    let resync: () => void = () => undefined;
    let remote = false;
    const invoke = vi.fn(async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
      void input;
      const answers: Partial<Record<Channel, unknown>> = {
        'sandboxes.snapshot': { sandboxes: [remote ? record('r1') : record('l1')], engine: STATUS },
        'contexts.list': remote ? REMOTE : LOCAL,
        'settings.get': null,
        'app.info': null,
      };
      return answers[channel] as ChannelOutput<C>;
    });
    const bridge: SandlotBridge = {
      invoke: invoke as SandlotBridge['invoke'],
      subscribe(l, onResync) {
        listener = l;
        resync = onResync ?? (() => undefined);
        return () => undefined;
      },
    };
    const store = createSandlotStore();
    const stop = startSession(bridge, store);
    await vi.waitFor(() => expect(Object.keys(store.getState().sandboxes)).toEqual(['l1']));
    await vi.waitFor(() => expect(store.getState().contexts).toEqual(LOCAL));
    expect(isRemote(store.getState())).toBe(false);

    // A late event of the old context, then the switch: the event must not land after the new snapshot.
    listener({ type: 'sandbox', sandbox: record('l2') });
    remote = true;
    resync();
    await vi.waitFor(() => expect(store.getState().contexts).toEqual(REMOTE));
    await vi.waitFor(() => expect(Object.keys(store.getState().sandboxes)).toEqual(['r1']));
    await new Promise((r) => setTimeout(r, 50));
    expect(Object.keys(store.getState().sandboxes)).toEqual(['r1']);
    expect(currentContext(store.getState())?.name).toBe('staging');
    expect(isRemote(store.getState())).toBe(true);
    stop();
  });
});
