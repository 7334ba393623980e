// Docker going away and coming back under a running server: sandbox routes answer 503 while it
// is away and recover by themselves. Docker is reached through a unix-socket relay to the real
// daemon, so "Docker stops" is the relay closing, without disturbing the daemon other tests use.
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { cleanup, client, createBody, freePort, spawnServe, stopServe, tempHome, waitForState, type ServeProcess } from '../helpers/sandlot';

const socketPath = path.join(os.tmpdir(), `sandlot-relay-${process.pid}.sock`);
let relay: net.Server | null = null;
const open = new Set<net.Socket>();

async function startRelay(): Promise<void> {
  if (existsSync(socketPath)) rmSync(socketPath);
  relay = net.createServer((client) => {
    const daemon = net.connect('/var/run/docker.sock');
    open.add(client).add(daemon);
    const drop = () => {
      client.destroy();
      daemon.destroy();
      open.delete(client);
      open.delete(daemon);
    };
    client.on('error', drop).on('close', drop);
    daemon.on('error', drop).on('close', drop);
    client.pipe(daemon).pipe(client);
  });
  await new Promise<void>((r) => relay!.listen(socketPath, r));
}

async function stopRelay(): Promise<void> {
  for (const sock of open) sock.destroy();
  open.clear();
  await new Promise<void>((r) => (relay ? relay.close(() => r()) : r()));
  relay = null;
}

let p: ServeProcess | null = null;
const home = tempHome();
afterAll(async () => {
  if (p) await stopServe(p, 'SIGKILL');
  await stopRelay();
  await cleanup(home);
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

describe('Docker unreachable', () => {
  it('answers 503 while Docker is away and recovers without a restart', async () => {
    await startRelay();
    p = await spawnServe(home, await freePort(), { DOCKER_HOST: `unix://${socketPath}` });
    const key = (JSON.parse((await import('node:fs')).readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
    const c = client(p.url, key);
    const id = (await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
    await waitForState(c, id, 'Running');

    await stopRelay();
    const noticed = await until(async () => (await c.call('GET', `/v1/sandboxes/${id}`)).status === 503, 5000);
    expect(noticed).toBeLessThan(2000);
    const down = await c.call<ErrorResponse>('GET', '/v1/sandboxes');
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('DOCKER_UNAVAILABLE');
    expect(down.body.message).toContain('Docker is not reachable');
    const refused = await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
    expect(refused.status).toBe(503);
    // Client mistakes are still 400 while Docker is away: validation comes first.
    expect((await c.call('POST', '/v1/sandboxes', createBody({ timeout: 1 }))).status).toBe(400);

    await startRelay();
    await until(async () => (await c.call('GET', `/v1/sandboxes/${id}`)).status === 200, 10_000);
    expect((await c.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Running');
    const list = await c.call<ListSandboxesResponse>('GET', '/v1/sandboxes?pageSize=200');
    expect(list.body.pagination.totalItems).toBe(1);
    const again = (await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
    await waitForState(c, again, 'Running');
    expect(p.output()).toMatch(/Docker unreachable/);
    expect(p.output()).toMatch(/Docker connected/);
  });
});
