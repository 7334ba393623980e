// Sandboxes do not reach each other over the network unless they opt in to the same group
// (docs/reliability.md, "Sandboxes on one network"). Before, every sandbox sat on Docker's
// default bridge and any one could open another's web server by its address.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, Endpoint } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { webServers } from '../fixtures/workloads';
import { containerOf, execIn } from '../helpers/inside';
import { createBody, docker, emptyNetworks, instanceNetworks, instanceOf, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const ids: Record<'web' | 'client' | 'groupWeb' | 'groupClient', string> = { web: '', client: '', groupWeb: '', groupClient: '' };
const GROUP = { extensions: { 'sandlot.network': 'pair' } };

async function create(extra: Record<string, unknown>): Promise<string> {
  const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(extra));
  expect(res.status).toBe(202);
  return res.body.id;
}

async function addressOf(id: string): Promise<{ ip: string; gateway: string; network: string }> {
  const info = await docker.getContainer(await containerOf(id)).inspect();
  const [network, settings] = Object.entries(info.NetworkSettings.Networks)[0]!;
  return { ip: settings.IPAddress, gateway: settings.Gateway, network };
}

/** Fetches /index.html from `ip:9000` inside sandbox `from`, with busybox nc (3 s to connect). */
async function fetchFrom(from: string, ip: string): Promise<string> {
  const script = `printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${ip} 9000`;
  return (await execIn(await containerOf(from), ['sh', '-c', script])).output;
}

beforeAll(async () => {
  s = await startTestServer();
  ids.web = await create({ entrypoint: webServers() });
  ids.client = await create({});
  ids.groupWeb = await create({ entrypoint: webServers(), ...GROUP });
  ids.groupClient = await create(GROUP);
  for (const id of Object.values(ids)) await waitForState(s, id, 'Running');
}, 120_000);
afterAll(async () => s?.stop());

describe('sandboxes on the network', () => {
  it('a sandbox cannot reach another sandbox by its address', async () => {
    const web = await addressOf(ids.web);
    expect(await fetchFrom(ids.client, web.ip)).not.toContain('hello from a sandbox');
    // Nor can one of a group reach a sandbox outside it, or the other way round.
    expect(await fetchFrom(ids.groupClient, web.ip)).not.toContain('hello from a sandbox');
    expect(await fetchFrom(ids.client, (await addressOf(ids.groupWeb)).ip)).not.toContain('hello from a sandbox');
  });

  it('sandboxes that opt in to the same group reach each other', async () => {
    const groupWeb = await addressOf(ids.groupWeb);
    expect(await fetchFrom(ids.groupClient, groupWeb.ip)).toContain('hello from a sandbox');
    expect((await addressOf(ids.groupClient)).network).toBe(groupWeb.network);
  });

  it('the server proxy and published ports still reach every sandbox', async () => {
    for (const id of [ids.web, ids.groupWeb]) {
      const proxied = (await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/9000`)).body.endpoint;
      await expect.poll(async () => (await fetch(`http://${proxied}/index.html`, { headers: { 'OPEN-SANDBOX-API-KEY': s.key } }).then((r) => r.text(), () => '')), { timeout: 15_000 }).toContain('hello from a sandbox');
      const published = (await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/8000`)).body.endpoint;
      expect(published).toMatch(/^127\.0\.0\.1:\d+$/);
      await expect.poll(async () => (await fetch(`http://${published}/index.html`).then((r) => r.text(), () => '')), { timeout: 15_000 }).toContain('hello from a sandbox');
    }
  });

  it('a sandbox still reaches the host at its network gateway, as on the default bridge', async () => {
    const { gateway } = await addressOf(ids.client);
    const server = net.createServer((socket) => socket.end('hello from the host\n'));
    await new Promise<void>((resolve) => server.listen(0, gateway, resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const got = await execIn(await containerOf(ids.client), ['sh', '-c', `nc -w 3 ${gateway} ${port} </dev/null`]);
      expect(got.output).toContain('hello from the host');
    } finally {
      server.close();
    }
  });

  it("uses Sandlot's own labelled networks, not Docker's default bridge, isolated unless grouped", async () => {
    const names = await instanceNetworks(s.home);
    const instance = instanceOf(s.home);
    expect(names).toEqual([`sandlot-${instance}`, `sandlot-${instance}-pair`]);
    const isolated = await docker.getNetwork(`sandlot-${instance}`).inspect();
    expect(isolated.Options).toMatchObject({ 'com.docker.network.bridge.enable_icc': 'false' });
    expect(isolated.Labels).toMatchObject({ [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.network]: 'isolated' });
    const group = await docker.getNetwork(`sandlot-${instance}-pair`).inspect();
    expect(group.Labels).toMatchObject({ [LABEL.instance]: instance, [LABEL.network]: 'pair' });
    expect((await addressOf(ids.web)).network).toBe(`sandlot-${instance}`);
  });

  it("removes a group's network when its last sandbox goes; the isolated one stays while Sandlot runs", async () => {
    const instance = instanceOf(s.home);
    await s.call('DELETE', `/v1/sandboxes/${ids.groupClient}`);
    await waitForState(s, ids.groupClient, 'Terminated');
    expect(await instanceNetworks(s.home)).toContain(`sandlot-${instance}-pair`);
    await s.call('DELETE', `/v1/sandboxes/${ids.groupWeb}`);
    await waitForState(s, ids.groupWeb, 'Terminated');
    expect(await instanceNetworks(s.home)).toEqual([`sandlot-${instance}`]);
    for (const id of [ids.web, ids.client]) await s.call('DELETE', `/v1/sandboxes/${id}`);
    for (const id of [ids.web, ids.client]) await waitForState(s, id, 'Terminated');
    expect(await instanceNetworks(s.home)).toEqual([`sandlot-${instance}`]);
  });

  it('removes the networks it finds unused when it starts (a crash between making a network and its container)', async () => {
    const home = s.home;
    const instance = instanceOf(home);
    await s.sandlot.close();
    // What a kill -9 right after making a group's network leaves behind.
    await docker.createNetwork({ Name: `sandlot-${instance}-orphan`, Labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.network]: 'orphan' } });
    expect(await emptyNetworks(home)).toEqual([`sandlot-${instance}`, `sandlot-${instance}-orphan`]);
    s = await startTestServer({}, home);
    await expect.poll(() => instanceNetworks(home), { timeout: 15_000 }).toEqual([]);
    // And makes the isolated one again when it is needed.
    const id = await create({});
    await waitForState(s, id, 'Running');
    expect(await instanceNetworks(home)).toEqual([`sandlot-${instance}`]);
  });

  it('refuses a bad group name with a 400 naming the field, creating nothing', async () => {
    const res = await s.call<{ code: string; message: string }>('POST', '/v1/sandboxes', createBody({ extensions: { 'sandlot.network': 'Not OK' } }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^extensions\.sandlot\.network: "Not OK" is not a network group/);
  });
});
