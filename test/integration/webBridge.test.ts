// The browser face: a one-time sign-in link exchanged for an http-only cookie, the bridge
// channels over HTTP (validated like IPC), the event stream, and endpoint links that sign a
// browser in to one sandbox port only.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, WEB_BRIDGE_HEADER } from '../../src-main/contract/bridge';
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

async function bridge(channel: string, input: unknown, headers: Record<string, string> = { cookie, [WEB_BRIDGE_HEADER]: '1' }) {
  const res = await fetch(`${s.url}/bridge/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string; field?: string } } };
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
      expect(res.body.error?.code).toBe('INVALID_REQUEST');
    }
    const unknown = await bridge('sandboxes.explode', null);
    expect(unknown.body.error?.code).toBe('NOT_FOUND');
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
    const id = created.body.value.id as string;
    await waitForState(s, id, 'Running');
    const later = new Date(Date.parse(created.body.value.expiresAt) + 3600_000).toISOString();
    expect((await bridge('sandboxes.renew', { id, expiresAt: later })).body.value.expiresAt).toBe(later);
    expect((await bridge('sandboxes.patchMetadata', { id, patch: { team: 'ui' } })).body.value.metadata).toEqual({ name: 'from the UI', team: 'ui' });
    const badTag = await bridge('sandboxes.patchMetadata', { id, patch: { 'bad key': 'x' } });
    expect(badTag.body.ok).toBe(false);
    expect(badTag.body.error?.field).toBe('metadata.bad key');
    expect((await bridge('sandboxes.pause', { id })).body.ok).toBe(true);
    await waitForState(s, id, 'Paused');
    const conflict = await bridge('sandboxes.pause', { id });
    expect(conflict.body.error?.code).toBe('CONFLICT');
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
    expect(res.body.error).toMatchObject({ code: 'INVALID_REQUEST', field: 'resourceLimits.cpu' });
    const snap = await bridge('sandboxes.snapshot', null);
    expect(snap.body.value.sandboxes.filter((r: { status: { state: string } }) => r.status.state !== 'Terminated')).toEqual([]);
    expect(snap.body.value.engine.docker).toBe('connected');
  });

  it('reads, checks and saves settings; hands out the key only on request', async () => {
    const got = await bridge('settings.get', null);
    expect(got.body.value).not.toHaveProperty('apiKey');
    const saved = await bridge('settings.update', { defaultTimeoutSeconds: 1800, theme: 'dark' });
    expect(saved.body.value).toMatchObject({ defaultTimeoutSeconds: 1800, theme: 'dark' });
    const bad = await bridge('settings.update', { maxTimeoutSeconds: 5 });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error?.field).toBe('maxTimeoutSeconds');
    expect((await bridge('settings.apiKey', null)).body.value.apiKey).toBe(s.key);
    const info = await bridge('app.info', null);
    expect(info.body.value).toMatchObject({ apiUrl: s.url, shell: 'web' });
  });
});

describe('endpoint links', () => {
  it('signs a browser in to one sandbox port, sandboxed by CSP, and to nothing else', async () => {
    const created = await bridge('sandboxes.create', createBody({ entrypoint: webServers() }));
    const id = created.body.value.id as string;
    await waitForState(s, id, 'Running');
    const direct = await bridge('sandboxes.endpoint', { id, port: 8000 });
    expect(direct.body.value).toMatchObject({ direct: true });
    expect(direct.body.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const proxied = await bridge('sandboxes.endpoint', { id, port: 9000 });
    expect(proxied.body.value.direct).toBe(false);
    const signIn = await fetch(proxied.body.value.url as string, { redirect: 'manual' });
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
