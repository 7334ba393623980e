// A page from another origin, in the very browser that is signed in to Sandlot, can neither read
// nor change anything. The other origin is a plain Node server on a second loopback port: for the
// browser that is cross-origin but *same-site* (127.0.0.1 either way), so SameSite cookies are
// sent to Sandlot; what stops the page is the key header, the bridge's custom header (which
// needs a CORS preflight Sandlot never grants) and the ticket a WebSocket needs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WEB_SESSION_COOKIE } from '../../src-main/contract/bridge';
import type { CreateSandboxResponse, ListSandboxesResponse } from '../../src-main/contract/schemas';
import { createBody, waitForState, type Client } from '../helpers/sandlot';
import { expect, test } from './fixtures';

let evil: http.Server;
let evilOrigin: string;

test.beforeAll(async () => {
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another origin</title><p>nothing to see</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
test.afterAll(async () => new Promise<void>((resolve) => evil.close(() => resolve())));

async function count(api: Client): Promise<number> {
  return (await api.call<ListSandboxesResponse>('GET', '/v1/sandboxes?pageSize=200')).body.pagination.totalItems;
}

/** A page of the other origin, in the signed-in browser context. */
async function evilPage(signedIn: { newPage: () => Promise<Page> }): Promise<Page> {
  const page = await signedIn.newPage();
  await page.goto(`${evilOrigin}/`);
  await expect(page).toHaveTitle('another origin');
  return page;
}

test('fetch and XHR to /v1 and /bridge fail or come back opaque', async ({ sandlot, signedIn }) => {
  const page = await evilPage(signedIn);
  const api = sandlot.serve.url;
  const seen = await page.evaluate(async (api) => {
    const attempt = async (url: string, init: RequestInit) => {
      try {
        const r = await fetch(url, init);
        return { type: r.type, status: r.status, body: await r.text().catch(() => '') };
      } catch (e) {
        return { error: String(e) };
      }
    };
    const xhr = (url: string, method: string) =>
      new Promise<{ status: number; text: string }>((resolve) => {
        const x = new XMLHttpRequest();
        x.open(method, url);
        x.withCredentials = true;
        x.onloadend = () => resolve({ status: x.status, text: x.responseText });
        x.send(method === 'POST' ? '{}' : null);
      });
    return {
      list: await attempt(`${api}/v1/sandboxes`, { credentials: 'include' }),
      listNoCors: await attempt(`${api}/v1/sandboxes`, { mode: 'no-cors', credentials: 'include' }),
      bridge: await attempt(`${api}/bridge/settings.apiKey`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'x-sandlot-bridge': '1', 'content-type': 'application/json' },
        body: '{}',
      }),
      bridgeNoCors: await attempt(`${api}/bridge/settings.apiKey`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }),
      xhrList: await xhr(`${api}/v1/sandboxes`, 'GET'),
      xhrBridge: await xhr(`${api}/bridge/sandboxes.snapshot`, 'POST'),
    };
  }, api);
  expect(seen.list).toEqual({ error: expect.stringContaining('Failed to fetch') });
  expect(seen.listNoCors).toEqual({ type: 'opaque', status: 0, body: '' });
  expect(seen.bridge).toEqual({ error: expect.stringContaining('Failed to fetch') });
  expect(seen.bridgeNoCors).toEqual({ type: 'opaque', status: 0, body: '' });
  expect(seen.xhrList).toEqual({ status: 0, text: '' });
  expect(seen.xhrBridge).toEqual({ status: 0, text: '' });
  // The key never reached the page in any form.
  expect(JSON.stringify(seen)).not.toContain(sandlot.api.key);
  await page.close();
});

test('a form POST, a text/plain "JSON" body or a no-cors fetch cannot create a sandbox', async ({ sandlot, signedIn }) => {
  const before = await count(sandlot.api);
  const page = await evilPage(signedIn);
  const api = sandlot.serve.url;
  const body = JSON.stringify(createBody({ metadata: { name: 'made-by-another-origin' } }));
  // The classic trick: a text/plain form whose one field name is the JSON body minus a tail.
  const name = `${body.slice(0, -1)},"pad":"`;
  await page.evaluate(
    ({ api, name, body }) => {
      const submit = (action: string, enctype: string, field: string, value: string, target: string) => {
        const frame = document.createElement('iframe');
        frame.name = target;
        document.body.appendChild(frame);
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = action;
        form.enctype = enctype;
        form.target = target;
        const input = document.createElement('input');
        input.name = field;
        input.value = value;
        form.appendChild(input);
        document.body.appendChild(form);
        form.submit();
      };
      submit(`${api}/v1/sandboxes`, 'text/plain', name, '"}', 'f1');
      submit(`${api}/bridge/sandboxes.create`, 'text/plain', `{"input":${body.slice(0, -1)},"pad":"`, '"}}', 'f2');
      submit(`${api}/v1/sandboxes`, 'application/x-www-form-urlencoded', 'image', 'busybox', 'f3');
      void fetch(`${api}/v1/sandboxes`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body });
      void fetch(`${api}/bridge/sandboxes.create`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ input: JSON.parse(body) }) });
    },
    { api, name, body },
  );
  // Every one of those requests reached the server (the frames load its answers)...
  await expect.poll(() => page.frames().filter((f) => f.url().startsWith(api)).length).toBe(3);
  // ...and none of them made anything.
  await page.waitForTimeout(1000);
  expect(await count(sandlot.api)).toBe(before);
  const list = await sandlot.api.call('GET', '/v1/sandboxes?pageSize=200');
  expect(JSON.stringify(list.body)).not.toContain('made-by-another-origin');
  await page.close();
});

test('WebSockets and event streams without a ticket are refused', async ({ sandlot, signedIn }) => {
  const made = await sandlot.api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'cross-origin-target' } }));
  expect(made.status).toBe(202);
  await waitForState(sandlot.api, made.body.id, 'Running');
  const page = await evilPage(signedIn);
  const ws = sandlot.serve.url.replace(/^http/, 'ws');
  const outcome = await page.evaluate(
    async ({ ws, api, id }) => {
      const open = (url: string) =>
        new Promise<string>((resolve) => {
          const s = new WebSocket(url);
          s.onopen = () => {
            s.close();
            resolve('open');
          };
          s.onerror = () => resolve('error');
          setTimeout(() => resolve('timeout'), 10_000);
        });
      const events = () =>
        new Promise<string>((resolve) => {
          const e = new EventSource(`${api}/bridge/events`, { withCredentials: true });
          e.onmessage = () => resolve('message');
          e.onopen = () => resolve('open');
          e.onerror = () => {
            e.close();
            resolve('error');
          };
          setTimeout(() => resolve('timeout'), 10_000);
        });
      return {
        terminal: await open(`${ws}/v1/sandboxes/${id}/terminal`),
        terminalForged: await open(`${ws}/v1/sandboxes/${id}/terminal?ticket=forged`),
        proxy: await open(`${ws}/v1/sandboxes/${id}/proxy/8000/`),
        events: await events(),
      };
    },
    { ws, api: sandlot.serve.url, id: made.body.id },
  );
  expect(outcome).toEqual({ terminal: 'error', terminalForged: 'error', proxy: 'error', events: 'error' });
  await page.close();
  expect((await sandlot.api.call('DELETE', `/v1/sandboxes/${made.body.id}`)).status).toBe(204);
});

test('the UI session cookie is HttpOnly and SameSite=Strict, and no script can read it', async ({ sandlot, signedIn, app }) => {
  const cookies = await signedIn.cookies(sandlot.serve.url);
  const session = cookies.find((c) => c.name === WEB_SESSION_COOKIE);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  // Not even Sandlot's own page sees it, nor a page of the other origin.
  expect(await app.evaluate(() => document.cookie)).not.toContain(WEB_SESSION_COOKIE);
  const page = await evilPage(signedIn);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await page.close();
});
