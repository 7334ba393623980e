// Durability: stop the server process (cleanly or with kill -9), start it again on the same
// data folder, and find the same sandboxes, metadata and expiries; Docker changes made while
// it was down are adopted or reported; containers that are not this Sandlot's are untouched.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import {
  cleanup, client, createBody, docker, freePort, instanceOf, spawnServe, stopServe, tempHome, waitForState, type Client, type ServeProcess,
} from '../helpers/sandlot';

const homes: string[] = [];
const procs: ServeProcess[] = [];
const strangers: string[] = [];

afterAll(async () => {
  for (const p of procs) await stopServe(p, 'SIGKILL');
  for (const h of homes) await cleanup(h);
  for (const id of strangers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
});

async function boot(home: string, port: number): Promise<{ p: ServeProcess; c: Client }> {
  const p = await spawnServe(home, port);
  procs.push(p);
  const key = (JSON.parse((await import('node:fs')).readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
  return { p, c: client(p.url, key) };
}

async function containerOf(id: string) {
  const [c] = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
  return c ? docker.getContainer(c.Id) : null;
}

describe.each(['SIGTERM', 'SIGKILL'] as const)('restart after %s', (signal) => {
  it('keeps sandboxes, states, metadata and renewed expiries, and follows what Docker did meanwhile', async () => {
    const home = tempHome();
    homes.push(home);
    const port = await freePort();
    let { p, c } = await boot(home, port);

    const create = async (name: string) => (await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name } }))).body.id;
    const [keep, paused, deleted, removedWhileDown, pausedWhileDown, exitedWhileDown] = [
      await create('keep'), await create('paused'), await create('deleted'), await create('removed'), await create('pausedoutside'), await create('exited'),
    ];
    for (const id of [keep, paused, deleted, removedWhileDown, pausedWhileDown, exitedWhileDown]) await waitForState(c, id, 'Running');
    await c.call('PATCH', `/v1/sandboxes/${keep}/metadata`, { team: 'core', name: null });
    const renewed = new Date(Date.now() + 7200_000).toISOString();
    expect((await c.call('POST', `/v1/sandboxes/${keep}/renew-expiration`, { expiresAt: renewed })).status).toBe(200);
    await c.call('POST', `/v1/sandboxes/${paused}/pause`);
    await waitForState(c, paused, 'Paused');
    await c.call('DELETE', `/v1/sandboxes/${deleted}`);
    await waitForState(c, deleted, 'Terminated');

    // A container that is not this Sandlot's: another instance's label, on the same daemon.
    const stranger = await docker.createContainer({
      Image: 'sandlot-test/busybox:1', Cmd: ['sleep', '3600'], HostConfig: { Init: true },
      Labels: { [LABEL.managed]: 'true', [LABEL.instance]: 'someone-else', [LABEL.sandboxId]: 'not-ours' },
    });
    await stranger.start();
    strangers.push(stranger.id);

    await stopServe(p, signal);
    await (await containerOf(removedWhileDown))!.remove({ force: true });
    await (await containerOf(pausedWhileDown))!.pause();
    await (await containerOf(exitedWhileDown))!.kill();

    ({ p, c } = await boot(home, port));
    const got = async (id: string) => (await c.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body;
    const k = await got(keep);
    expect(k.status.state).toBe('Running');
    expect(k.metadata).toEqual({ team: 'core' });
    expect(k.expiresAt).toBe(renewed);
    expect((await got(paused)).status.state).toBe('Paused');
    expect((await got(deleted)).status.state).toBe('Terminated');
    expect((await got(removedWhileDown)).status).toMatchObject({ state: 'Failed', reason: 'container_removed' });
    expect((await got(pausedWhileDown)).status).toMatchObject({ state: 'Paused', reason: 'external_pause' });
    expect((await got(exitedWhileDown)).status).toMatchObject({ state: 'Failed', reason: 'container_exited' });
    // It still works after the restart.
    expect((await c.call('POST', `/v1/sandboxes/${paused}/resume`)).status).toBe(202);
    await waitForState(c, paused, 'Running');

    const list = await c.call<ListSandboxesResponse>('GET', '/v1/sandboxes?pageSize=200');
    expect(list.body.items.map((i) => i.id)).not.toContain('not-ours');
    expect((await docker.getContainer(stranger.id).inspect()).State.Running).toBe(true);
    await stopServe(p, 'SIGTERM');
  });
});

describe('lost store', () => {
  it('rebuilds sandboxes from container labels when the records files are gone', async () => {
    const home = tempHome();
    homes.push(home);
    const port = await freePort();
    let { p, c } = await boot(home, port);
    const res = await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'orphan', team: 'x' } }));
    await waitForState(c, res.body.id, 'Running');
    await stopServe(p, 'SIGKILL');
    rmSync(path.join(home, 'sandboxes.json'));
    rmSync(path.join(home, 'sandboxes.log'), { force: true });
    ({ p, c } = await boot(home, port));
    const back = await c.call<WireSandbox>('GET', `/v1/sandboxes/${res.body.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: res.body.id, metadata: { name: 'orphan', team: 'x' }, image: { uri: 'sandlot-test/busybox:1' }, entrypoint: ['sleep', '3600'] });
    expect(back.body.status.state).toBe('Running');
    expect(back.body.expiresAt).toBe(res.body.expiresAt);
    expect(instanceOf(home)).toBeTruthy();
    await stopServe(p, 'SIGTERM');
  });
});

describe('expiry while down', () => {
  it('reaps a sandbox that expired while the server was not running, at start', async () => {
    const home = tempHome();
    homes.push(home);
    const port = await freePort();
    let { p, c } = await boot(home, port);
    const res = await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ timeout: 60 }));
    await waitForState(c, res.body.id, 'Running');
    await stopServe(p, 'SIGKILL');
    const wait = Date.parse(res.body.expiresAt!) - Date.now() + 500;
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    ({ p, c } = await boot(home, port));
    const gone = await waitForState(c, res.body.id, 'Terminated', 30_000);
    expect(gone.status.reason).toBe('ttl_expiry');
    expect(await containerOf(res.body.id)).toBeNull();
    await stopServe(p, 'SIGTERM');
  }, 120_000);
});
