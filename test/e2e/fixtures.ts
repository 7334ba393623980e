// A real headless Sandlot per test worker (serve as a child process, real Docker), a browser
// context signed in through the one-time link serve prints, and an API client for scripts.
// `ownSandlot` starts one more, private to a test (a special DOCKER_HOST, a curated list); it is
// stopped and cleaned up by the fixture's teardown, which runs even when the test times out.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ensureTestImage } from '../fixtures/image';
import { cleanup, client, docker, freePort, spawnServe, stopServe, tempHome, type Client, type ServeProcess } from '../helpers/sandlot';
import type { EditableSettings } from '../../src-main/contract/settings';

export interface Sandlot {
  home: string;
  serve: ServeProcess;
  /** The /v1 API with the key, for what a script would do next to the UI. */
  api: Client;
}

function apiKey(home: string): string {
  return (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
}

function signInLink(serve: ServeProcess): string {
  const link = /open the UI \(one-time sign-in link\): (\S+)/.exec(serve.output())?.[1];
  if (!link) throw new Error(`serve printed no sign-in link: ${serve.output()}`);
  return link;
}

/** A new browser context signed in to `serve` through its one-time link. */
export async function signIn(browser: Browser, serve: ServeProcess): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(signInLink(serve));
  await expect(page).toHaveURL(`${serve.url}/`);
  await page.close();
  return context;
}

async function startSandlot(settings: Partial<EditableSettings> = {}, env: Record<string, string> = {}): Promise<Sandlot> {
  await ensureTestImage(docker);
  const home = tempHome(settings);
  const serve = await spawnServe(home, await freePort(), env);
  return { home, serve, api: client(serve.url, apiKey(home)) };
}

async function stopSandlot(s: Sandlot): Promise<void> {
  await stopServe(s.serve, 'SIGTERM');
  await cleanup(s.home);
  rmSync(s.home, { recursive: true, force: true });
}

export interface OwnSandlot extends Sandlot {
  context: BrowserContext;
  /** Closes the context, stops serve and removes its containers. */
  dispose(): Promise<void>;
}

export interface OwnSandlotOptions {
  settings?: Partial<EditableSettings>;
  env?: Record<string, string>;
}

/** A Sandlot of the test's own (not shared with the worker's other tests), signed in. */
async function startOwnSandlot(browser: Browser, opts: OwnSandlotOptions = {}): Promise<OwnSandlot> {
  const s = await startSandlot(opts.settings, opts.env);
  let context: BrowserContext;
  try {
    context = await signIn(browser, s.serve);
  } catch (err) {
    await stopSandlot(s);
    throw err;
  }
  let disposed = false;
  return {
    ...s,
    context,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await context.close().catch(() => undefined);
      await stopSandlot(s);
    },
  };
}

/** Collects page errors and console errors, for a test to assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Docker creating a container's network interface makes Chromium report a request it
    // aborted as ERR_NETWORK_CHANGED; the bridge retries those, so they are not page errors.
    if (m.type() === 'error' && !m.text().includes('net::ERR_NETWORK_CHANGED')) errors.push(m.text());
  });
  return errors;
}

export const test = base.extend<{ app: Page; ownSandlot: (opts?: OwnSandlotOptions) => Promise<OwnSandlot> }, { sandlot: Sandlot; signedIn: BrowserContext }>({
  sandlot: [
    async ({}, use) => {
      const s = await startSandlot();
      await use(s);
      await stopSandlot(s);
    },
    { scope: 'worker' },
  ],
  signedIn: [
    async ({ sandlot, browser }, use) => {
      const context = await signIn(browser, sandlot.serve);
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ sandlot, signedIn }, use) => {
    const page = await signedIn.newPage();
    const errors = watchErrors(page);
    await page.goto(`${sandlot.serve.url}/`);
    await use(page);
    expect(errors, 'browser console errors').toEqual([]);
    await page.close();
  },
  ownSandlot: async ({ browser }, use) => {
    const started: OwnSandlot[] = [];
    await use(async (opts) => {
      const own = await startOwnSandlot(browser, opts);
      started.push(own);
      return own;
    });
    for (const own of started) await own.dispose();
  },
});

export { expect };
