// The browser face: a one-time sign-in link exchanged for an http-only cookie, the bridge
// channels over HTTP (validated like IPC), the event stream, and endpoint links that sign a
// browser in to one sandbox port only.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, WEB_BRIDGE_HEADER, type BridgeErrorBody, type BridgeResult, type Channel, type ChannelOutput } from '../../src-main/contract/bridge';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import { webServers } from '../fixtures/workloads';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
let cookie = '';

beforeAll(async () => {
  s = await startTestServer();
  const link = new URL(s.sandlot.uiSignInUrl());
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/');
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/^sandlot_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
  cookie = set.split(';')[0]!;
});
afterAll(async () => s?.stop());

/** The envelope a channel answers with (any channel name may be sent, known or not). */
type Answer<C extends string> = BridgeResult<C extends Channel ? ChannelOutput<C> : unknown>;

async function bridge<C extends string>(channel: C, input: unknown, headers: Record<string, string> = { cookie, [WEB_BRIDGE_HEADER]: '1' }): Promise<{ status: number; body: Answer<C> }> {
  const res = await fetch(`${s.url}/bridge/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, body: (await res.json()) as Answer<C> };
}

/** The value of an answer that should have succeeded (fails the test with its error otherwise). */
function valueOf<T>(r: { body: BridgeResult<T> }): T {
  if (!r.body.ok) throw new Error(`the bridge refused: ${JSON.stringify(r.body.error)}`);
  return r.body.value;
}

function errorOf(r: { body: BridgeResult<unknown> }): BridgeErrorBody | undefined {
  return r.body.ok ? undefined : r.body.error;
}

describe('sign-in', () => {
  it('uses a sign-in link once only', async () => {
    const link = s.sandlot.uiSignInUrl();
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(302);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('already used');
  });

  it('refuses the bridge without the cookie, without the header, or with the API key instead', async () => {
    expect((await bridge('sandboxes.snapshot', null, { [WEB_BRIDGE_HEADER]: '1' })).status).toBe(401);
    expect((await bridge('sandboxes.snapshot', null, { cookie })).status).toBe(403);
    expect((await bridge('sandboxes.snapshot', null, { 'OPEN-SANDBOX-API-KEY': s.key, [WEB_BRIDGE_HEADER]: '1' })).status).toBe(401);
    // The session cookie does not open the /v1 API either.
    expect((await fetch(`${s.url}/v1/sandboxes`, { headers: { cookie } })).status).toBe(401);
  });

  it('serves the UI at / without secrets in the page', async () => {
    const res = await fetch(`${s.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toContain(s.key);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('channels', () => {
  it('answers every channel, and validates input like IPC does', async () => {
    for (const channel of CHANNELS) {
      const res = await bridge(channel, { surely: 'not valid' });
      expect(res.status, channel).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(errorOf(res)?.code).toBe('INVALID_REQUEST');
    }
    const unknown = await bridge('sandboxes.explode', null);
    expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
  });

  it('creates, renews, tags, pauses, resumes and deletes through the bridge, with events on the stream', async () => {
    const events: EngineEvent[] = [];
    const abort = new AbortController();
    const stream = await fetch(`${s.url}/bridge/events`, { headers: { cookie, [WEB_BRIDGE_HEADER]: '1' }, signal: abort.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    void (async () => {
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += value;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as EngineEvent);
        }
      }
    })();

    const created = await bridge('sandboxes.create', createBody({ metadata: { name: 'from the UI' } }));
    expect(created.status).toBe(200);
    const id = valueOf(created).id;
    await waitForState(s, id, 'Running');
    const later = new Date(Date.parse(valueOf(created).expiresAt!) + 3600_000).toISOString();
    expect(valueOf(await bridge('sandboxes.renew', { id, expiresAt: later })).expiresAt).toBe(later);
    expect(valueOf(await bridge('sandboxes.patchMetadata', { id, patch: { team: 'ui' } })).metadata).toEqual({ name: 'from the UI', team: 'ui' });
    const badTag = await bridge('sandboxes.patchMetadata', { id, patch: { 'bad key': 'x' } });
    expect(badTag.body.ok).toBe(false);
    expect(errorOf(badTag)?.field).toBe('metadata.bad key');
    expect((await bridge('sandboxes.pause', { id })).body.ok).toBe(true);
    await waitForState(s, id, 'Paused');
    const conflict = await bridge('sandboxes.pause', { id });
    expect(errorOf(conflict)?.code).toBe('CONFLICT');
    expect((await bridge('sandboxes.resume', { id })).body.ok).toBe(true);
    await waitForState(s, id, 'Running');
    expect((await bridge('sandboxes.delete', { id })).body.ok).toBe(true);
    await waitForState(s, id, 'Terminated');
    await new Promise((r) => setTimeout(r, 200));
    abort.abort();
    const states = events.filter((e) => e.type === 'sandbox' && e.sandbox.id === id).map((e) => (e.type === 'sandbox' ? e.sandbox.status.state : ''));
    expect(states).toEqual(expect.arrayContaining(['Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Terminated']));
  });

  it('names the field of a bad create, and creates nothing', async () => {
    const res = await bridge('sandboxes.create', createBody({ resourceLimits: { cpu: 'lots' } }));
    expect(res.body.ok).toBe(false);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_REQUEST', field: 'resourceLimits.cpu' });
    const snap = await bridge('sandboxes.snapshot', null);
    expect(valueOf(snap).sandboxes.filter((r) => r.status.state !== 'Terminated')).toEqual([]);
    expect(valueOf(snap).engine.docker).toBe('connected');
  });

  it('reads, checks and saves settings; hands out the key only on request', async () => {
    const got = await bridge('settings.get', null);
    expect(valueOf(got)).not.toHaveProperty('apiKey');
    const saved = await bridge('settings.update', { defaultTimeoutSeconds: 1800, theme: 'dark' });
    expect(valueOf(saved)).toMatchObject({ defaultTimeoutSeconds: 1800, theme: 'dark' });
    const bad = await bridge('settings.update', { maxTimeoutSeconds: 5 });
    expect(bad.body.ok).toBe(false);
    expect(errorOf(bad)?.field).toBe('maxTimeoutSeconds');
    expect(valueOf(await bridge('settings.apiKey', null)).apiKey).toBe(s.key);
    const info = await bridge('app.info', null);
    expect(valueOf(info)).toMatchObject({ apiUrl: s.url, shell: 'web' });
  });
});

describe('endpoint links', () => {
  it('signs a browser in to one sandbox port, sandboxed by CSP, and to nothing else', async () => {
    const created = await bridge('sandboxes.create', createBody({ entrypoint: webServers() }));
    const id = valueOf(created).id;
    await waitForState(s, id, 'Running');
    const direct = valueOf(await bridge('sandboxes.endpoint', { id, port: 8000 }));
    expect(direct).toMatchObject({ direct: true });
    expect(direct.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const proxied = valueOf(await bridge('sandboxes.endpoint', { id, port: 9000 }));
    expect(proxied.direct).toBe(false);
    const signIn = await fetch(proxied.url, { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    const target = signIn.headers.get('location')!;
    expect(target).toBe(`/v1/sandboxes/${id}/proxy/9000/`);
    const proxyCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(signIn.headers.get('set-cookie')).toContain(`Path=${target}`);

    let page: Response | null = null;
    for (let i = 0; i < 50 && page?.status !== 200; i++) {
      page = await fetch(`${s.url}${target}index.html`, { headers: { cookie: proxyCookie } });
      if (page.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(page!.status).toBe(200);
    expect(await page!.text()).toContain('hello from a sandbox');
    expect(page!.headers.get('content-security-policy')).toMatch(/^sandbox /);
    // The sandbox never sees Sandlot's cookies.
    const seen = await (await fetch(`${s.url}${target}cgi-bin/headers`, { headers: { cookie: `${proxyCookie}; app=1` } })).text();
    expect(seen).toContain('HTTP_COOKIE=app=1');
    expect(seen).not.toContain('sandlot_');
    // The cookie opens only that port, not another port, not the API, not the bridge.
    expect((await fetch(`${s.url}/v1/sandboxes/${id}/proxy/8000/`, { headers: { cookie: proxyCookie } })).status).toBe(401);
    expect((await fetch(`${s.url}/v1/sandboxes`, { headers: { cookie: proxyCookie } })).status).toBe(401);
    expect((await bridge('sandboxes.snapshot', null, { cookie: proxyCookie, [WEB_BRIDGE_HEADER]: '1' })).status).toBe(401);
    // A WebSocket upgrade with the cookie works too.
    const u = new URL(s.url);
    const upgraded = await new Promise<number>((resolve) => {
      const req = http.request({ host: u.hostname, port: u.port, path: `/v1/sandboxes/${id}/proxy/9000/`, headers: { Connection: 'Upgrade', Upgrade: 'websocket', cookie: proxyCookie } });
      req.on('upgrade', (_res, sock) => {
        sock.destroy();
        resolve(101);
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    // httpd on 9000 does not speak WebSocket: what matters is that the cookie got past auth.
    expect(upgraded).not.toBe(401);
  });
});
