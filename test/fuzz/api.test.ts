// Property-based fuzzing of every route the API server has (issue 6): thousands of malformed
// requests, built by fast-check from a fixed seed, against a real server on a real Docker engine.
// Invariants: every request gets a complete HTTP answer; no 5xx but the two documented ones;
// every error is a JSON {code, message}; valid requests interleaved keep working; afterwards
// nothing is left that the test did not make and delete.
// FUZZ_RUNS and FUZZ_SEED make it bigger or different: FUZZ_RUNS=100000 FUZZ_SEED=7 npx vitest run test/fuzz
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WEB_SESSION_COOKIE } from '../../src-main/contract/bridge';
import type { CreateSandboxResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { routeTable } from '../../src-main/api/server';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, instanceOf, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';
import { problems } from './invariants';
import { Dropped, send, sendBytes, type RawRequest, type RawResponse } from './rawHttp';
import { planArb, rawBytesArb, render, type RouteShape, type Target } from './requests';

const DEFAULT_RUNS = 11_000;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? DEFAULT_RUNS);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_611);
const RAW_RUNS = Math.max(300, Math.round(RUNS / 25));
const VALID_EVERY = 100;
/** Properties run side by side, lane i with seed SEED + i; a failure names its seed. */
const LANES = 4;

let s: TestServer;
let target: Target;
let routes: RouteShape[];
const created = new Set<string>();
const serverErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  const live = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'fuzz target' } }));
  expect(live.status).toBe(202);
  created.add(live.body.id);
  await waitForState(s, live.body.id, 'Running');
  const signIn = await fetch(s.sandlot.uiSignInUrl(), { redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie.startsWith(`${WEB_SESSION_COOKIE}=`)).toBe(true);
  target = { port: s.sandlot.port, key: s.key, liveId: live.body.id, cookie };
  // Every route the server registered (HEAD and wildcards included), plus the terminal path,
  // which is a WebSocket upgrade and so no route: its plain GET is fuzzed too.
  const seen = new Set<string>();
  routes = [...routeTable(s.sandlot.api), { method: 'GET', url: '/v1/sandboxes/:sandboxId/terminal' }].filter((r) => {
    const k = `${r.method} ${r.url}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // Anything the server logs as its own failure counts against it.
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    serverErrors.push(args.map(String).join(' ').slice(0, 500));
    original(...args);
  });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await s?.stop();
});

/** Deletes a sandbox the fuzzer created by accident (a mutation that stayed valid). */
async function adopt(res: RawResponse, req: RawRequest): Promise<void> {
  let id: unknown;
  const body = (() => {
    try {
      return JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  })();
  if (res.status === 202 && req.method === 'POST' && req.path.split('?')[0] === '/v1/sandboxes') id = body?.['id'];
  if (req.path.startsWith('/bridge/sandboxes.create') && body?.['ok'] === true) id = (body['value'] as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') {
    created.add(id);
    expect((await s.call('DELETE', `/v1/sandboxes/${id}`)).status).toBe(204);
  }
}

/** fast-check's report, with long strings cut so a counterexample stays readable. */
function shortReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const cut = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v));
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`fuzz failed (seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs, shrunk ${details.numShrinks} times)\n` +
    `counterexample: ${cut}\n${cause.slice(0, 2000)}`);
}

let validRounds = 0;
/** Real work between the fuzz: a full create → get → delete, and reads of the live sandbox. */
let validMs = 0;
async function validRound(): Promise<void> {
  const t0 = Date.now();
  validRounds++;
  const made = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { round: String(validRounds) } }));
  expect(made.status, JSON.stringify(made.body)).toBe(202);
  created.add(made.body.id);
  const got = await s.call<WireSandbox>('GET', `/v1/sandboxes/${made.body.id}`);
  expect(got.status).toBe(200);
  expect(got.body.metadata.round).toBe(String(validRounds));
  expect((await s.call('DELETE', `/v1/sandboxes/${made.body.id}`)).status).toBe(204);
  const live = await s.call<WireSandbox>('GET', `/v1/sandboxes/${target.liveId}`);
  expect(live.status).toBe(200);
  expect(live.body.status.state).toBe('Running');
  expect((await s.call('GET', `/v1/sandboxes/${target.liveId}/execd/ping`)).status).toBe(200);
  const snap = await fetch(`${s.url}/bridge/sandboxes.snapshot`, {
    method: 'POST',
    headers: { cookie: target.cookie, 'x-sandlot-bridge': '1', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(((await snap.json()) as { ok: boolean }).ok).toBe(true);
  validMs += Date.now() - t0;
}

const stats = { requests: 0, raw: 0, refused4xx: 0, ok2xx: 0, documented5xx: 0, streamed: 0, byRoute: new Map<string, number>(), byBody: new Map<string, number>() };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function tally(res: RawResponse): void {
  if (res.streamed) stats.streamed++;
  if (res.status >= 200 && res.status < 300) stats.ok2xx++;
  else if (res.status >= 400 && res.status < 500) stats.refused4xx++;
  else if (res.status >= 500) stats.documented5xx++;
}

describe(`fuzz: every route, seed ${SEED}`, () => {
  it(`answers ${RUNS} generated requests and ${RAW_RUNS} broken HTTP messages without a 5xx, a drop or a non-JSON error`, async () => {
    const started = Date.now();
    console.log(`fuzz: seed ${SEED} (lanes ${SEED}..${SEED + LANES - 1}), ${RUNS} requests over ${routes.length} routes, ${RAW_RUNS} raw messages (FUZZ_SEED / FUZZ_RUNS to change)`);
    let n = 0;
    const property = () =>
      fc.asyncProperty(planArb(routes, target.liveId), fc.nat(), async (plan, salt) => {
        if (++n % VALID_EVERY === 0) await validRound();
        const req = render(plan, target, salt);
        bump(stats.byRoute, `${plan.route.method} ${plan.route.url}`);
        bump(stats.byBody, plan.body.kind);
        stats.requests++;
        let res: RawResponse;
        try {
          res = await send(target.port, req);
        } catch (err) {
          if (err instanceof Dropped) throw new Error(`dropped: ${err.message}`);
          throw err;
        }
        tally(res);
        const accept = req.headers.filter(([k]) => k.toLowerCase() === 'accept').map(([, v]) => v).join(',');
        const p = problems(req.method, req.path, res, accept);
        if (p.length) throw new Error(p.join('\n'));
        await adopt(res, req);
      });
    // LANES properties side by side (seeds SEED, SEED+1, ...), so a few connections are in flight.
    await Promise.all(
      Array.from({ length: LANES }, (_, i) => fc.assert(property(), { numRuns: Math.ceil(RUNS / LANES), seed: SEED + i, reporter: shortReport })),
    );
    await fc.assert(
      fc.asyncProperty(rawBytesArb(target.port), async ({ name, bytes }) => {
        stats.raw++;
        const res = await sendBytes(target.port, Buffer.from(bytes, 'latin1')).catch((err: Error) => {
          throw new Error(`${name}: ${err.message}`);
        });
        tally(res);
        const p = problems('RAW', name, res);
        if (p.length) throw new Error(p.join('\n'));
      }),
      { numRuns: RAW_RUNS, seed: SEED, reporter: shortReport },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: seed ${SEED}: ${stats.requests} generated + ${stats.raw} raw requests in ${seconds} s; ${stats.refused4xx} refused (4xx), ${stats.ok2xx} served (2xx), ` +
        `${stats.documented5xx} documented 5xx (501/502), ${stats.streamed} streams; ${validRounds} valid rounds (${(validMs / 1000).toFixed(1)} s); ${created.size - 1 - validRounds} sandboxes created by valid mutations; ` +
        `bodies ${JSON.stringify(Object.fromEntries(stats.byBody))}`,
    );

    // Every route got its share, so "every route" is true of this run.
    for (const r of routes) expect(stats.byRoute.get(`${r.method} ${r.url}`) ?? 0, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(Math.min(10, RUNS / routes.length / 4));
    if (RUNS >= DEFAULT_RUNS) expect(stats.refused4xx).toBeGreaterThanOrEqual(10_000);
    expect(validRounds).toBe(Math.floor((Math.ceil(RUNS / LANES) * LANES) / VALID_EVERY));
    expect(serverErrors).toEqual([]);
  }, 600_000);

  it('leaves nothing behind: every record is one the test made and deleted, and no container or volume remains', async () => {
    expect((await s.call('DELETE', `/v1/sandboxes/${target.liveId}`)).status).toBe(204);
    const label = { label: [`${LABEL.instance}=${instanceOf(s.home)}`] };
    const deadline = Date.now() + 30_000;
    let containers = await docker.listContainers({ all: true, filters: label });
    while (containers.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      containers = await docker.listContainers({ all: true, filters: label });
    }
    expect(containers.map((c) => c.Labels[LABEL.sandboxId])).toEqual([]);
    const { Volumes } = await docker.listVolumes({ filters: label });
    expect(Volumes ?? []).toEqual([]);
    const records: Array<{ id: string; status: { state: string } }> = [];
    for (let page = 1; ; page++) {
      const list = await s.call<ListSandboxesResponse>('GET', `/v1/sandboxes?pageSize=200&page=${page}`);
      expect(list.status).toBe(200);
      records.push(...list.body.items);
      if (!list.body.pagination.hasNextPage) break;
    }
    expect(records.filter((r) => !created.has(r.id))).toEqual([]);
    expect(records.filter((r) => r.status.state !== 'Terminated')).toEqual([]);
    expect(records.length).toBe(created.size);
  }, 120_000);
});
