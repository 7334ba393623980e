// A remote Docker engine over TCP with TLS verification (DOCKER_HOST=tcp://…, DOCKER_TLS_VERIFY=1,
// DOCKER_CERT_PATH), as the Docker CLI would use it: a second dockerd of the test's own listening
// on 127.0.0.1 with certificates from a throwaway CA. Sandlot creates, lists, pauses, resumes and
// deletes sandboxes there, runs commands in them (Docker exec over the TLS connection), and its
// endpoints work: published ports on the remote daemon's 127.0.0.1 (the same machine here), and
// the proxy for other ports. A client without the certificates gets a 503 that says why.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, Endpoint, ErrorResponse, ListSandboxesResponse } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { SecondDockerd } from '../fixtures/secondDockerd';
import { makeDockerTls, type TlsFiles } from '../fixtures/tls';
import { client, createBody, docker, freePort, spawnServe, stopServe, tempHome, waitForState, type Client, type ServeProcess } from '../helpers/sandlot';

let daemon: SecondDockerd;
let tls: TlsFiles;
let serve: ServeProcess;
let c: Client;
let tcpHost = '';
const certDir = mkdtempSync(path.join(os.tmpdir(), 'sandlot-tls-'));
const home = tempHome();
const keyOf = (h: string) => (JSON.parse(readFileSync(path.join(h, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;

beforeAll(async () => {
  tls = makeDockerTls(certDir);
  daemon = await SecondDockerd.create({ tcpPort: await freePort(), tls });
  tcpHost = daemon.tcpHost!;
  serve = await spawnServe(home, await freePort(), { DOCKER_HOST: tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certPath });
  c = client(serve.url, keyOf(home));
});

afterAll(async () => {
  if (serve) await stopServe(serve, 'SIGTERM');
  await daemon?.destroy();
  rmSync(certDir, { recursive: true, force: true });
});

async function remoteContainers(id: string): Promise<Array<{ State: string }>> {
  return daemon.admin.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
}

describe('remote Docker over TCP with TLS', () => {
  it('creates, lists, pauses, resumes and deletes sandboxes on the remote daemon', async () => {
    const created = await c.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({
      entrypoint: ['sh', '-c', 'httpd -p 8000 -h /www; exec httpd -f -p 9000 -h /www'],
      metadata: { name: 'remote' },
    }));
    expect(created.status).toBe(202);
    const id = created.body.id;
    await waitForState(c, id, 'Running');
    // On the remote daemon, and not on the local one.
    expect((await remoteContainers(id)).map((x) => x.State)).toEqual(['running']);
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } })).toEqual([]);

    const list = await c.call<ListSandboxesResponse>('GET', '/v1/sandboxes?metadata=name%3Dremote');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([id]);

    // A published port answers on the remote daemon's 127.0.0.1 (this machine here).
    const published = (await c.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/8000`)).body.endpoint;
    expect(published).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`http://${published}/`)).text()).toContain('hello from a sandbox');
    // Any other port goes through Sandlot's proxy to the container's address on the remote bridge.
    const proxied = (await c.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/9000`)).body.endpoint;
    expect(proxied).toBe(`${new URL(serve.url).host}/v1/sandboxes/${id}/proxy/9000`);
    const viaProxy = await fetch(`http://${proxied}/`, { headers: { 'OPEN-SANDBOX-API-KEY': c.key } });
    expect(viaProxy.status).toBe(200);
    expect(await viaProxy.text()).toContain('hello from a sandbox');

    // A command through Docker exec, over the TLS connection.
    const run = await fetch(`${serve.url}/v1/sandboxes/${id}/execd/command`, {
      method: 'POST',
      headers: { 'OPEN-SANDBOX-API-KEY': c.key, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ command: 'echo remote says hi' }),
    });
    expect(run.status).toBe(200);
    const events = await run.text();
    expect(events).toContain('remote says hi');
    expect(events).toContain('execution_complete');

    expect((await c.call('POST', `/v1/sandboxes/${id}/pause`)).status).toBe(202);
    await waitForState(c, id, 'Paused');
    expect((await remoteContainers(id)).map((x) => x.State)).toEqual(['paused']);
    expect((await c.call('POST', `/v1/sandboxes/${id}/resume`)).status).toBe(202);
    await waitForState(c, id, 'Running');
    expect((await remoteContainers(id)).map((x) => x.State)).toEqual(['running']);
    expect(await (await fetch(`http://${published}/`)).text()).toContain('hello from a sandbox');

    expect((await c.call('DELETE', `/v1/sandboxes/${id}`)).status).toBe(204);
    const done = await waitForState(c, id, 'Terminated');
    expect(done.status.reason).toBe('user_delete');
    expect(await remoteContainers(id)).toEqual([]);
  });

  it('says why when the TLS port is used without the certificates', async () => {
    const otherHome = tempHome();
    const plain = await spawnServe(otherHome, await freePort(), { DOCKER_HOST: tcpHost, DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '' });
    try {
      const other = client(plain.url, keyOf(otherHome));
      const res = await other.call<ErrorResponse>('GET', '/v1/sandboxes');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('DOCKER_UNAVAILABLE');
      expect(res.body.message).toContain(tcpHost);
      console.log(`without certificates: ${res.body.message}`);
    } finally {
      await stopServe(plain, 'SIGTERM');
      rmSync(otherHome, { recursive: true, force: true });
    }
  });
});
