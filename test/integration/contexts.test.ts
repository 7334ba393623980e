// Remote contexts: server A's UI face (dispatcher and web bridge) manages the sandboxes of
// server B, another real Sandlot, through B's Lifecycle API; A's own /v1 keeps serving only
// A's engine. Also: a wrong key or address is refused by field, and B going away and coming
// back shows in the status A reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import type { ContextList, SandboxContext } from '../../src-main/contract/contexts';
import { WEB_BRIDGE_HEADER, type BridgeResult } from '../../src-main/contract/bridge';
import type { EngineStatus, SandboxRecord } from '../../src-main/contract/sandbox';
import { startSandlot, type RunningSandlot } from '../../src-main/sandlot';
import { cleanup, client, createBody, freePort, startTestServer, tempHome, waitForState, type TestServer } from '../helpers/sandlot';

let a: TestServer;
let b: TestServer;
let remote: SandboxContext;

async function call<T>(channel: string, input: unknown): Promise<BridgeResult<T>> {
  return (await a.sandlot.dispatcher.handle(channel, input)) as BridgeResult<T>;
}

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await call<T>(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe('adding a remote server', () => {
  it('starts with Local only', async () => {
    expect(await ok<ContextList>('contexts.list', null)).toEqual({ contexts: [{ id: 'local', kind: 'local', name: 'Local' }], current: 'local' });
  });

  it('refuses a wrong key naming apiKey, an unreachable or bad address naming url, a taken name naming name', async () => {
    const wrongKey = await call('contexts.add', { name: 'b', url: b.url, apiKey: 'sl_wrong_key_0000000000' });
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'apiKey' } });
    expect(!wrongKey.ok && wrongKey.error.message).toMatch(/apiKey: the server refused this key \(401\)/);
    const port = await freePort();
    const away = await call('contexts.add', { name: 'b', url: `http://127.0.0.1:${port}`, apiKey: b.key });
    expect(away).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(!away.ok && away.error.message).toMatch(/could not reach the server: ECONNREFUSED/);
    expect(await call('contexts.add', { name: 'b', url: 'ftp://example.com', apiKey: b.key })).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(await call('contexts.add', { name: 'Local', url: b.url, apiKey: b.key })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect((await ok<ContextList>('contexts.list', null)).contexts).toHaveLength(1);
  });

  it('keeps a server that answers; its key stays in main, in the 0600 settings file', async () => {
    // A pasted URL with /v1 and a trailing slash is the same server.
    remote = await ok<SandboxContext>('contexts.add', { name: 'server B', url: `${b.url}/v1/`, apiKey: b.key });
    expect(remote).toEqual({ id: expect.stringMatching(/^remote-/), kind: 'opensandbox', name: 'server B', url: b.url });
    const list = await ok<ContextList>('contexts.list', null);
    expect(list.current).toBe('local');
    expect(JSON.stringify(list)).not.toContain(b.key);
    expect(a.sandlot.settings.remoteContexts()).toEqual([{ id: remote.id, name: 'server B', url: b.url, apiKey: b.key }]);
    expect(await call('contexts.add', { name: 'server b', url: b.url, apiKey: b.key })).toMatchObject({ ok: false, error: { field: 'name' } });
  });
});

describe('working on the remote server', () => {
  let id: string;

  it('switches with a context event on the web bridge, then answers B\'s snapshot', async () => {
    const link = new URL(a.sandlot.uiSignInUrl());
    const cookie = ((await fetch(link, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0]!;
    const abort = new AbortController();
    const stream = await fetch(`${a.url}/bridge/events`, { headers: { cookie, [WEB_BRIDGE_HEADER]: '1' }, signal: abort.signal });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const selected = await ok<ContextList>('contexts.select', { id: remote.id });
    expect(selected.current).toBe(remote.id);
    while (!text.includes('"type":"context"')) text += (await reader.read()).value ?? '';
    abort.abort();
    expect(text).toContain(`data: {"type":"context","current":"${remote.id}"}`);
    const snap = await ok<{ sandboxes: SandboxRecord[]; engine: EngineStatus }>('sandboxes.snapshot', null);
    expect(snap.engine).toMatchObject({ docker: 'connected', endpoint: b.url });
  });

  it('creates on B: in B\'s own /v1 list, not in A\'s', async () => {
    const created = await ok<SandboxRecord>('sandboxes.create', createBody({ metadata: { name: 'on B' } }));
    id = created.id;
    expect(created).toMatchObject({ image: 'sandlot-test/busybox:1', resourceLimits: { cpu: '500m', memory: '128Mi' }, metadata: { name: 'on B' } });
    await waitForState(b, id, 'Running');
    expect((await b.call<ListSandboxesResponse>('GET', '/v1/sandboxes')).body.items.map((s) => s.id)).toContain(id);
    expect((await a.call<ListSandboxesResponse>('GET', '/v1/sandboxes')).body.items.map((s) => s.id)).not.toContain(id);
    expect(a.sandlot.engine.snapshot().map((r) => r.id)).not.toContain(id);
    // A's events (polled from B) show it Running.
    await until('Running in A\'s view', async () => {
      const snap = await ok<{ sandboxes: SandboxRecord[] }>('sandboxes.snapshot', null);
      return snap.sandboxes.find((r) => r.id === id && r.status.state === 'Running');
    });
  });

  it('pauses, resumes, renews, tags, looks up an endpoint: each really on B', async () => {
    await ok('sandboxes.pause', { id });
    await waitForState(b, id, 'Paused');
    const conflict = await call('sandboxes.pause', { id });
    // B's own refusal, code and message, through A.
    expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Paused') } });
    await ok('sandboxes.resume', { id });
    await waitForState(b, id, 'Running');

    const current = (await b.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body;
    const later = new Date(Date.parse(current.expiresAt!) + 3600_000).toISOString();
    const renewed = await ok<SandboxRecord>('sandboxes.renew', { id, expiresAt: later });
    expect(renewed.expiresAt).toBe(later);
    expect((await b.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.expiresAt).toBe(later);

    const tagged = await ok<SandboxRecord>('sandboxes.patchMetadata', { id, patch: { team: 'remote' } });
    expect(tagged.metadata).toEqual({ name: 'on B', team: 'remote' });
    expect((await b.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.metadata).toEqual({ name: 'on B', team: 'remote' });
    const badTag = await call('sandboxes.patchMetadata', { id, patch: { 'bad key': 'x' } });
    expect(badTag).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'metadata.bad key' } });

    const endpoint = await ok<{ endpoint: string; url: string; direct: boolean }>('sandboxes.endpoint', { id, port: 8080 });
    const bHost = new URL(b.url).host;
    expect(endpoint).toEqual({ endpoint: `${bHost}/v1/sandboxes/${id}/proxy/8080`, url: `http://${bHost}/v1/sandboxes/${id}/proxy/8080/`, direct: false });
  });

  it('answers "not available for a remote server" for the inside of a sandbox', async () => {
    for (const [channel, input] of [
      ['links.create', { purpose: 'logs', id }],
      ['files.list', { id, path: '/' }],
      ['files.mkdir', { id, path: '/x' }],
      ['files.remove', { id, path: '/x' }],
    ] as const) {
      const r = await call(channel, input);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('not available for a remote server ("server B")') } });
    }
  });

  it('an unknown id is B\'s 404', async () => {
    expect(await call('sandboxes.pause', { id: 'no-such-sandbox' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deletes on B, and the removal reaches A\'s events', async () => {
    const events: string[] = [];
    const off = a.sandlot.dispatcher.subscribe((e) => {
      if (e.type === 'sandbox' && e.sandbox.id === id) events.push(e.sandbox.status.state);
    });
    await ok('sandboxes.delete', { id });
    await waitForState(b, id, 'Terminated');
    await until('Terminated event', () => (events.includes('Terminated') ? true : undefined));
    off();
  });

  it('back to Local: the local snapshot, and A\'s engine again', async () => {
    const local = await a.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'on A' } }));
    expect(local.status).toBe(202);
    await ok('contexts.select', { id: 'local' });
    const snap = await ok<{ sandboxes: SandboxRecord[]; engine: EngineStatus }>('sandboxes.snapshot', null);
    expect(snap.sandboxes.map((r) => r.id)).toEqual([local.body.id]);
    expect(snap.engine.endpoint).not.toBe(b.url);
    expect(a.sandlot.settings.currentContext()).toBe('local');
  });

  it('remove forgets the server, and going back to Local when it was current', async () => {
    await ok('contexts.select', { id: remote.id });
    const after = await ok<ContextList>('contexts.remove', { id: remote.id });
    expect(after).toEqual({ contexts: [{ id: 'local', kind: 'local', name: 'Local' }], current: 'local' });
    expect(a.sandlot.settings.remoteContexts()).toEqual([]);
    expect(await call('contexts.select', { id: remote.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('contexts.remove', { id: 'local' })).toMatchObject({ ok: false, error: { field: 'id' } });
  });
});

describe('a remote server that goes away', () => {
  it('shows unreachable within a few polls, and recovers when it is back; the choice survives a restart', async () => {
    const home = tempHome();
    const port = await freePort();
    const key = 'sl_fixed_key_for_the_outage_test';
    const startC = () => startSandlot({ home, port, uiRoot: null });
    process.env['SANDLOT_API_KEY'] = key;
    let c: RunningSandlot = await startC();
    delete process.env['SANDLOT_API_KEY'];
    try {
      const ctx = await ok<SandboxContext>('contexts.add', { name: 'flaky', url: c.url, apiKey: key });
      await ok('contexts.select', { id: ctx.id });
      const statuses: EngineStatus[] = [];
      const off = a.sandlot.dispatcher.subscribe((e) => {
        if (e.type === 'engine') statuses.push(e.status);
      });
      await until('connected', () => (a.sandlot.contexts.status.docker === 'connected' ? true : undefined));
      await c.close();
      const down = await until('unreachable', () => statuses.find((s) => s.docker === 'unreachable'));
      expect(down.detail).toMatch(/not reachable/);
      expect(await call('sandboxes.create', createBody())).toMatchObject({ ok: false, error: { code: 'REMOTE_UNREACHABLE' } });

      process.env['SANDLOT_API_KEY'] = key;
      c = await startC();
      delete process.env['SANDLOT_API_KEY'];
      await until('connected again', () => (statuses.at(-1)?.docker === 'connected' ? true : undefined));
      off();

      // A restarted A remembers the remote context as current.
      const again = await startSandlot({ home: a.home, port: 0, uiRoot: null });
      try {
        expect(again.contexts.list().current).toBe(ctx.id);
        expect(client(c.url, key)).toBeDefined();
      } finally {
        await again.close();
      }
      await ok('contexts.remove', { id: ctx.id });
    } finally {
      delete process.env['SANDLOT_API_KEY'];
      await c.close().catch(() => undefined);
      await cleanup(home);
    }
  });
});
