// Presigned links (`links.create`): one-time, 60 s, scoped URLs the UI opens without the key.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import type { LinkRequest } from '../../src-main/contract/inside';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let server: TestServer;
let id: string;
let other: string;

async function link(req: LinkRequest): Promise<string> {
  const r = await server.sandlot.dispatcher.handle('links.create', req);
  if (!r.ok) throw new Error(`links.create failed: ${JSON.stringify(r.error)}`);
  return (r.value as { url: string }).url;
}

/** GET without the key; the body read only as far as needed (streams stay open otherwise). */
async function open(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; first: string }> {
  const ctl = new AbortController();
  const res = await fetch(url, { ...init, signal: ctl.signal });
  const reader = res.body?.getReader();
  const chunk = reader ? await reader.read() : { value: undefined };
  ctl.abort();
  return { status: res.status, headers: res.headers, first: chunk.value ? Buffer.from(chunk.value).toString() : '' };
}

function upgrade(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

beforeAll(async () => {
  server = await startTestServer();
  id = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'echo ready; exec sleep 3600'] }))).body.id;
  other = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
  await waitForState(server, id, 'Running');
  await waitForState(server, other, 'Running');
});

afterAll(async () => {
  vi.useRealTimers();
  await server?.stop();
});

describe('links.create', () => {
  it('makes URLs of the documented shapes on the API address', async () => {
    const ws = server.url.replace(/^http/, 'ws');
    expect(await link({ purpose: 'terminal', id })).toMatch(new RegExp(`^${ws}/v1/sandboxes/${id}/terminal\\?ticket=[\\w-]{32}$`));
    expect(await link({ purpose: 'logs', id })).toMatch(new RegExp(`^${server.url}/v1/sandboxes/${id}/logs\\?ticket=`));
    expect(await link({ purpose: 'usage', ids: [id, other] })).toMatch(new RegExp(`^${server.url}/v1/usage\\?ids=${id},${other}&ticket=`));
    expect(await link({ purpose: 'download', id, path: '/etc/my file' })).toMatch(
      new RegExp(`^${server.url}/v1/sandboxes/${id}/execd/files/download\\?path=%2Fetc%2Fmy%20file&ticket=`),
    );
    expect(await link({ purpose: 'upload', id })).toMatch(new RegExp(`^${server.url}/v1/sandboxes/${id}/execd/files/upload\\?ticket=`));
  });

  it('refuses an unknown sandbox with 404 before minting', async () => {
    const r = await server.sandlot.dispatcher.handle('links.create', { purpose: 'logs', id: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const u = await server.sandlot.dispatcher.handle('links.create', { purpose: 'usage', ids: [id, 'nope'] });
    expect(u).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('works once, not twice', async () => {
    const url = await link({ purpose: 'logs', id });
    const first = await open(`${url}&tail=10`);
    expect(first.status).toBe(200);
    expect(first.first).toContain('ready');
    const second = await open(`${url}&tail=10`);
    expect(second.status).toBe(401);
  });

  it('carries CORS for ticket requests only', async () => {
    const url = await link({ purpose: 'logs', id });
    const viaTicket = await open(url, { headers: { origin: 'file://' } });
    expect(viaTicket.headers.get('access-control-allow-origin')).toBe('*');
    expect(viaTicket.headers.get('access-control-allow-credentials')).toBeNull();
    // A refused (used) ticket too, so the UI can read why.
    expect((await open(url)).headers.get('access-control-allow-origin')).toBe('*');
    const viaKey = await server.call('GET', `/v1/sandboxes/${id}/logs?tail=1`);
    expect(viaKey.status).toBe(200);
    expect(viaKey.headers.get('access-control-allow-origin')).toBeNull();
    expect((await server.call('GET', `/v1/sandboxes/${id}`)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('authorizes only its own sandbox, path and method', async () => {
    const url = await link({ purpose: 'logs', id });
    const ticket = new URL(url).searchParams.get('ticket') ?? '';
    expect((await open(`${server.url}/v1/sandboxes/${other}/logs?ticket=${ticket}`)).status).toBe(401);
    expect((await open(`${server.url}/v1/sandboxes/${id}?ticket=${ticket}`)).status).toBe(401);
    expect((await open(`${server.url}/v1/sandboxes?ticket=${ticket}`)).status).toBe(401);
    expect((await open(`${server.url}/v1/sandboxes/${id}/usage?ticket=${ticket}`)).status).toBe(401);
    expect((await open(url, { method: 'DELETE' })).status).toBe(401);
    // A wrong use does not burn it: the right request still works.
    expect((await open(url)).status).toBe(200);
  });

  it('scopes a download to its path and a usage stream to its sandboxes', async () => {
    const dl = await link({ purpose: 'download', id, path: '/etc/passwd' });
    const other_ = dl.replace('%2Fetc%2Fpasswd', '%2Fetc%2Fgroup');
    expect((await open(other_)).status).toBe(401);
    const usage = await link({ purpose: 'usage', ids: [id] });
    expect((await open(usage.replace(`ids=${id}`, `ids=${id},${other}`))).status).toBe(401);
    const used = await open(usage, { headers: { accept: 'text/event-stream' } });
    expect(used.status).toBe(200);
    expect(used.headers.get('content-type')).toMatch(/text\/event-stream/);
  });

  it('opens the terminal once', async () => {
    const url = await link({ purpose: 'terminal', id });
    expect(await upgrade(`${url}&cols=80&rows=24`)).toBe(101);
    expect(await upgrade(`${url}&cols=80&rows=24`)).toBe(401);
    const logs = await link({ purpose: 'logs', id });
    // A logs ticket does not open a terminal.
    expect(await upgrade(logs.replace(/^http/, 'ws').replace('/logs?', '/terminal?'))).toBe(401);
  });

  it('expires after 60 seconds', async () => {
    const url = await link({ purpose: 'logs', id });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    try {
      expect((await open(url)).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not grant the key: no other API route, no proxy', async () => {
    const url = await link({ purpose: 'logs', id });
    const ticket = new URL(url).searchParams.get('ticket') ?? '';
    expect((await open(`${server.url}/v1/sandboxes/${id}/proxy/8000/?ticket=${ticket}`)).status).toBe(401);
  });
});
