// Each bug the fuzzer found (docs/reliability.md), pinned as a plain example so it stays fixed
// even if a future seed no longer generates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';
import { send, sendBytes, type RawResponse } from './rawHttp';

let s: TestServer;
let liveId: string;
let cookie: string;

beforeAll(async () => {
  s = await startTestServer();
  const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
  liveId = res.body.id;
  await waitForState(s, liveId, 'Running');
  const signIn = await fetch(s.sandlot.uiSignInUrl(), { redirect: 'manual' });
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}, 120_000);
afterAll(async () => s?.stop());

const host = (): [string, string] => ['Host', `127.0.0.1:${s.sandlot.port}`];
const key = (): [string, string] => ['OPEN-SANDBOX-API-KEY', s.key];
const json = (r: RawResponse) => JSON.parse(r.body.toString('utf8')) as { code: string; message: string };

describe('answers the fuzzer once got wrong', () => {
  it('a request without Host: a JSON 403, not Node\'s empty 400', async () => {
    const r = await sendBytes(s.sandlot.port, Buffer.from(`GET /v1/sandboxes HTTP/1.1\r\nOPEN-SANDBOX-API-KEY: ${s.key}\r\n\r\n`));
    expect(r.status).toBe(403);
    expect(json(r).code).toBe('FORBIDDEN_HOST');
  });

  it('HTTP that Node cannot parse: a JSON {code, message}, not Fastify\'s {error, statusCode}', async () => {
    const badUrl = await sendBytes(s.sandlot.port, Buffer.from(`GET /v1/sandboxes/\u00c3\u00a9 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 'latin1'));
    expect(badUrl.status).toBe(400);
    expect(json(badUrl)).toEqual({ code: 'BAD_HTTP_REQUEST', message: expect.stringContaining('HPE_INVALID_URL') });
    const huge = await sendBytes(s.sandlot.port, Buffer.from(`GET /v1/sandboxes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`));
    expect(huge.status).toBe(431);
    expect(json(huge).code).toBe('HEADERS_TOO_LARGE');
  });

  it('an oversized HEAD: the 431 carries no body, so the client does not read one as a next response', async () => {
    const r = await send(s.sandlot.port, { method: 'HEAD', path: '/v1/sandboxes', headers: [host(), ['X-Big', 'b'.repeat(20_000)]] });
    expect(r.status).toBe(431);
    expect(r.body.length).toBe(0);
  });

  it('an Expect other than 100-continue: a JSON 417, not an empty one', async () => {
    const r = await send(s.sandlot.port, { method: 'GET', path: '/v1/sandboxes', headers: [host(), key(), ['Expect', 'teapot']] });
    expect(r.status).toBe(417);
    expect(json(r).code).toBe('EXPECTATION_FAILED');
  });

  it('a used sign-in link: JSON for scripts, the HTML page for browsers', async () => {
    const script = await send(s.sandlot.port, { method: 'GET', path: '/auth/ui?token=nope', headers: [host()] });
    expect(script.status).toBe(401);
    expect(json(script)).toEqual({ code: 'LINK_USED', message: expect.stringContaining('already used') });
    const browser = await send(s.sandlot.port, { method: 'GET', path: '/auth/link', headers: [host(), ['Accept', 'text/html,*/*']] });
    expect(browser.status).toBe(401);
    expect(browser.headers['content-type']).toMatch(/^text\/html/);
  });

  it('a malformed multipart upload: a 400 naming the body, not a 500 (execd fileUpload.ts)', async () => {
    const r = await send(s.sandlot.port, {
      method: 'POST',
      path: `/v1/sandboxes/${liveId}/execd/files/upload`,
      headers: [host(), key(), ['Content-Type', 'multipart/form-data; boundary=fuzz']],
      body: Buffer.from([0]),
    });
    expect(r.status).toBe(400);
    expect(json(r).message).toMatch(/^body: is not well-formed multipart/);
  });

  it('a proxy port outside 1-65535: a 400 over HTTP (it used to hang) and over WebSocket (it used to throw in the upgrade handler)', async () => {
    for (const port of ['0', '65536', '99999']) {
      const r = await send(s.sandlot.port, { method: 'GET', path: `/v1/sandboxes/${liveId}/proxy/${port}/`, headers: [host(), key()] }, 5000);
      expect(r.status).toBe(400);
      expect(json(r).message).toContain('is not a TCP port');
    }
    const ws = await sendBytes(
      s.sandlot.port,
      Buffer.from(`GET /v1/sandboxes/${liveId}/proxy/65536/ HTTP/1.1\r\nHost: 127.0.0.1\r\nOPEN-SANDBOX-API-KEY: ${s.key}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
      5000,
    );
    expect(ws.status).toBe(400);
    // The server is still there.
    expect((await s.call('GET', `/v1/sandboxes/${liveId}`)).status).toBe(200);
  });

  it('malformed %-escapes in a cookie or a proxy path: 401/404, not a 500 from decodeURIComponent', async () => {
    const badCookie = await send(s.sandlot.port, { method: 'GET', path: `/v1/sandboxes/${liveId}/proxy/80/`, headers: [host(), ['Cookie', 'sandlot_proxy=%E0%A4%A']] });
    expect(badCookie.status).toBe(401);
    const badId = await send(s.sandlot.port, { method: 'GET', path: '/v1/sandboxes/%ZZ/proxy/80/', headers: [host(), key()] });
    expect(badId.status).toBeGreaterThanOrEqual(400);
    expect(badId.status).toBeLessThan(500);
    expect(json(badId).code).toBeTruthy();
  });

  it('HEAD /bridge/events: the head, then the end (it used to send nothing and never finish)', async () => {
    const r = await send(s.sandlot.port, { method: 'HEAD', path: '/bridge/events', headers: [host(), ['Cookie', cookie], ['X-Sandlot-Bridge', '1']] }, 5000);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
  });
});
