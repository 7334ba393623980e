// Endpoints and the server proxy reaching real servers inside a sandbox: a published port
// directly, any other port through /v1/sandboxes/{id}/proxy/{port}, HTTP and WebSocket.
import http from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, Endpoint, ErrorResponse } from '../../src-main/contract/schemas';
import { webServers } from '../fixtures/workloads';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
let id: string;

async function until<T>(fn: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  s = await startTestServer();
  const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: webServers() }));
  id = res.body.id;
  await waitForState(s, id, 'Running');
});
afterAll(async () => s?.stop());

describe('endpoints and proxy', () => {
  it('serves the page from inside the sandbox on the published endpoint', async () => {
    const ep = (await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/8000`)).body.endpoint;
    const text = await until(async () => {
      const res = await fetch(`http://${ep}/index.html`);
      return res.ok ? res.text() : null;
    });
    expect(text).toContain('hello from a sandbox');
  });

  it('proxies HTTP to an unpublished port, with the API key, and strips the key before the sandbox', async () => {
    const ep = (await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/9000`)).body.endpoint;
    expect(ep).toContain(`/v1/sandboxes/${id}/proxy/9000`);
    const page = await until(async () => {
      const res = await fetch(`http://${ep}/index.html`, { headers: { 'OPEN-SANDBOX-API-KEY': s.key } });
      return res.ok ? res.text() : null;
    });
    expect(page).toContain('hello from a sandbox');
    const noKey = await fetch(`http://${ep}/index.html`);
    expect(noKey.status).toBe(401);
    const seen = await fetch(`http://${ep}/cgi-bin/headers?x=1`, { headers: { 'OPEN-SANDBOX-API-KEY': s.key, 'X-Custom': 'kept' } });
    expect(seen.status).toBe(200);
    const headers = await seen.text();
    expect(headers).toContain('HTTP_X_CUSTOM=kept');
    expect(headers).toContain(`HTTP_X_FORWARDED_PREFIX=/v1/sandboxes/${id}/proxy/9000`);
    expect(headers).not.toMatch(/OPEN_SANDBOX_API_KEY/i);
    expect(headers).not.toContain(s.key);
  });

  it('proxies a WebSocket-style upgrade and carries bytes both ways', async () => {
    const u = new URL(s.url);
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: `/v1/sandboxes/${id}/proxy/9001/ws`,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'OPEN-SANDBOX-API-KEY': s.key },
      });
      req.on('upgrade', (res, sock) => {
        expect(res.statusCode).toBe(101);
        resolve(sock);
      });
      req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    const echoed = new Promise<string>((resolve) => {
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString();
        if (got.includes('ping-42')) resolve(got);
      });
    });
    socket.write('ping-42\n');
    expect(await echoed).toContain('ping-42');
    socket.destroy();
  });

  it('refuses a WebSocket upgrade without the key', async () => {
    const u = new URL(s.url);
    const status = await new Promise<number>((resolve) => {
      const req = http.request({ host: u.hostname, port: u.port, path: `/v1/sandboxes/${id}/proxy/9001/`, headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.end();
    });
    expect(status).toBe(401);
  });

  it('says plainly when nothing listens on the port, and refuses a paused sandbox', async () => {
    const res = await s.call<ErrorResponse>('GET', `/v1/sandboxes/${id}/proxy/9999/`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('UPSTREAM_UNREACHABLE');
    expect(res.body.message).toContain('9999');
    await s.call('POST', `/v1/sandboxes/${id}/pause`);
    await waitForState(s, id, 'Paused');
    const paused = await s.call<ErrorResponse>('GET', `/v1/sandboxes/${id}/proxy/9000/index.html`);
    expect(paused.status).toBe(409);
    expect(paused.body.message).toContain('Paused');
    await s.call('POST', `/v1/sandboxes/${id}/resume`);
    await waitForState(s, id, 'Running');
  });
});
