// 5. The renderer with 1,000 live sandboxes, measured in Chromium with the Performance API:
// first render after the snapshot arrives, main-thread work per countdown tick, and the time
// from an engine event to its change on screen. Real sandboxes (containers) behind a real serve.
import { execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Docker from 'dockerode';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, sleep } from './apiClient';
import { clockOffset, epochNow, launchChromium, openEventStream, sessionContext, signIn, type Cookies } from './browser';
import { removeByInstance } from './cleanup';
import { CONFIG } from './config';
import { createHome, removeHome } from './home';
import { ROOT } from './paths';
import { capacity, createRendererFleet, topUpTerminated, type Capacity, type RendererFleet } from './rendererFleet';
import { startServer, type ServerProcess } from './server';
import { summarize, type Summary } from './stats';

export interface FirstRenderRun {
  /** Request start to the last byte of the snapshot (POST /bridge/sandboxes.snapshot). */
  fetchMs: number;
  /** Last byte → 'sandlot:snapshot-applied': JSON parse, store update, and any wait for the
   *  main thread (still busy starting the app when the snapshot is fast). */
  waitMs: number;
  /** 'sandlot:snapshot-applied' → 'sandlot:list-rendered' (React render and commit). */
  renderMs: number;
  /** 'sandlot:list-rendered' → 'sandlot:list-painted' (style, layout, paint of that frame). */
  paintMs: number;
  /** 'sandlot:snapshot-applied' → 'sandlot:list-painted': the first render after the data. */
  firstRenderMs: number;
  /** Last byte → 'sandlot:list-painted'. */
  fromResponseMs: number;
  bytes: number;
  rows: number;
}

export interface FirstRenderResult {
  runs: FirstRenderRun[];
  firstRender: Summary;
  render: Summary;
  paint: Summary;
  wait: Summary;
  fromResponse: Summary;
  fetch: Summary;
  /** The first load of the run (a fresh browser: nothing compiled or cached yet). */
  cold: FirstRenderRun;
}

/** Tick windows read in one time domain: wall time (timeTicks) or the thread's CPU time (threadTicks). */
export interface TickSeries {
  /** Main-thread task time in the window around each tick (from .900 s before it to .195 s
   *  after), from Performance.getMetrics deltas, ms. */
  tick: Summary;
  /** Tick windows in which the JS heap shrank: a garbage collection ran in them. */
  gcWindows: number;
  /** The tick windows without a garbage collection. */
  tickWithoutGc: Summary | null;
  script: Summary;
  layout: Summary;
  /** The rest of each second (no tick in it): garbage collection and anything else. */
  rest: Summary;
}

export interface TickResult {
  ticks: number;
  /** Thread CPU time: the work itself, not time the thread waited for a core. */
  cpu: TickSeries;
  /** Wall time of the same kind of tasks: also counts time the main thread was descheduled. */
  wall: TickSeries;
  longTasks: number;
  rowsInDom: number;
  countdownBefore: string;
  countdownAfter: string;
}

export interface EventResult {
  runs: number;
  clockRttMs: number;
  /** The engine's event → its change painted. The event's time is the bench's first sight
   *  of it: its own subscription to the event stream, or the API's answer, whichever came first
   *  (both follow the emission, so this errs short when the bench itself is held up). */
  eventToPaint: Summary;
  eventToDom: Summary;
  /** In the page alone (one clock): the event's bytes reached the page's stream reader → DOM
   *  changed (MutationObserver) and → painted. The renderer's own share. */
  receivedToDom: Summary;
  receivedToPaint: Summary;
  /** Sending the PATCH → painted: an upper bound that also holds the server's PATCH work. */
  sendToPaint: Summary;
  /** PATCH round trip as the client sees it. */
  api: Summary;
  /** The bench process's event-loop delay over the runs (how late its own clock readings can be). */
  benchLoopDelayP99Ms: number;
  benchLoopDelayMaxMs: number;
}

export interface RendererResult {
  chromium: string;
  capacity: Capacity;
  fleet: RendererFleet;
  listed: number;
  firstRender?: FirstRenderResult;
  ticks?: TickResult;
  events?: EventResult;
  /** Measurements that failed, with why; the others still count. */
  errors: string[];
  /** Containers removed at the end. */
  removed: number;
}

interface BenchWindow {
  __benchLongTasks?: number[];
  __benchSeen?: Promise<{ dom: number; painted: number }>;
}

async function openApp(context: BrowserContext, url: string, initScript?: string): Promise<Page> {
  const page = await context.newPage();
  if (initScript) await page.addInitScript({ content: initScript });
  await page.goto(`${url}/`);
  await page.waitForFunction(() => performance.getEntriesByName('sandlot:list-painted').length > 0, undefined, { timeout: 120_000 });
  return page;
}

async function loadOnce(context: BrowserContext, url: string, expected: number): Promise<FirstRenderRun> {
  const page = await openApp(context, url);
  try {
    // No named functions inside page functions: tsx (esbuild keepNames) would wrap them in a
    // __name() helper that does not exist in the page.
    const m = await page.evaluate(() => {
      const res = performance
        .getEntriesByType('resource')
        .find((e): e is PerformanceResourceTiming => e.name.endsWith('/bridge/sandboxes.snapshot'));
      return {
        requestStart: res?.startTime ?? Number.NaN,
        responseEnd: res?.responseEnd ?? Number.NaN,
        bytes: res?.decodedBodySize ?? 0,
        applied: performance.getEntriesByName('sandlot:snapshot-applied')[0]?.startTime ?? Number.NaN,
        rendered: performance.getEntriesByName('sandlot:list-rendered')[0]?.startTime ?? Number.NaN,
        painted: performance.getEntriesByName('sandlot:list-painted')[0]?.startTime ?? Number.NaN,
        rows: document.querySelectorAll('[data-sandbox-id]').length,
        summary: document.querySelector('.filter-summary')?.textContent ?? '',
      };
    });
    if (!m.summary.startsWith(`${expected} sandboxes`)) throw new Error(`the page says "${m.summary}", not ${expected} sandboxes`);
    if (Number.isNaN(m.responseEnd) || Number.isNaN(m.applied) || Number.isNaN(m.rendered)) throw new Error(`missing timing entries: ${JSON.stringify(m)}`);
    return {
      fetchMs: m.responseEnd - m.requestStart,
      waitMs: m.applied - m.responseEnd,
      renderMs: m.rendered - m.applied,
      paintMs: m.painted - m.rendered,
      firstRenderMs: m.painted - m.applied,
      fromResponseMs: m.painted - m.responseEnd,
      bytes: m.bytes,
      rows: m.rows,
    };
  } finally {
    await page.close();
  }
}

export async function measureFirstRender(browser: Browser, cookies: Cookies, url: string, expected: number, log: (s: string) => void): Promise<FirstRenderResult> {
  const runs: FirstRenderRun[] = [];
  // Each load in a fresh context (same session), so none reuses another's cache or compiled code.
  for (let i = 0; i < CONFIG.rendererLoads; i++) {
    const context = await sessionContext(browser, cookies);
    try {
      runs.push(await loadOnce(context, url, expected));
    } finally {
      await context.close();
    }
  }
  const cold = runs[0];
  if (!cold) throw new Error('no page load measured');
  log(`  first render (snapshot applied → list painted): ${runs.map((r) => r.firstRenderMs.toFixed(0)).join(', ')} ms`);
  return {
    runs,
    cold,
    firstRender: summarize(runs.map((r) => r.firstRenderMs)),
    render: summarize(runs.map((r) => r.renderMs)),
    paint: summarize(runs.map((r) => r.paintMs)),
    wait: summarize(runs.map((r) => r.waitMs)),
    fromResponse: summarize(runs.map((r) => r.fromResponseMs)),
    fetch: summarize(runs.map((r) => r.fetchMs)),
  };
}

/** Sleeps until the wall clock's milliseconds are `phase` (the next time they are). */
async function untilPhase(phase: number): Promise<void> {
  const now = Date.now();
  let target = Math.floor(now / 1000) * 1000 + phase;
  if (target <= now) target += 1000;
  await sleep(target - now);
}

type Metrics = Map<string, number>;

/** The clock ticks at each wall-clock second plus a few ms; these bracket it and its frame. */
export const TICK_WINDOW_START = 900;
export const TICK_WINDOW_END = 195;

type TimeDomain = 'timeTicks' | 'threadTicks';

/** Reads the tick windows of CONFIG.rendererTickSeconds seconds in one time domain. */
async function tickSeries(context: BrowserContext, page: Page, timeDomain: TimeDomain): Promise<TickSeries> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain });
  const read = async (): Promise<Metrics> => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const between = (a: Metrics, b: Metrics, name: string) => ((b.get(name) ?? 0) - (a.get(name) ?? 0)) * 1000;
  // Task time between two readings, without the protocol's own commands (the readings).
  const work = (a: Metrics, b: Metrics) => between(a, b, 'TaskDuration') - between(a, b, 'DevToolsCommandDuration');
  const tick: number[] = [];
  const gcFree: number[] = [];
  let gcWindows = 0;
  const script: number[] = [];
  const layout: number[] = [];
  const rest: number[] = [];
  await untilPhase(TICK_WINDOW_START);
  let before = await read();
  for (let i = 0; i < CONFIG.rendererTickSeconds; i++) {
    await untilPhase(TICK_WINDOW_END);
    const after = await read();
    await untilPhase(TICK_WINDOW_START);
    const next = await read();
    tick.push(work(before, after));
    if ((after.get('JSHeapUsedSize') ?? 0) < (before.get('JSHeapUsedSize') ?? 0)) gcWindows++;
    else gcFree.push(work(before, after));
    script.push(between(before, after, 'ScriptDuration'));
    layout.push(between(before, after, 'LayoutDuration'));
    rest.push(work(after, next));
    before = next;
  }
  await cdp.send('Performance.disable');
  await cdp.detach();
  return {
    tick: summarize(tick),
    gcWindows,
    tickWithoutGc: gcFree.length > 0 ? summarize(gcFree) : null,
    script: summarize(script),
    layout: summarize(layout),
    rest: summarize(rest),
  };
}

export async function measureTicks(context: BrowserContext, url: string, log: (s: string) => void): Promise<TickResult> {
  const page = await openApp(context, url);
  try {
    // A selected sandbox: its detail panel's countdown and "changed … ago" tick too.
    await page.locator('[data-sandbox-id]').first().click();
    await page.waitForSelector('[data-testid="detail-ttl"]');
    await page.mouse.move(1279, 799);
    await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      w.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__benchLongTasks?.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await sleep(3000);
    const ttl = () => page.locator('[data-testid="detail-ttl"]').innerText();
    const countdownBefore = await ttl();
    const cpu = await tickSeries(context, page, 'threadTicks');
    const wall = await tickSeries(context, page, 'timeTicks');
    const countdownAfter = await ttl();
    const longTasks = await page.evaluate(() => (window as unknown as BenchWindow).__benchLongTasks?.length ?? 0);
    const rowsInDom = await page.locator('[data-sandbox-id]').count();
    log(`  countdown tick, CPU: median ${cpu.tick.median.toFixed(2)} ms, max ${cpu.tick.max.toFixed(2)} ms; wall: median ${wall.tick.median.toFixed(2)} ms, max ${wall.tick.max.toFixed(2)} ms`);
    return { ticks: CONFIG.rendererTickSeconds, cpu, wall, longTasks, rowsInDom, countdownBefore, countdownAfter };
  } finally {
    await page.close();
  }
}

/**
 * Runs before the app: wraps fetch so the event stream's body passes through a tap that notes
 * when each chunk reaches the page's reader (page clock) and its text. Plain JS (a string), so
 * no build helper leaks into the page.
 */
const EVENT_TAP = `(() => {
  const chunks = [];
  window.__benchChunks = chunks;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/bridge/events') || !res.body) return res;
    const decoder = new TextDecoder();
    const tap = new TransformStream({
      transform: (chunk, controller) => {
        chunks.push({ at: performance.timeOrigin + performance.now(), text: decoder.decode(chunk, { stream: true }) });
        if (chunks.length > 400) chunks.splice(0, 200);
        controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(tap), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
})();`;

interface EventWindow extends BenchWindow {
  __benchChunks?: Array<{ at: number; text: string }>;
}

export async function measureEvents(context: BrowserContext, url: string, api: ApiClient, log: (s: string) => void): Promise<EventResult> {
  const page = await openApp(context, url, EVENT_TAP);
  const stream = await openEventStream(context, url);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  try {
    await sleep(1000);
    // Running sandboxes whose rows are on screen (the list is virtualized: only rows near the
    // viewport exist in the DOM; Terminated ones refuse metadata changes).
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-sandbox-id]')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const state = el.querySelector('[data-testid="state"]')?.getAttribute('data-state');
          return r.top >= 0 && r.bottom <= window.innerHeight && state === 'Running';
        })
        .map((el) => el.dataset['sandboxId'] ?? '')
        .filter(Boolean)
        .slice(0, 8),
    );
    if (targets.length === 0) throw new Error('no Running rows on screen');
    const clock = await clockOffset(page);
    const rows: Array<{ event: number; eventDom: number; recvDom: number; recvPaint: number; send: number; api: number }> = [];
    loop.enable();
    for (let i = 0; i < CONFIG.rendererEvents; i++) {
      const id = targets[i % targets.length] ?? '';
      const name = `renamed-${i}-${Math.random().toString(36).slice(2, 8)}`;
      await page.evaluate(
        ([sid, wanted]) => {
          const w = window as unknown as BenchWindow;
          const scroll = document.querySelector('.grid-scroll');
          if (!scroll) throw new Error('no list');
          w.__benchSeen = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
              if (document.querySelector(`[data-sandbox-id="${sid}"] .row-name`)?.textContent !== wanted) return;
              const dom = performance.timeOrigin + performance.now();
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve({ dom, painted: performance.timeOrigin + performance.now() }), 0));
            });
            observer.observe(scroll, { subtree: true, childList: true, characterData: true });
          });
        },
        [id, name] as const,
      );
      const arrived = stream.next((e) => e.type === 'sandbox' && e.sandbox.id === id && e.sandbox.metadata['name'] === name);
      arrived.catch(() => undefined); // awaited below; this keeps an early throw from leaving it unhandled
      const sent = epochNow();
      const res = await api.request('PATCH', `/v1/sandboxes/${id}/metadata`, { name });
      const answered = epochNow();
      if (res.status !== 200) throw new Error(`PATCH metadata answered ${res.status}: ${res.text.slice(0, 300)}`);
      const eventAt = Math.min(await arrived, answered);
      const seen = await page.evaluate(() => (window as unknown as BenchWindow).__benchSeen);
      if (!seen) throw new Error('the page did not record the change');
      const received = await page.evaluate((wanted) => (window as unknown as EventWindow).__benchChunks?.find((c) => c.text.includes(wanted))?.at ?? null, name);
      if (received === null) throw new Error('the page\'s event stream tap did not see the event');
      const painted = seen.painted - clock.offsetMs;
      rows.push({
        event: painted - eventAt,
        eventDom: seen.dom - clock.offsetMs - eventAt,
        recvDom: seen.dom - received,
        recvPaint: seen.painted - received,
        send: painted - sent,
        api: answered - sent,
      });
      await sleep(150 + Math.random() * 200);
    }
    loop.disable();
    const eventToPaint = summarize(rows.map((r) => r.event));
    const receivedToPaint = summarize(rows.map((r) => r.recvPaint));
    log(`  event → painted: median ${eventToPaint.median.toFixed(1)} ms, p95 ${eventToPaint.p95.toFixed(1)} ms; in the page (received → painted) p95 ${receivedToPaint.p95.toFixed(1)} ms`);
    return {
      runs: rows.length,
      clockRttMs: clock.rttMs,
      eventToPaint,
      eventToDom: summarize(rows.map((r) => r.eventDom)),
      receivedToDom: summarize(rows.map((r) => r.recvDom)),
      receivedToPaint,
      sendToPaint: summarize(rows.map((r) => r.send)),
      api: summarize(rows.map((r) => r.api)),
      benchLoopDelayP99Ms: loop.percentile(99) / 1e6,
      benchLoopDelayMaxMs: loop.max / 1e6,
    };
  } finally {
    loop.disable();
    stream.close();
    await page.close();
  }
}

export interface RendererHooks {
  log(s: string): void;
  /** Told the instance id before any container exists, so an interrupted run can clean up. */
  onInstance?(instanceId: string): void;
  onServer?(server: ServerProcess): void;
}

/** Builds the renderer, makes the fleet, measures, and removes every container it made. */
export async function benchRenderer(hooks: RendererHooks): Promise<RendererResult> {
  const { log } = hooks;
  log('  building the renderer (electron-vite build)');
  execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const cap = capacity(CONFIG.rendererSandboxes);
  log(`  ${cap.planned} of ${cap.wanted} sandboxes fit (${cap.memAvailableMb.toFixed(0)} MB available, ${cap.threadsInUse} threads of pid_max ${cap.pidMax}, bridge ports in use ${cap.bridgePortsInUse ?? 'n/a'})`);
  if (cap.planned < 1) throw new Error(`no room for sandboxes: ${cap.limitedBy ?? 'unknown'}`);
  const home = createHome({ terminatedRetentionSeconds: 3600 });
  hooks.onInstance?.(home.instanceId);
  const docker = new Docker();
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  try {
    const s = (server = await startServer(home, 'tsx'));
    hooks.onServer?.(s);
    const topUp = cap.planned < cap.wanted ? await topUpTerminated(s.api, cap.planned, cap.wanted) : { terminated: 0, seconds: 0 };
    const made = await createRendererFleet(() => new ApiClient(s.url, home.apiKey), cap.planned, CONFIG.rendererConcurrency, log);
    const fleet = { ...made, terminated: topUp.terminated, seconds: made.seconds + topUp.seconds };
    log(`  fleet: ${fleet.running} Running, ${fleet.failed} failed, ${fleet.terminated} Terminated (top-up), in ${fleet.seconds.toFixed(0)} s`);
    const listed = (await s.api.json<{ pagination: { totalItems: number } }>('GET', '/v1/sandboxes?pageSize=1', 200)).pagination.totalItems;
    const b = (browser = await launchChromium());
    const result: RendererResult = { chromium: b.version(), capacity: cap, fleet, listed, errors: [], removed: 0 };
    const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await fn();
      } catch (err) {
        const msg = `${what}: ${err instanceof Error ? err.message : String(err)}`;
        result.errors.push(msg);
        log(`!! ${msg}`);
        return undefined;
      }
    };
    const cookies = await signIn(b, s);
    result.firstRender = await attempt('first render', () => measureFirstRender(b, cookies, s.url, listed, log));
    const context = await sessionContext(b, cookies);
    result.ticks = await attempt('countdown tick', () => measureTicks(context, s.url, log));
    result.events = await attempt('event to screen', () => measureEvents(context, s.url, s.api, log));
    await context.close();
    await b.close();
    await s.stop();
    result.removed = await removeByInstance(docker, [home.instanceId]);
    log(`  removed ${result.removed} containers`);
    return result;
  } finally {
    // On failure: the same, best effort (each step is a no-op when already done).
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await removeByInstance(docker, [home.instanceId]).catch(() => 0);
    removeHome(home);
  }
}
