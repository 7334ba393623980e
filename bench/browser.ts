// Chromium for the renderer benchmark (Debian's, driven by playwright-core as the e2e tests do),
// signed in to a server through its one-time link; plus what the measurements need from outside
// the page: the engine's event stream as a second subscriber, and the page's clock offset.
import http from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WEB_BRIDGE_HEADER, WEB_BRIDGE_PREFIX, WEB_SESSION_COOKIE } from '../src-main/contract/bridge';
import type { EngineEvent } from '../src-main/contract/sandbox';
import { takeSseData } from '../src-main/contract/sse';
import type { ServerProcess } from './server';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Epoch milliseconds with sub-millisecond resolution, on this process's monotonic clock. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;

/** Signs in once through the link the server printed (it works once); returns the session. */
export async function signIn(browser: Browser, server: ServerProcess): Promise<Cookies> {
  const link = /open the UI \(one-time sign-in link\): (\S+)/.exec(server.output())?.[1];
  if (!link) throw new Error(`the server printed no sign-in link: ${server.output().slice(-500)}`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const res = await page.goto(link);
    if (!res || new URL(page.url()).pathname !== '/') throw new Error(`signing in went to ${page.url()} (${res?.status() ?? 'no response'})`);
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/** A fresh 1280×800 context (no cache, no compiled code) holding the session. */
export async function sessionContext(browser: Browser, cookies: Cookies): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies(cookies);
  return context;
}

export interface EventStream {
  /** Resolves with the local time the first event matching `match` arrived (from now on). */
  next(match: (e: EngineEvent) => boolean, timeoutMs?: number): Promise<number>;
  close(): void;
}

/**
 * Subscribes to the web bridge's event stream (the one the page reads) with the page's session.
 * The server writes each event to every subscriber in the same turn it emits it, so the arrival
 * time here is the emission time plus a loopback hop.
 */
export async function openEventStream(context: BrowserContext, baseUrl: string): Promise<EventStream> {
  const session = (await context.cookies(baseUrl)).find((c) => c.name === WEB_SESSION_COOKIE);
  if (!session) throw new Error('the browser context has no session cookie');
  const waiters: Array<{ match: (e: EngineEvent) => boolean; resolve: (at: number) => void }> = [];
  const req = http.request(`${baseUrl}${WEB_BRIDGE_PREFIX}/events`, { headers: { cookie: `${session.name}=${session.value}`, [WEB_BRIDGE_HEADER]: '1' } });
  const opened = new Promise<void>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = epochNow();
        const taken = takeSseData(buffer + chunk);
        buffer = taken.rest;
        for (const data of taken.data) {
          const event = JSON.parse(data) as EngineEvent;
          for (let i = waiters.length - 1; i >= 0; i--) {
            const w = waiters[i];
            if (w && w.match(event)) {
              waiters.splice(i, 1);
              w.resolve(at);
            }
          }
        }
      });
      resolve();
    });
  });
  req.end();
  await opened;
  return {
    next(match, timeoutMs = 10_000) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching engine event arrived')), timeoutMs);
        waiters.push({
          match,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        });
      });
    },
    close: () => req.destroy(),
  };
}

/**
 * The page's epoch clock minus this process's, from the round trip with the smallest delay
 * (Cristian's method): good to about half that round trip.
 */
export async function clockOffset(page: Page, rounds = 40): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < rounds; i++) {
    const t0 = epochNow();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = epochNow();
    if (t1 - t0 < best.rttMs) best = { offsetMs: inPage - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}
