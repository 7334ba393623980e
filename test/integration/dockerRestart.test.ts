// Docker really stopping and starting under a running Sandlot: a second dockerd of the test's
// own (test/fixtures/secondDockerd.ts), never the main one. While Docker is away the API answers
// 503 and the UI's bridge says Docker is unreachable within about a second; when it comes back,
// Sandlot (not restarted) follows it: a container removed meanwhile is Failed/container_removed,
// one the restart stopped is Failed/container_exited and says why, a sandbox whose expiry
// passed meanwhile is reaped, live-restored containers stay Running, and creates work again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, Endpoint, ErrorResponse, WireSandbox } from '../../src-main/contract/schemas';
import { WEB_BRIDGE_HEADER } from '../../src-main/contract/bridge';
import { LABEL } from '../../src-main/runtime/labels';
import { SecondDockerd } from '../fixtures/secondDockerd';
import { client, createBody, freePort, spawnServe, stopServe, tempHome, waitForState, type Client, type ServeProcess } from '../helpers/sandlot';

let daemon: SecondDockerd;
let serve: ServeProcess;
let c: Client;
let cookie = '';
const home = tempHome();

beforeAll(async () => {
  daemon = await SecondDockerd.create();
  serve = await spawnServe(home, await freePort(), { DOCKER_HOST: daemon.dockerHost });
  const key = (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
  c = client(serve.url, key);
  const signIn = /open the UI \(one-time sign-in link\): (\S+)/;
  await until(async () => signIn.test(serve.output()), 5000, 'serve printed its sign-in link');
  const res = await fetch(signIn.exec(serve.output())![1]!, { redirect: 'manual' });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
});

afterAll(async () => {
  if (serve) await stopServe(serve, 'SIGTERM');
  await daemon?.destroy();
  console.log(`second dockerd start times (ms): ${daemon?.startTimes.join(', ')}`);
});

/** What the UI gets: the web bridge's snapshot (records and engine status), which works while Docker is away. */
async function snapshot(): Promise<{ engine: { docker: string; detail: string; endpoint: string }; sandboxes: Array<{ id: string; status: { state: string; reason: string; message: string } }> }> {
  const res = await fetch(`${serve.url}/bridge/sandboxes.snapshot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, [WEB_BRIDGE_HEADER]: '1' },
    body: JSON.stringify({ input: null }),
  });
  const body = (await res.json()) as { ok: boolean; value: Awaited<ReturnType<typeof snapshot>> };
  expect(body.ok).toBe(true);
  return body.value;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

async function create(extra: Record<string, unknown> = {}): Promise<{ id: string; expiresAt: string }> {
  const res = await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(extra));
  expect(res.status).toBe(202);
  await waitForState(c, res.body.id, 'Running');
  return res.body as { id: string; expiresAt: string };
}

async function containersOf(id: string): Promise<string[]> {
  const list = await daemon.admin.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
  return list.map((x) => x.State);
}

describe('a real dockerd stopping and starting under a running Sandlot', () => {
  let stopped: string;

  it('answers 503 and shows Docker unreachable within about a second of Docker stopping', async () => {
    stopped = (await create()).id;
    expect((await snapshot()).engine.docker).toBe('connected');

    // No live-restore yet: stopping the daemon stops its containers.
    const stopMs = await daemon.stop();
    const noticed = await until(async () => (await c.call('GET', '/v1/sandboxes')).status === 503, 5000, '503 after Docker stopped');
    expect(noticed).toBeLessThan(1200);
    const down = await c.call<ErrorResponse>('GET', '/v1/sandboxes');
    expect(down.body.code).toBe('DOCKER_UNAVAILABLE');
    expect(down.body.message).toContain(daemon.socketPath);
    expect(down.body.message).toContain('Sandlot reconnects by itself');
    expect((await c.call('GET', `/v1/sandboxes/${stopped}`)).status).toBe(503);
    expect((await c.call('POST', '/v1/sandboxes', createBody())).status).toBe(503);

    const ui = await snapshot();
    expect(ui.engine.docker).toBe('unreachable');
    expect(ui.engine.endpoint).toBe(daemon.dockerHost);
    // The UI keeps showing the sandbox meanwhile.
    expect(ui.sandboxes.map((s) => s.id)).toEqual([stopped]);
    expect(serve.output()).toMatch(/Docker unreachable/);
    console.log(`second dockerd stopped in ${stopMs} ms; Sandlot answered 503 ${noticed} ms later`);

    // Back (with live-restore from now on): the sandbox whose container Docker stopped says so.
    await daemon.start({ liveRestore: true });
    const back = await until(async () => (await c.call('GET', '/v1/sandboxes')).status === 200, 5000, 'API back after Docker returned');
    expect(back).toBeLessThan(1500);
    const b = await waitForState(c, stopped, 'Failed', 5000);
    expect(b.status.reason).toBe('container_exited');
    expect(b.status.message).toContain('exited with code 143 (SIGTERM');
    expect(b.status.message).toContain('Docker itself stopping');
    expect((await snapshot()).engine.docker).toBe('connected');
  });

  it('follows what happened meanwhile when Docker is back, without restarting Sandlot', async () => {
    const removed = (await create()).id;
    const killed = (await create()).id;
    const kept = (await create()).id;
    await daemon.stop();
    await until(async () => (await snapshot()).engine.docker === 'unreachable', 5000, 'unreachable');
    // Docker comes back but Sandlot cannot see it yet; meanwhile one container is removed and
    // another killed. Live-restore kept them all running across the restart.
    daemon.hide();
    await daemon.start();
    expect(await containersOf(kept)).toEqual(['running']);
    const idOf = async (sandbox: string) => (await daemon.admin.listContainers({ filters: { label: [`${LABEL.sandboxId}=${sandbox}`] } }))[0]!.Id;
    await daemon.admin.getContainer(await idOf(removed)).remove({ force: true });
    await daemon.admin.getContainer(await idOf(killed)).kill();
    await new Promise((r) => setTimeout(r, 1200));
    expect((await c.call('GET', '/v1/sandboxes')).status).toBe(503);

    daemon.reveal();
    const back = await until(async () => (await c.call('GET', '/v1/sandboxes')).status === 200, 5000, 'API back after Docker returned');
    expect(back).toBeLessThan(1500);
    const a = await waitForState(c, removed, 'Failed', 5000);
    expect(a.status.reason).toBe('container_removed');
    expect(a.status.message).toBe('The container was removed outside Sandlot');
    const k = await waitForState(c, killed, 'Failed', 5000);
    expect(k.status.reason).toBe('container_exited');
    expect(k.status.message).toContain('exited with code 137 (SIGKILL');
    expect((await c.call<WireSandbox>('GET', `/v1/sandboxes/${kept}`)).body.status.state).toBe('Running');

    const ui = await snapshot();
    expect(ui.engine.docker).toBe('connected');
    expect(ui.sandboxes.find((s) => s.id === removed)?.status.reason).toBe('container_removed');
    // Same process all along: reconnected, not restarted.
    expect(serve.child.exitCode).toBeNull();
    expect(serve.output().match(/Docker connected/g)?.length).toBeGreaterThanOrEqual(3);

    // Creates work again.
    const again = await create();
    expect(await containersOf(again.id)).toEqual(['running']);
  });

  it('reaps a sandbox whose expiry passed while Docker was away, and keeps live-restored ones Running', async () => {
    const expiring = await create({ timeout: 60 });
    const kept = await create({ entrypoint: ['httpd', '-f', '-p', '8000', '-h', '/www'] });
    const endpoint = (await c.call<Endpoint>('GET', `/v1/sandboxes/${kept.id}/endpoints/8000`)).body.endpoint;
    expect(endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    await until(async () => (await fetch(`http://${endpoint}/`).then((r) => r.ok, () => false)), 5000, 'published port answers');

    // Docker goes away shortly before the expiry and comes back after it.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiring.expiresAt) - Date.now() - 2000)));
    await daemon.stop();
    // Live-restore: the containers keep running while the daemon is down.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiring.expiresAt) - Date.now() + 1500)));
    expect((await c.call('GET', `/v1/sandboxes/${expiring.id}`)).status).toBe(503);
    await daemon.start();

    const done = await waitForState(c, expiring.id, 'Terminated', 10_000);
    expect(done.status.reason).toBe('ttl_expiry');
    expect(await containersOf(expiring.id)).toEqual([]);
    const still = await waitForState(c, kept.id, 'Running', 5000);
    expect(still.status.reason).not.toBe('container_exited');
    expect(await containersOf(kept.id)).toEqual(['running']);
    const page = await fetch(`http://${endpoint}/`);
    expect(await page.text()).toContain('hello from a sandbox');
  }, 120_000);
});
