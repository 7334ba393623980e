// The official OpenSandbox SDK (@alibaba-group/opensandbox, pinned 0.1.11) driving a real
// Sandlot started the way a user starts it (`npm run serve`'s entry, as a child process).
// Every check is something an SDK user would look at: what the SDK returns, what it throws,
// and what Docker really has.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConnectionConfig,
  Sandbox,
  SandboxApiException,
  SandboxManager,
  type ConnectionConfigOptions,
  type SandboxCreateOptions,
  type SandboxInfo,
} from '@alibaba-group/opensandbox';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src-main/runtime/labels';
import { cleanup, docker, freePort, spawnServe, stopServeGracefully, tempHome, type ServeProcess } from '../helpers/sandlot';

const IMAGE = 'sandlot-test/busybox:1';
const ENTRYPOINT = ['sleep', '3600'];
const RESOURCE = { cpu: '500m', memory: '128Mi' };
/** The port the test image EXPOSEs, so Sandlot publishes it on 127.0.0.1. */
const PUBLISHED_PORT = 8000;
/** execd's port: Sandlot answers it itself (through Docker exec), on the API port. */
const EXECD_PORT = 44772;

let home: string;
let port: number;
let serve: ServeProcess;
let apiKey: string;
let manager: SandboxManager;
/** SDK objects owning an HTTP agent, closed in afterAll. */
const closers: Array<{ close(): Promise<void> }> = [];

function connection(extra: ConnectionConfigOptions = {}): ConnectionConfig {
  // Telemetry is switched off everywhere but in the test that checks it.
  return new ConnectionConfig({ domain: `127.0.0.1:${port}`, apiKey, disableMetrics: true, ...extra });
}

/** Creates the way SDK users do: create() waits for Running and a passing execd /ping. */
async function create(opts: Partial<SandboxCreateOptions> = {}): Promise<Sandbox> {
  const sbx = await Sandbox.create({
    connectionConfig: connection(),
    image: IMAGE,
    entrypoint: ENTRYPOINT,
    resource: RESOURCE,
    timeoutSeconds: 900,
    ...opts,
  });
  closers.push(sbx);
  return sbx;
}

/** Polls getInfo (as an SDK user would) until the sandbox is in `state`. */
async function waitForState(get: () => Promise<SandboxInfo>, state: string, timeoutMs = 30_000, intervalMs = 100): Promise<SandboxInfo> {
  const deadline = Date.now() + timeoutMs;
  let last: SandboxInfo | undefined;
  while (Date.now() < deadline) {
    last = await get();
    if (last.status.state === state) return last;
    if (last.status.state === 'Failed') break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`sandbox did not reach ${state}; last seen: ${JSON.stringify(last?.status)}`);
}

async function createRunning(opts: Partial<SandboxCreateOptions> = {}): Promise<{ sbx: Sandbox; info: SandboxInfo }> {
  const sbx = await create(opts);
  const info = await waitForState(() => sbx.getInfo(), 'Running');
  return { sbx, info };
}

/** Awaits a call that must fail, and checks it failed the way the SDK reports API errors. */
async function expectApiError(call: Promise<unknown>, statusCode: number, code: string): Promise<SandboxApiException> {
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a ${statusCode} ${code}`).toBeInstanceOf(SandboxApiException);
  const e = caught as SandboxApiException;
  expect({ statusCode: e.statusCode, code: e.error.code }).toEqual({ statusCode, code });
  expect(e.message.length).toBeGreaterThan(0);
  // Every response carries X-Request-ID, and the SDK hands it to the user.
  expect(e.requestId).toBeTruthy();
  return e;
}

/** The Docker container behind a sandbox, found by Sandlot's label. */
async function containerOf(id: string): Promise<Docker.ContainerInspectInfo | null> {
  const found = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
  const first = found[0];
  return first ? docker.getContainer(first.Id).inspect() : null;
}

const ids = (infos: SandboxInfo[]): string[] => infos.map((i) => i.id);

beforeAll(async () => {
  home = tempHome();
  port = await freePort();
  serve = await spawnServe(home, port);
  apiKey = (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
  manager = SandboxManager.create({ connectionConfig: connection() });
  closers.push(manager);
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c.close().catch(() => undefined)));
  await stopServeGracefully(serve);
  if (home) await cleanup(home);
});

describe('the official SDK against a served Sandlot', () => {
  it('creates a sandbox that reaches Running, with the fields a user reads', async () => {
    const before = Date.now();
    const sbx = await create({ timeoutSeconds: 900, metadata: { suite: 'sdk', case: 'create', name: 'My first sandbox' } });
    expect(sbx.id).toMatch(/^[0-9a-f-]{36}$/);

    const info = await waitForState(() => sbx.getInfo(), 'Running');
    const after = Date.now();
    expect(info.id).toBe(sbx.id);
    expect(info.entrypoint).toEqual(ENTRYPOINT);
    expect(info.metadata).toEqual({ suite: 'sdk', case: 'create', name: 'My first sandbox' });
    expect(info.image?.uri).toBe(IMAGE);
    expect(info.status.reason).toMatch(/^[a-z_]+$/);

    expect(info.createdAt).toBeInstanceOf(Date);
    expect(info.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(info.createdAt.getTime()).toBeLessThanOrEqual(after + 1000);
    expect(info.expiresAt).toBeInstanceOf(Date);
    const expiresAt = info.expiresAt as Date;
    // timeoutSeconds from creation, to the second.
    expect(Math.abs(expiresAt.getTime() - info.createdAt.getTime() - 900_000)).toBeLessThanOrEqual(1000);
    expect(expiresAt.getTime()).toBeGreaterThan(after + 890_000);

    // Docker really runs it, with the limits asked for.
    const c = await containerOf(sbx.id);
    expect(c?.State.Running).toBe(true);
    expect(c?.HostConfig.NanoCpus).toBe(500_000_000);
    expect(c?.HostConfig.Memory).toBe(128 * 2 ** 20);

    // The manager and a fresh connect see the same sandbox.
    const viaManager = await manager.getSandboxInfo(sbx.id);
    expect(viaManager.id).toBe(sbx.id);
    expect(viaManager.status.state).toBe('Running');
    const connected = await Sandbox.connect({ connectionConfig: connection(), sandboxId: sbx.id, skipHealthCheck: true });
    closers.push(connected);
    expect(connected.id).toBe(sbx.id);
    expect((await connected.getInfo()).createdAt.getTime()).toBe(info.createdAt.getTime());
  });

  it('lists with state and metadata filters and pages through results', async () => {
    // Created one after the other, so newest first is s2, s1, s0.
    const s0 = await create({ metadata: { suite: 'sdk', case: 'list', tier: 'gold', zone: 'a' } });
    const s1 = await create({ metadata: { suite: 'sdk', case: 'list', tier: 'gold', zone: 'b' } });
    const s2 = await create({ metadata: { suite: 'sdk', case: 'list', tier: 'silver', zone: 'a' } });
    for (const s of [s0, s1, s2]) await waitForState(() => s.getInfo(), 'Running');
    await s1.pause();
    await waitForState(() => s1.getInfo(), 'Paused');

    const mine = { case: 'list' };
    const all = await manager.listSandboxInfos({ metadata: mine });
    expect(ids(all.items)).toEqual([s2.id, s1.id, s0.id]);
    for (const item of all.items) {
      expect(item.createdAt).toBeInstanceOf(Date);
      expect(item.expiresAt).toBeInstanceOf(Date);
      expect(item.entrypoint).toEqual(ENTRYPOINT);
    }

    // States: one state, and several (OR).
    const paused = await manager.listSandboxInfos({ states: ['Paused'], metadata: mine });
    expect(ids(paused.items)).toEqual([s1.id]);
    expect(paused.items[0]?.status.state).toBe('Paused');
    const running = await manager.listSandboxInfos({ states: ['Running'], metadata: mine });
    expect(ids(running.items)).toEqual([s2.id, s0.id]);
    const either = await manager.listSandboxInfos({ states: ['Running', 'Paused'], metadata: mine });
    expect(ids(either.items)).toEqual([s2.id, s1.id, s0.id]);
    // Without a metadata filter the state filter still holds for everything listed.
    const anyPaused = await manager.listSandboxInfos({ states: ['Paused'] });
    expect(ids(anyPaused.items)).toContain(s1.id);
    expect(anyPaused.items.every((i) => i.status.state === 'Paused')).toBe(true);

    // Metadata: every key must match (AND).
    expect(ids((await manager.listSandboxInfos({ metadata: { tier: 'gold', zone: 'a' } })).items)).toEqual([s0.id]);
    expect(ids((await manager.listSandboxInfos({ metadata: { tier: 'gold' } })).items)).toEqual([s1.id, s0.id]);
    expect(ids((await manager.listSandboxInfos({ metadata: { zone: 'a' } })).items)).toEqual([s2.id, s0.id]);
    expect((await manager.listSandboxInfos({ metadata: { tier: 'silver', zone: 'b' } })).items).toEqual([]);
    // Both filters together.
    expect(ids((await manager.listSandboxInfos({ states: ['Running'], metadata: { tier: 'gold' } })).items)).toEqual([s0.id]);

    // Paging.
    const page1 = await manager.listSandboxInfos({ metadata: mine, page: 1, pageSize: 2 });
    expect(ids(page1.items)).toEqual([s2.id, s1.id]);
    expect(page1.pagination).toEqual({ page: 1, pageSize: 2, totalItems: 3, totalPages: 2, hasNextPage: true });
    const page2 = await manager.listSandboxInfos({ metadata: mine, page: 2, pageSize: 2 });
    expect(ids(page2.items)).toEqual([s0.id]);
    expect(page2.pagination).toEqual({ page: 2, pageSize: 2, totalItems: 3, totalPages: 2, hasNextPage: false });
    const beyond = await manager.listSandboxInfos({ metadata: mine, page: 3, pageSize: 2 });
    expect(beyond.items).toEqual([]);
    expect(beyond.pagination).toMatchObject({ page: 3, totalItems: 3, hasNextPage: false });

    const walked: string[] = [];
    for (let page = 1; ; page++) {
      const r = await manager.listSandboxInfos({ metadata: mine, page, pageSize: 1 });
      expect(r.pagination).toMatchObject({ page, pageSize: 1, totalItems: 3, totalPages: 3 });
      walked.push(...ids(r.items));
      if (!r.pagination?.hasNextPage) break;
      expect(page).toBeLessThan(3);
    }
    expect(walked).toEqual([s2.id, s1.id, s0.id]);
  });

  it('pauses and resumes, and refuses to pause twice or resume a running sandbox', async () => {
    const { sbx } = await createRunning({ metadata: { suite: 'sdk', case: 'pause' } });
    await expectApiError(sbx.sandboxes.resumeSandbox(sbx.id), 409, 'CONFLICT');

    await sbx.pause();
    const paused = await waitForState(() => sbx.getInfo(), 'Paused');
    expect(paused.status.reason).toBe('user_pause');
    expect((await containerOf(sbx.id))?.State.Paused).toBe(true);

    const again = await expectApiError(sbx.pause(), 409, 'CONFLICT');
    expect(again.message).toContain('Paused');
    await expectApiError(manager.pauseSandbox(sbx.id), 409, 'CONFLICT');

    const resumed = await sbx.resume({ skipHealthCheck: true });
    closers.push(resumed);
    expect(resumed.id).toBe(sbx.id);
    await waitForState(() => resumed.getInfo(), 'Running');
    const c = await containerOf(sbx.id);
    expect(c?.State.Paused).toBe(false);
    expect(c?.State.Running).toBe(true);

    // The manager's pause/resume reach the same place.
    await manager.pauseSandbox(sbx.id);
    await waitForState(() => manager.getSandboxInfo(sbx.id), 'Paused');
    await manager.resumeSandbox(sbx.id);
    await waitForState(() => manager.getSandboxInfo(sbx.id), 'Running');
  });

  it('does not lose a pause sent right after a resume, or a resume right after a pause', async () => {
    // A user (or script) that acts as soon as getInfo shows the new state: no pause between calls.
    // Docker's own pause/unpause events arrive a little after Sandlot reports the state; a late
    // event must not undo the request that came next.
    const { sbx } = await createRunning({ metadata: { suite: 'sdk', case: 'back-to-back' } });
    const info = () => sbx.getInfo();
    for (let round = 0; round < 3; round++) {
      await sbx.pause();
      const paused = await waitForState(info, 'Paused', 5000, 0);
      expect(paused.status.reason).toBe('user_pause');
      await manager.resumeSandbox(sbx.id);
      const running = await waitForState(info, 'Running', 5000, 0);
      expect(running.status.reason).toBe('user_resume');
      expect((await containerOf(sbx.id))?.State.Paused).toBe(false);
    }
    await sbx.pause();
    await waitForState(info, 'Paused', 5000, 0);
    expect((await containerOf(sbx.id))?.State.Paused).toBe(true);
  });

  it('renews the expiry forward, and refuses a renewal into the past', async () => {
    const { sbx, info } = await createRunning({ timeoutSeconds: 600, metadata: { suite: 'sdk', case: 'renew' } });
    const was = (info.expiresAt as Date).getTime();

    const before = Date.now();
    const renewed = await sbx.renew(3600);
    expect(renewed.expiresAt).toBeInstanceOf(Date);
    const now = (renewed.expiresAt as Date).getTime();
    expect(now).toBeGreaterThan(was);
    expect(Math.abs(now - (before + 3_600_000))).toBeLessThanOrEqual(5000);
    expect((await sbx.getInfo()).expiresAt?.getTime()).toBe(now);

    await manager.renewSandbox(sbx.id, 7200);
    const later = (await manager.getSandboxInfo(sbx.id)).expiresAt?.getTime() ?? 0;
    expect(later).toBeGreaterThan(now + 3_500_000);

    const past = await expectApiError(sbx.renew(-60), 400, 'INVALID_REQUEST');
    expect(past.message).toContain('expiresAt');
    // The failed renewal changed nothing.
    expect((await sbx.getInfo()).expiresAt?.getTime()).toBe(later);
  });

  it('patches metadata: add, replace and delete (null), and rejects invalid keys', async () => {
    const { sbx } = await createRunning({ metadata: { suite: 'sdk', case: 'patch', keep: 'yes', change: 'old', drop: 'me' } });

    const patched = await sbx.patchMetadata({ added: 'new', change: 'fresh', drop: null });
    const expected = { suite: 'sdk', case: 'patch', keep: 'yes', change: 'fresh', added: 'new' };
    expect(patched.id).toBe(sbx.id);
    expect(patched.metadata).toEqual(expected);
    expect(patched.createdAt).toBeInstanceOf(Date);
    expect((await sbx.getInfo()).metadata).toEqual(expected);
    // Deleting a key that is not there is a no-op, as in any merge patch.
    expect((await manager.patchSandboxMetadata(sbx.id, { absent: null })).metadata).toEqual(expected);

    // The list filter sees the patched values, not the original ones.
    expect(ids((await manager.listSandboxInfos({ metadata: { case: 'patch', change: 'fresh' } })).items)).toEqual([sbx.id]);
    expect((await manager.listSandboxInfos({ metadata: { case: 'patch', change: 'old' } })).items).toEqual([]);
    expect((await manager.listSandboxInfos({ metadata: { case: 'patch', drop: 'me' } })).items).toEqual([]);

    const bad = await expectApiError(sbx.patchMetadata({ 'not a key!': 'x' }), 400, 'INVALID_REQUEST');
    expect(bad.message).toContain('not a key!');
    await expectApiError(sbx.patchMetadata({ 'opensandbox.io/owner': 'me' }), 400, 'INVALID_REQUEST');
    await expectApiError(sbx.patchMetadata({ ok: 'bad value with spaces' }), 400, 'INVALID_REQUEST');
    // A rejected patch changes nothing, not even its valid parts.
    await expectApiError(sbx.patchMetadata({ partial: 'yes', 'bad/key/twice': 'x' }), 400, 'INVALID_REQUEST');
    expect((await sbx.getInfo()).metadata).toEqual(expected);

    // The same rules on create: the SDK's create throws and nothing is left behind.
    await expectApiError(create({ metadata: { suite: 'sdk', case: 'patch-bad', '-bad': 'x' } }), 400, 'INVALID_REQUEST');
    expect((await manager.listSandboxInfos({ metadata: { case: 'patch-bad' } })).items).toEqual([]);
  });

  it('answers endpoints: 127.0.0.1:<hostPort> for a published port, the server proxy otherwise', async () => {
    // busybox httpd on the image's EXPOSEd port, so the endpoint can be really used.
    const { sbx } = await createRunning({
      entrypoint: ['httpd', '-f', '-p', String(PUBLISHED_PORT), '-h', '/www'],
      metadata: { suite: 'sdk', case: 'endpoint' },
    });
    const c = await containerOf(sbx.id);
    const binding = c?.NetworkSettings.Ports[`${PUBLISHED_PORT}/tcp`]?.[0];
    expect(binding?.HostIp).toBe('127.0.0.1');
    const hostPort = Number(binding?.HostPort);
    expect(hostPort).toBeGreaterThan(0);

    const published = await sbx.getEndpoint(PUBLISHED_PORT);
    expect(published.endpoint).toBe(`127.0.0.1:${hostPort}`);
    expect(await sbx.getEndpointUrl(PUBLISHED_PORT)).toBe(`http://127.0.0.1:${hostPort}`);
    const page = await fetch(`http://${published.endpoint}/index.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('hello from a sandbox');

    const execd = await sbx.getEndpoint(EXECD_PORT);
    expect(execd.endpoint).toBe(`127.0.0.1:${port}/v1/sandboxes/${sbx.id}/execd`);
    expect(execd.endpoint).not.toMatch(/^\w+:\/\//);
    expect(await sbx.isHealthy()).toBe(true);
    const egress = await sbx.getEndpoint(18080);
    expect(egress.endpoint).toBe(`127.0.0.1:${port}/v1/sandboxes/${sbx.id}/proxy/18080`);

    // With useServerProxy, even a published port goes through the proxy, and that route works.
    const proxied = await Sandbox.connect({ connectionConfig: connection({ useServerProxy: true }), sandboxId: sbx.id, skipHealthCheck: true });
    closers.push(proxied);
    const viaProxy = await proxied.getEndpoint(PUBLISHED_PORT);
    expect(viaProxy.endpoint).toBe(`127.0.0.1:${port}/v1/sandboxes/${sbx.id}/proxy/${PUBLISHED_PORT}`);
    const res = await fetch(`http://${viaProxy.endpoint}/index.html`, { headers: { 'OPEN-SANDBOX-API-KEY': apiKey, ...(viaProxy.headers ?? {}) } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('hello from a sandbox');

    await expectApiError(sbx.getEndpoint(70000), 400, 'INVALID_REQUEST');
  });

  it('kills a sandbox: Terminated, still visible for the retention window, container gone', async () => {
    const { sbx } = await createRunning({ metadata: { suite: 'sdk', case: 'kill' } });
    expect(await containerOf(sbx.id)).not.toBeNull();

    await sbx.kill();
    const gone = await waitForState(() => sbx.getInfo(), 'Terminated');
    expect(gone.id).toBe(sbx.id);
    expect(gone.status.reason).toBe('user_delete');
    expect(gone.metadata).toEqual({ suite: 'sdk', case: 'kill' });
    expect(gone.entrypoint).toEqual(ENTRYPOINT);
    expect(await containerOf(sbx.id)).toBeNull();

    expect(ids((await manager.listSandboxInfos({ states: ['Terminated'], metadata: { case: 'kill' } })).items)).toEqual([sbx.id]);
    expect((await manager.listSandboxInfos({ states: ['Running'], metadata: { case: 'kill' } })).items).toEqual([]);

    // Killing again is harmless; a dead sandbox cannot be paused, resumed or renewed.
    await sbx.kill();
    await manager.killSandbox(sbx.id);
    expect((await sbx.getInfo()).status.state).toBe('Terminated');
    await expectApiError(sbx.pause(), 409, 'CONFLICT');
    await expectApiError(manager.resumeSandbox(sbx.id), 409, 'CONFLICT');
    await expectApiError(sbx.renew(3600), 409, 'CONFLICT');
  });

  it('reports errors as SandboxApiException with the right status and code', async () => {
    const unknown = randomUUID();
    await expectApiError(manager.getSandboxInfo(unknown), 404, 'NOT_FOUND');
    await expectApiError(manager.pauseSandbox(unknown), 404, 'NOT_FOUND');
    await expectApiError(manager.resumeSandbox(unknown), 404, 'NOT_FOUND');
    await expectApiError(manager.killSandbox(unknown), 404, 'NOT_FOUND');
    await expectApiError(manager.renewSandbox(unknown, 3600), 404, 'NOT_FOUND');
    await expectApiError(manager.patchSandboxMetadata(unknown, { a: 'b' }), 404, 'NOT_FOUND');
    // connect looks up the execd endpoint first, so an unknown id fails there.
    await expectApiError(Sandbox.connect({ connectionConfig: connection(), sandboxId: unknown, skipHealthCheck: true }), 404, 'NOT_FOUND');

    // A wrong key: 401 on every route, and create leaves nothing behind.
    const stranger = SandboxManager.create({ connectionConfig: connection({ apiKey: 'not-the-key-0123456789abcdef' }) });
    closers.push(stranger);
    await expectApiError(stranger.listSandboxInfos(), 401, 'UNAUTHORIZED');
    await expectApiError(stranger.getSandboxInfo(unknown), 401, 'UNAUTHORIZED');
    const before = (await manager.listSandboxInfos({ pageSize: 200 })).pagination?.totalItems;
    await expectApiError(
      Sandbox.create({
        connectionConfig: connection({ apiKey: 'not-the-key-0123456789abcdef' }),
        image: IMAGE,
        entrypoint: ENTRYPOINT,
        resource: RESOURCE,
        skipHealthCheck: true,
      }),
      401,
      'UNAUTHORIZED',
    );

    // Invalid resource quantities: the SDK's create throws a 400 naming the field.
    const cpu = await expectApiError(create({ resource: { cpu: 'lots', memory: '128Mi' } }), 400, 'INVALID_REQUEST');
    expect(cpu.message).toContain('resourceLimits.cpu');
    const memory = await expectApiError(create({ resource: { cpu: '500m', memory: '12 parsecs' } }), 400, 'INVALID_REQUEST');
    expect(memory.message).toContain('resourceLimits.memory');
    // A timeout outside what the server allows is a 400 too.
    await expectApiError(create({ timeoutSeconds: 10 * 86_400 }), 400, 'INVALID_REQUEST');
    // None of the refused creates made a sandbox.
    expect((await manager.listSandboxInfos({ pageSize: 200 })).pagination?.totalItems).toBe(before);

    // Bad list arguments are 400s, not silently ignored.
    await expectApiError(manager.listSandboxInfos({ pageSize: 500 }), 400, 'INVALID_REQUEST');
    await expectApiError(manager.listSandboxInfos({ states: ['Sleeping'] }), 400, 'INVALID_REQUEST');
  });

  it("tolerates the SDK's create telemetry (POST /v1/metrics/events) on success and failure", async () => {
    // The SDK's transport captures the global fetch when a Sandbox is created, so a wrapper
    // installed first sees the fire-and-forget telemetry call and the server's answer.
    const realFetch = globalThis.fetch;
    type Report = { body: Record<string, unknown>; status?: number; error?: string };
    const reports: Report[] = [];
    let pending = 0;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!(url.endsWith('/v1/metrics/events') && init?.method === 'POST')) return realFetch(input, init);
      const report: Report = { body: JSON.parse(String(init.body ?? '{}')) as Record<string, unknown> };
      reports.push(report);
      pending++;
      try {
        const res = await realFetch(input, init);
        report.status = res.status;
        return res;
      } catch (err) {
        report.error = String(err);
        throw err;
      } finally {
        pending--;
      }
    }) as typeof fetch;
    let sbx: Sandbox;
    try {
      sbx = await Sandbox.create({
        connectionConfig: connection({ disableMetrics: false }),
        image: IMAGE,
        entrypoint: ENTRYPOINT,
        resource: RESOURCE,
        timeoutSeconds: 600,
        metadata: { suite: 'sdk', case: 'metrics' },
        skipHealthCheck: true,
      });
      closers.push(sbx);
      const deadline = Date.now() + 10_000;
      while ((reports.length < 1 || pending > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // A failing create reports too, and the user still gets the real error, not a telemetry one.
      await expectApiError(
        Sandbox.create({
          connectionConfig: connection({ disableMetrics: false }),
          image: IMAGE,
          entrypoint: ENTRYPOINT,
          resource: { cpu: 'lots', memory: '128Mi' },
          skipHealthCheck: true,
        }),
        400,
        'INVALID_REQUEST',
      );
      while ((reports.length < 2 || pending > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      globalThis.fetch = realFetch;
    }

    // The successful create's report reached Sandlot and was accepted.
    expect(reports[0]?.body).toMatchObject({ eventType: 'sandbox.create', sandboxId: sbx.id, image: IMAGE, success: true });
    expect(reports[0]).toMatchObject({ status: 204 });
    // The failed create's report is sent while the SDK closes its connection pool, so it may
    // never leave the client; if it reached Sandlot, Sandlot accepted it.
    expect(reports[1]?.body).toMatchObject({ eventType: 'sandbox.create', image: IMAGE, success: false });
    if (reports[1]?.status !== undefined) expect(reports[1].status).toBe(204);

    // The sandbox is unaffected and the server logged no error.
    await waitForState(() => sbx.getInfo(), 'Running');
    expect(serve.output()).not.toMatch(/internal error|could not start/i);
  });
});
