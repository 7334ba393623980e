// Endpoint links: a port the image publishes opens straight at 127.0.0.1:<hostPort>; any other
// port ("Get endpoint") opens through a one-time sign-in link and Sandlot's proxy. Both show
// the page httpd serves from inside the sandbox.
import type { Locator, Page } from '@playwright/test';
import type { Endpoint } from '../../src-main/contract/schemas';
import { webServers } from '../fixtures/workloads';
import { expect, test } from './fixtures';
import { createRunning, openDetails, uniqueName } from './ui';

const PAGE_TEXT = 'hello from a sandbox';

async function httpReady(url: string, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer: ${last}`);
}

function endpointRow(panel: Locator, port: number): Locator {
  return panel.getByRole('list', { name: 'Endpoints' }).getByRole('listitem').filter({ hasText: `Port ${port}` });
}

async function openInNewPage(app: Page, link: Locator): Promise<Page> {
  const popup = app.waitForEvent('popup');
  await link.click();
  const page = await popup;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

test('endpoint links open pages served from inside the sandbox: published port and proxied port', async ({ app, sandlot }) => {
  const name = uniqueName('web');
  const id = await createRunning(sandlot.api, { metadata: { name }, entrypoint: webServers() });
  const endpoint = await sandlot.api.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/8000`);
  expect(endpoint.body.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
  const hostPort = Number(endpoint.body.endpoint.split(':')[1]);
  // httpd starts right after the container does; wait until both answer before clicking.
  await httpReady(`http://127.0.0.1:${hostPort}/`);
  await httpReady(`${sandlot.serve.url}/v1/sandboxes/${id}/proxy/9000/`, { 'OPEN-SANDBOX-API-KEY': sandlot.api.key });

  const panel = await openDetails(app, id, name);

  // 8000: the image exposes it, so it is published on loopback and opens directly.
  const published = endpointRow(panel, 8000);
  await expect(published.getByText('published')).toBeVisible();
  await expect(published.getByText(`127.0.0.1:${hostPort}`)).toBeVisible();
  const direct = await openInNewPage(app, published.getByRole('link', { name: 'Open' }));
  expect(new URL(direct.url()).host).toBe(`127.0.0.1:${hostPort}`);
  await expect(direct.getByText(PAGE_TEXT)).toBeVisible();
  await direct.close();

  // 9000: not published; "Get endpoint" adds it, served by Sandlot's proxy.
  await panel.getByLabel('Port', { exact: true }).fill('9000');
  await panel.getByRole('button', { name: 'Get endpoint', exact: true }).click();
  const proxied = endpointRow(panel, 9000);
  await expect(proxied.getByText('via proxy')).toBeVisible();
  const link = proxied.getByRole('link', { name: 'Open' });
  await expect(link).toHaveAttribute('href', /\/auth\/link\?token=/);
  const firstHref = (await link.getAttribute('href')) ?? '';
  const viaProxy = await openInNewPage(app, link);
  // The sign-in link set a cookie for this one sandbox port and redirected to its proxy path.
  await expect(viaProxy).toHaveURL(`${sandlot.serve.url}/v1/sandboxes/${id}/proxy/9000/`);
  await expect(viaProxy.getByText(PAGE_TEXT)).toBeVisible();
  await viaProxy.close();

  // The link was used once; the row fetched a fresh one for the next click, which works too.
  await expect(link).not.toHaveAttribute('href', firstHref);
  await expect(link).toHaveAttribute('href', /\/auth\/link\?token=/);
  const again = await openInNewPage(app, link);
  await expect(again.getByText(PAGE_TEXT)).toBeVisible();
  await again.close();
});
