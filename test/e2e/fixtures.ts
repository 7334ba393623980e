// A real headless Sandlot per test worker (serve as a child process, real Docker), a browser
// context signed in through the one-time link serve prints, and an API client for scripts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { cleanup, client, freePort, spawnServe, stopServe, tempHome, type Client, type ServeProcess } from '../helpers/sandlot';

export interface Sandlot {
  home: string;
  serve: ServeProcess;
  /** The /v1 API with the key, for what a script would do next to the UI. */
  api: Client;
}

function apiKey(home: string): string {
  return (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
}

export const test = base.extend<{ app: Page }, { sandlot: Sandlot; signedIn: BrowserContext }>({
  sandlot: [
    async ({}, use) => {
      const home = tempHome();
      const serve = await spawnServe(home, await freePort());
      await use({ home, serve, api: client(serve.url, apiKey(home)) });
      await stopServe(serve, 'SIGTERM');
      await cleanup(home);
    },
    { scope: 'worker' },
  ],
  signedIn: [
    async ({ sandlot, browser }, use) => {
      const link = /open the UI \(one-time sign-in link\): (\S+)/.exec(sandlot.serve.output())?.[1];
      if (!link) throw new Error(`serve printed no sign-in link: ${sandlot.serve.output()}`);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await expect(page).toHaveURL(`${sandlot.serve.url}/`);
      await page.close();
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ sandlot, signedIn }, use) => {
    const page = await signedIn.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${sandlot.serve.url}/`);
    await use(page);
    expect(errors, 'browser console errors').toEqual([]);
    await page.close();
  },
});

export { expect };
