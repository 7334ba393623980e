// 7. Mixed load: many clients at once, each on its own keep-alive connection, reading (get,
// list with filters, endpoints) and changing (create, pause, resume, renew, patch metadata,
// delete) sandboxes for a fixed time against a fleet of live ones, while the server's RSS is
// read every second. Every answer is checked; anything but the expected status is an error.
// `runLoad` is also what test/integration/load.test.ts runs, shorter, against its own server.
import type Docker from 'dockerode';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CreateSandboxRequest, ListSandboxesResponse, WireSandbox } from '../src-main/contract/schemas';
import { LABEL } from '../src-main/runtime/labels';
import { TEST_IMAGE } from '../test/fixtures/image';
import { ApiClient, sleep } from './apiClient';
import { removeByInstance } from './cleanup';
import { CONFIG } from './config';
import { mbFromKb } from './format';
import { createHome, removeHome } from './home';
import { collectGarbage } from './inspector';
import { readProcMemory } from './procMem';
import { createAndWait } from './sandboxes';
import { startServer, type ServerProcess } from './server';
import { summarize, type Summary } from './stats';

export const LOAD_KINDS = ['get', 'list', 'endpoint', 'create', 'pause', 'resume', 'renew', 'patch', 'delete'] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];
export const READ_KINDS: readonly LoadKind[] = ['get', 'list', 'endpoint'];

const GROUPS = 4;
/** Seconds from now a renewal asks for (well within the default maximum of a day). */
const RENEW_SECONDS = 7200;

export interface LoadOptions {
  url: string;
  apiKey: string;
  clients: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  warmupSeconds: number;
  /** Each client waits a random 0..thinkMs between its requests. */
  thinkMs: number;
  /**
   * The live fleet: ids created beforehand (see createLoadFleet); never deleted by the load.
   * Sandbox i takes lifecycle changes from client i % clients only.
   */
  fleet: readonly string[];
  /** The server's pid, for RSS once a second; omitted when the server runs in this process. */
  pid?: number;
  /** The server's inspector (bench/inspector.ts), for memory at rest after a full GC. */
  inspector?: string | null;
  /**
   * The baseline: this many more clients read the fleet's containers straight from Docker
   * (`GET /containers/{id}/json`, what `docker inspect` does) with the same think time, so
   * Sandlot's reads can be compared with the raw engine's under the very same load.
   */
  raw?: { docker: Docker; clients: number };
  log?: (s: string) => void;
}

export interface RssTrack {
  /** VmRSS once a second over the measured part, KiB. */
  samplesKb: number[];
  startKb: number;
  endKb: number;
  maxKb: number;
  /** Least-squares slope of RSS over time, MB (10^6 bytes) per minute. */
  slopeMbPerMin: number;
  /**
   * The lowest RSS of each 10 s window, and their least-squares slope (MB/min): garbage
   * collection saws RSS up and down by tens of MB, while a leak lifts the low-water marks.
   */
  lowsKb: number[];
  lowSlopeMbPerMin: number;
  /** Before the clients start and after they stop (fleet resumed), each right after a full GC. */
  atRest: { before: RestReading; after: RestReading };
  /** What the load left behind, (restAfter − restBefore) per minute of load, MB/min: the judged figure. */
  retainedMbPerMin: number;
}

export interface RestReading {
  rssKb: number;
  /** V8's live heap, bytes. */
  heapBytes: number;
}

export interface LoadResult {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  thinkMs: number;
  fleet: number;
  /** Live sandboxes (fleet plus the clients' own, created and deleted during the run), lowest and highest seen. */
  liveMin: number;
  liveMax: number;
  ops: number;
  opsPerSecond: number;
  errors: number;
  /** The first few errors, in words. */
  errorSamples: string[];
  latency: Partial<Record<LoadKind, Summary>>;
  reads: Summary;
  /** The same reads as Sandlot itself timed them (Server-Timing): the rest of each was on the way. */
  readsInServer: Summary;
  writes: Summary;
  rss?: RssTrack;
  /** Docker's own container reads under the same load (see LoadOptions.raw). */
  rawReads?: Summary;
  /** The bench process's own event-loop delay over the measured part: part of every timing above. */
  clientLoopDelay: { p50: number; p99: number; max: number };
}

export function groupOfLoad(i: number): string {
  return `g${i % GROUPS}`;
}

export function loadRequest(tag: string, i: number): CreateSandboxRequest {
  return {
    image: { uri: TEST_IMAGE },
    entrypoint: ['sleep', '3600'],
    timeout: 3600,
    resourceLimits: { cpu: '100m', memory: '16Mi' },
    metadata: { bench: 'load', role: tag, group: groupOfLoad(i), name: `load-${tag}-${i}` },
  };
}

/** The fleet the load runs against, all Running, created `concurrency` at a time. */
export async function createLoadFleet(url: string, apiKey: string, size: number, concurrency: number, log: (s: string) => void = () => undefined): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    const api = new ApiClient(url, apiKey);
    try {
      while (next < size) {
        const i = next++;
        ids.push((await createAndWait(api, loadRequest('fleet', i), 25)).id);
        if (ids.length % 25 === 0) log(`  ${ids.length}/${size} Running`);
      }
    } finally {
      api.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** Least-squares slope of readings taken every `everySeconds`, in MB per minute. */
function slopeMbPerMin(samplesKb: readonly number[], everySeconds = 1): number {
  const n = samplesKb.length;
  if (n < 2) return 0;
  const xs = samplesKb.map((_, i) => (i * everySeconds) / 60);
  const ys = samplesKb.map(mbFromKb);
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return num / den;
}

interface Owned {
  id: string;
  /** Last expiry this client asked for, ms. */
  expiresMs: number;
}

/** Runs the load; resolves with what was measured. Never throws for a wrong answer: it counts it. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const samples = new Map<LoadKind, number[]>(LOAD_KINDS.map((k) => [k, []]));
  const inServer: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let measuring = false;
  let stopping = false;
  let extra = 0;
  let liveMin = Infinity;
  let liveMax = 0;
  const noteLive = () => {
    const live = o.fleet.length + extra;
    liveMin = Math.min(liveMin, live);
    liveMax = Math.max(liveMax, live);
  };

  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  const client = async (c: number) => {
    const api = new ApiClient(o.url, o.apiKey);
    // Lifecycle changes go to this client's own share of the fleet (so no two clients pause the
    // same sandbox) and to the sandboxes it creates itself; reads go anywhere in the fleet.
    const mine: Owned[] = o.fleet.filter((_, i) => i % o.clients === c).map((id) => ({ id, expiresMs: 0 }));
    // With fewer fleet sandboxes than clients, some clients own only the ones they create.
    const churn: Owned[] = [];
    let n = 0;
    const timed = async (kind: LoadKind, method: string, path: string, expected: number, body?: unknown): Promise<string | null> => {
      const t0 = performance.now();
      try {
        const res = await api.request(method, path, body);
        const ms = performance.now() - t0;
        if (measuring) {
          samples.get(kind)?.push(ms);
          if (READ_KINDS.includes(kind) && res.serverMs !== undefined) inServer.push(res.serverMs);
        }
        if (res.status !== expected) {
          fail(`${kind}: ${method} ${path} answered ${res.status}, expected ${expected}: ${res.text.slice(0, 200)}`);
          return null;
        }
        return res.text;
      } catch (err) {
        fail(`${kind}: ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    };
    try {
      while (!stopping) {
        const roll = Math.random();
        const any = o.fleet[Math.floor(Math.random() * o.fleet.length)] as string;
        const owned = [...mine, ...churn];
        const own = owned[Math.floor(Math.random() * owned.length)];
        if (roll < 0.3) {
          await timed('get', 'GET', `/v1/sandboxes/${any}`, 200);
        } else if (roll < 0.5) {
          const states = ['', '&state=Running', '&state=Running&state=Paused'][n % 3];
          const metadata = encodeURIComponent(`bench=load&group=${groupOfLoad(n)}`);
          const text = await timed('list', 'GET', `/v1/sandboxes?metadata=${metadata}${states}&pageSize=50`, 200);
          if (text !== null && (JSON.parse(text) as ListSandboxesResponse).items.length === 0 && states === '') fail(`list: no sandbox in group ${groupOfLoad(n)}`);
        } else if (roll < 0.65) {
          await timed('endpoint', 'GET', `/v1/sandboxes/${any}/endpoints/${n % 2 === 0 ? 8000 : 44772}`, 200);
        } else if (roll < 0.73 || !own) {
          // Create and delete alternate, so the live count stays around the fleet plus one per client.
          const old = churn.shift();
          if (old) {
            if ((await timed('delete', 'DELETE', `/v1/sandboxes/${old.id}`, 204)) !== null) {
              extra--;
              noteLive();
            }
          } else {
            const text = await timed('create', 'POST', '/v1/sandboxes', 202, loadRequest(`c${c}`, n));
            if (text !== null) {
              churn.push({ id: (JSON.parse(text) as WireSandbox).id, expiresMs: 0 });
              extra++;
              noteLive();
            }
          }
        } else if (roll < 0.86) {
          // Pause or resume, whichever the sandbox's state allows; an in-between state waits for the next turn.
          const text = await timed('get', 'GET', `/v1/sandboxes/${own.id}`, 200);
          const state = text === null ? null : (JSON.parse(text) as WireSandbox).status.state;
          if (state === 'Running') await timed('pause', 'POST', `/v1/sandboxes/${own.id}/pause`, 202);
          else if (state === 'Paused') await timed('resume', 'POST', `/v1/sandboxes/${own.id}/resume`, 202);
        } else if (roll < 0.93) {
          own.expiresMs = Math.max(own.expiresMs + 1000, Date.now() + RENEW_SECONDS * 1000);
          await timed('renew', 'POST', `/v1/sandboxes/${own.id}/renew-expiration`, 200, { expiresAt: new Date(own.expiresMs).toISOString() });
        } else {
          await timed('patch', 'PATCH', `/v1/sandboxes/${own.id}/metadata`, 200, { step: `s${n}`, client: `c${c}` });
        }
        n++;
        if (o.thinkMs > 0) await sleep(Math.random() * o.thinkMs);
      }
      // Leave the fleet as it was: resumed, and without this client's own sandboxes.
      for (const { id } of churn) {
        if ((await timed('delete', 'DELETE', `/v1/sandboxes/${id}`, 204)) !== null) extra--;
      }
    } finally {
      api.close();
    }
  };

  const rawSamples: number[] = [];
  const rawClient = async (docker: Docker) => {
    while (!stopping) {
      const id = o.fleet[Math.floor(Math.random() * o.fleet.length)] as string;
      const t0 = performance.now();
      try {
        // The fleet's containers are found by their sandbox id label once, then read by id.
        const containerId = await containerOf(docker, id);
        const t1 = performance.now();
        await docker.getContainer(containerId).inspect();
        if (measuring) rawSamples.push(performance.now() - t1);
      } catch (err) {
        fail(`raw docker inspect of ${id}: ${err instanceof Error ? err.message : String(err)} after ${(performance.now() - t0).toFixed(0)} ms`);
      }
      if (o.thinkMs > 0) await sleep(Math.random() * o.thinkMs);
    }
  };

  noteLive();
  const restBefore = o.pid !== undefined && o.inspector ? await atRest(o.pid, o.inspector) : null;
  const running = [
    ...Array.from({ length: o.clients }, (_, c) => client(c)),
    ...Array.from({ length: o.raw?.clients ?? 0 }, () => rawClient((o.raw as { docker: Docker }).docker)),
  ];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const rss: number[] = [];
  let sampler: NodeJS.Timeout | null = null;
  await sleep(o.warmupSeconds * 1000);
  measuring = true;
  loop.enable();
  const t0 = performance.now();
  if (o.pid !== undefined) {
    const pid = o.pid;
    rss.push(readProcMemory(pid).rssKb);
    sampler = setInterval(() => rss.push(readProcMemory(pid).rssKb), 1000);
  }
  let shown = 0;
  while (performance.now() - t0 < o.seconds * 1000) {
    await sleep(Math.min(1000, o.seconds * 1000 - (performance.now() - t0)));
    const s = Math.floor((performance.now() - t0) / 1000);
    if (s >= shown + 10) {
      shown = s;
      o.log?.(`  ${s} s: ${[...samples.values()].reduce((x, a) => x + a.length, 0)} requests, ${errors} errors${rss.length ? `, RSS ${((rss.at(-1) ?? 0) / 1024).toFixed(0)} MiB` : ''}`);
    }
  }
  measuring = false;
  loop.disable();
  const seconds = (performance.now() - t0) / 1000;
  if (sampler) clearInterval(sampler);
  if (o.pid !== undefined) rss.push(readProcMemory(o.pid).rssKb);
  stopping = true;
  await Promise.all(running);
  await resumeAll(o.url, o.apiKey, o.fleet);
  const restAfter = o.pid !== undefined && o.inspector ? await atRest(o.pid, o.inspector) : null;

  const latency: Partial<Record<LoadKind, Summary>> = {};
  for (const [k, v] of samples) if (v.length > 0) latency[k] = summarize(v);
  const pick = (kinds: readonly LoadKind[]) => kinds.flatMap((k) => samples.get(k) ?? []);
  const reads = pick(READ_KINDS);
  const writes = pick(LOAD_KINDS.filter((k) => !READ_KINDS.includes(k)));
  const ops = reads.length + writes.length;
  return {
    clients: o.clients,
    seconds,
    warmupSeconds: o.warmupSeconds,
    thinkMs: o.thinkMs,
    fleet: o.fleet.length,
    liveMin,
    liveMax,
    ops,
    opsPerSecond: ops / seconds,
    errors,
    errorSamples,
    latency,
    reads: summarize(reads.length ? reads : [0]),
    readsInServer: summarize(inServer.length ? inServer : [0]),
    writes: summarize(writes.length ? writes : [0]),
    rss: rss.length >= 2 && restBefore && restAfter ? rssTrack(rss, { before: restBefore, after: restAfter }, seconds) : undefined,
    ...(rawSamples.length > 0 ? { rawReads: summarize(rawSamples) } : {}),
    // The histogram counts in nanoseconds, from its 10 ms sampling timer's lateness.
    clientLoopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
  };
}

const LOW_WINDOW_SECONDS = 10;
/**
 * Memory the server holds on to: RSS and live heap right after two full collections (a second
 * one picks up what finalizers of the first let go). Without them, a reading depends on where in
 * V8's cycle the process happens to be: a busy minute's garbage can sit in the old generation
 * until allocation slows down, tens of MB.
 */
async function atRest(pid: number, inspector: string): Promise<RestReading> {
  await collectGarbage(inspector);
  await sleep(500);
  const { usedBytes } = await collectGarbage(inspector);
  await sleep(500);
  return { rssKb: readProcMemory(pid).rssKb, heapBytes: usedBytes };
}

function rssTrack(samplesKb: number[], atRest: RssTrack['atRest'], loadSeconds: number): RssTrack {
  const lowsKb: number[] = [];
  for (let i = 0; i + LOW_WINDOW_SECONDS <= samplesKb.length; i += LOW_WINDOW_SECONDS) lowsKb.push(Math.min(...samplesKb.slice(i, i + LOW_WINDOW_SECONDS)));
  return {
    samplesKb,
    startKb: samplesKb[0] as number,
    endKb: samplesKb.at(-1) as number,
    maxKb: Math.max(...samplesKb),
    slopeMbPerMin: slopeMbPerMin(samplesKb),
    lowsKb,
    lowSlopeMbPerMin: slopeMbPerMin(lowsKb, LOW_WINDOW_SECONDS),
    atRest,
    retainedMbPerMin: mbFromKb(atRest.after.rssKb - atRest.before.rssKb) / (loadSeconds / 60),
  };
}

const containerIds = new Map<string, string>();

async function containerOf(docker: Docker, sandboxId: string): Promise<string> {
  const known = containerIds.get(sandboxId);
  if (known) return known;
  const [c] = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${sandboxId}`] } });
  if (!c) throw new Error(`no container for sandbox ${sandboxId}`);
  containerIds.set(sandboxId, c.Id);
  return c.Id;
}

/** Brings every fleet sandbox back to Running (a pause may still be settling). */
async function resumeAll(url: string, apiKey: string, fleet: readonly string[]): Promise<void> {
  const api = new ApiClient(url, apiKey);
  try {
    const deadline = Date.now() + 30_000;
    let pending = [...fleet];
    while (pending.length > 0 && Date.now() < deadline) {
      const next: string[] = [];
      for (const id of pending) {
        const s = await api.json<WireSandbox>('GET', `/v1/sandboxes/${id}`, 200);
        if (s.status.state === 'Paused') await api.request('POST', `/v1/sandboxes/${id}/resume`);
        if (s.status.state !== 'Running') next.push(id);
      }
      pending = next;
      if (pending.length > 0) await sleep(100);
    }
    if (pending.length > 0) throw new Error(`${pending.length} fleet sandboxes did not come back to Running after the load`);
  } finally {
    api.close();
  }
}

/**
 * The bench phase: its own data folder and `serve` child (so the RSS read is the server's
 * alone), the fleet, the load, then every container of that instance removed.
 */
export async function benchLoad(docker: Docker, log: (s: string) => void, hooks: { onInstance: (id: string) => void; onServer: (s: ServerProcess) => void }): Promise<LoadResult> {
  const home = createHome();
  hooks.onInstance(home.instanceId);
  try {
    const server = await startServer(home, 'tsx', undefined, { inspect: true });
    hooks.onServer(server);
    try {
      log(`  fleet of ${CONFIG.loadFleet}`);
      const fleet = await createLoadFleet(server.url, home.apiKey, CONFIG.loadFleet, CONFIG.fleetConcurrency, log);
      log(`  ${CONFIG.loadClients} clients for ${CONFIG.loadSeconds} s (+${CONFIG.loadWarmupSeconds} s warm-up)`);
      return await runLoad({
        url: server.url, apiKey: home.apiKey, clients: CONFIG.loadClients, seconds: CONFIG.loadSeconds,
        warmupSeconds: CONFIG.loadWarmupSeconds, thinkMs: CONFIG.loadThinkMs, fleet, pid: server.pid, inspector: server.inspector, log,
        raw: { docker, clients: CONFIG.loadRawClients },
      });
    } finally {
      await server.stop();
    }
  } finally {
    const removed = await removeByInstance(docker, [home.instanceId]);
    log(`  removed ${removed} containers`);
    removeHome(home);
  }
}
