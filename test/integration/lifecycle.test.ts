// The lifecycle over /v1 against the real Docker engine: every state reached for real,
// every operation, its status codes and the containers Docker really has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, SandboxState } from '../../src-main/contract/sandbox';
import type { CreateSandboxResponse, Endpoint, ErrorResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const events: EngineEvent[] = [];

beforeAll(async () => {
  s = await startTestServer();
  s.sandlot.engine.subscribe((e) => events.push(e));
});
afterAll(async () => s?.stop());

function statesOf(id: string): SandboxState[] {
  const seen: SandboxState[] = [];
  for (const e of events) {
    if (e.type === 'sandbox' && e.sandbox.id === id && seen.at(-1) !== e.sandbox.status.state) seen.push(e.sandbox.status.state);
  }
  return seen;
}

async function createRunning(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(extra));
  expect(res.status).toBe(202);
  await waitForState(s, res.body.id, 'Running');
  return res.body.id;
}

describe('create', () => {
  it('answers 202 with Pending and Location at once, then runs the container', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'My first box', team: 'core' }, env: { GREETING: 'hi' } }));
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/sandboxes/${res.body.id}`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.status.state).toBe('Pending');
    expect(res.body.status.reason).toBe('provisioning');
    expect(res.body.metadata).toEqual({ name: 'My first box', team: 'core' });
    expect(res.body.entrypoint).toEqual(['sleep', '3600']);
    expect(res.body.createdAt).toMatch(/Z$/);
    const expires = Date.parse(res.body.expiresAt!) - Date.parse(res.body.createdAt);
    expect(expires).toBe(600_000);
    expect('image' in res.body).toBe(false);

    const running = await waitForState(s, res.body.id, 'Running');
    expect(running.image).toEqual({ uri: 'sandlot-test/busybox:1' });
    expect(running.status.reason).toBe('started');
    expect(running.status.message).toBeTruthy();
    expect(Date.parse(running.status.lastTransitionAt!)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));

    const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${res.body.id}`] } });
    expect(c?.State).toBe('running');
    const info = await docker.getContainer(c!.Id).inspect();
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    expect(info.HostConfig.Memory).toBe(128 * 2 ** 20);
    expect(info.HostConfig.Init).toBe(true);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(info.HostConfig.CapDrop).toEqual(expect.arrayContaining(['NET_RAW', 'MKNOD']));
    expect(info.HostConfig.PidsLimit).toBeGreaterThan(0);
    expect(info.Config.Env).toContain('GREETING=hi');
    // The exposed port is published on loopback only.
    const bindings = info.HostConfig.PortBindings?.['8000/tcp'] as Array<{ HostIp: string }>;
    expect(bindings.map((b) => b.HostIp)).toEqual(['127.0.0.1']);
  });

  it('gives the default limits of settings for what resourceLimits leaves out, and an explicit limit wins', async () => {
    s.sandlot.settings.update({ defaultCpu: '750m', defaultMemory: '96Mi', pidsLimit: 300 });
    try {
      const limits = async (id: string) => (await docker.getContainer((await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } }))[0]!.Id).inspect()).HostConfig;
      const none = await createRunning({ resourceLimits: {} });
      expect(await limits(none)).toMatchObject({ NanoCpus: 750_000_000, Memory: 96 * 2 ** 20, MemorySwap: 96 * 2 ** 20, PidsLimit: 300 });
      expect(s.sandlot.engine.get(none).resourceLimits).toEqual({ cpu: '750m', memory: '96Mi' });
      const cpuOnly = await createRunning({ resourceLimits: { cpu: '250m' } });
      expect(await limits(cpuOnly)).toMatchObject({ NanoCpus: 250_000_000, Memory: 96 * 2 ** 20 });
    } finally {
      s.sandlot.settings.update({ defaultCpu: '1', defaultMemory: '1Gi', pidsLimit: 4096 });
    }
  });

  it('echoes the client X-Request-ID on success and on errors', async () => {
    const ok = await s.call('GET', '/v1/sandboxes', undefined, { 'X-Request-ID': 'trace-123' });
    expect(ok.headers.get('x-request-id')).toBe('trace-123');
    const bad = await s.call('GET', '/v1/sandboxes/nope', undefined, { 'X-Request-ID': 'trace-456' });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('x-request-id')).toBe('trace-456');
  });

  it('says in Server-Timing how long Sandlot itself took, on answers and on refusals', async () => {
    const dur = (headers: Headers) => /^app;dur=(\d+\.\d{2})$/.exec(headers.get('server-timing') ?? '')?.[1];
    const ok = await s.call('GET', '/v1/sandboxes');
    const missing = await s.call('GET', '/v1/sandboxes/nope');
    const refused = await fetch(`${s.url}/v1/sandboxes`);
    expect(refused.status).toBe(401);
    for (const headers of [ok.headers, missing.headers, refused.headers]) {
      // Routing, the key check and the answer take some microseconds, never nothing.
      const ms = Number(dur(headers));
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('goes to Failed with Docker\'s words when the entry command does not exist', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['/no/such/binary'] }));
    expect(res.status).toBe(202);
    const failed = await waitForState(s, res.body.id, 'Failed');
    // The init process starts, then cannot exec the command: seen either right at start or
    // as the entry process exiting a moment later. Either way the message says why.
    expect(['runtime_error', 'container_exited']).toContain(failed.status.reason);
    expect(failed.status.message).toMatch(/code 127/);
    expect(failed.status.message).toMatch(/no such file|not found/i);
    const running = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${res.body.id}`] } });
    expect(running).toEqual([]);
  });

  it('goes to Failed with the exit code when the entry process dies later', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'sleep 1; exit 3'] }));
    await waitForState(s, res.body.id, 'Running');
    const failed = await waitForState(s, res.body.id, 'Failed', 15_000);
    expect(failed.status.reason).toBe('container_exited');
    expect(failed.status.message).toContain('code 3');
  });
  it('honours platform: the matching platform runs, another one fails explicitly', async () => {
    const ok = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ platform: { os: 'linux', arch: 'amd64' } }));
    expect(ok.body.platform).toEqual({ os: 'linux', arch: 'amd64' });
    const running = await waitForState(s, ok.body.id, 'Running');
    expect(running.platform).toEqual({ os: 'linux', arch: 'amd64' });
    const other = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ platform: { os: 'linux', arch: 'arm64' } }));
    const failed = await waitForState(s, other.body.id, 'Failed');
    expect(failed.status.message).toMatch(/arm64/);
  });

  it('asks Docker for GPUs and reports plainly when the machine has none', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ resourceLimits: { cpu: '1', memory: '64Mi', gpu: 'all' } }));
    expect(res.status).toBe(202);
    const failed = await waitForState(s, res.body.id, 'Failed');
    expect(failed.status.reason).toBe('runtime_error');
    expect(failed.status.message).toMatch(/device driver|gpu/i);
    const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${res.body.id}`] } });
    expect(left).toEqual([]);
  });
});

describe('pause, resume, delete', () => {
  it('walks Running → Pausing → Paused → Resuming → Running → Stopping → Terminated for real', async () => {
    const id = await createRunning();
    const pause = await fetch(`${s.url}/v1/sandboxes/${id}/pause`, { method: 'POST', headers: { 'OPEN-SANDBOX-API-KEY': s.key } });
    expect(pause.status).toBe(202);
    expect(pause.headers.get('content-length')).toBe('0');
    expect(await pause.text()).toBe('');
    const paused = await waitForState(s, id, 'Paused');
    expect(paused.status.reason).toBe('user_pause');
    const [c] = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
    expect(c?.State).toBe('paused');

    const again = await s.call<ErrorResponse>('POST', `/v1/sandboxes/${id}/pause`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('Paused');

    const resume = await s.call('POST', `/v1/sandboxes/${id}/resume`);
    expect(resume.status).toBe(202);
    await waitForState(s, id, 'Running');
    const resumeAgain = await s.call<ErrorResponse>('POST', `/v1/sandboxes/${id}/resume`);
    expect(resumeAgain.status).toBe(409);
    expect(resumeAgain.body.message).toContain('Running');

    const del = await s.call('DELETE', `/v1/sandboxes/${id}`);
    expect(del.status).toBe(204);
    const gone = await waitForState(s, id, 'Terminated');
    expect(gone.status.reason).toBe('user_delete');
    // GET can show Terminated a moment before its event goes out (events follow the disk write).
    await expect.poll(() => statesOf(id)).toEqual(['Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Running', 'Stopping', 'Terminated']);
    const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
    expect(left).toEqual([]);
  });

  it('deletes a paused sandbox, and a Terminated one stays visible but refuses changes', async () => {
    const id = await createRunning();
    await s.call('POST', `/v1/sandboxes/${id}/pause`);
    await waitForState(s, id, 'Paused');
    expect((await s.call('DELETE', `/v1/sandboxes/${id}`)).status).toBe(204);
    await waitForState(s, id, 'Terminated');
    expect((await s.call('DELETE', `/v1/sandboxes/${id}`)).status).toBe(204);
    expect((await s.call('POST', `/v1/sandboxes/${id}/pause`)).status).toBe(409);
    expect((await s.call('POST', `/v1/sandboxes/${id}/resume`)).status).toBe(409);
    expect((await s.call('GET', `/v1/sandboxes/${id}/endpoints/8000`)).status).toBe(409);
    expect((await s.call('PATCH', `/v1/sandboxes/${id}/metadata`, { a: 'b' })).status).toBe(409);
    const renew = await s.call('POST', `/v1/sandboxes/${id}/renew-expiration`, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(renew.status).toBe(409);
    const listed = await s.call<ListSandboxesResponse>('GET', '/v1/sandboxes?state=Terminated&pageSize=200');
    expect(listed.body.items.map((i) => i.id)).toContain(id);
  });

  it('deletes a sandbox while it is still Pending, leaving nothing behind', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
    expect((await s.call('DELETE', `/v1/sandboxes/${res.body.id}`)).status).toBe(204);
    await waitForState(s, res.body.id, 'Terminated');
    await new Promise((r) => setTimeout(r, 500));
    const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${res.body.id}`] } });
    expect(left).toEqual([]);
  });

  it('follows a container paused, unpaused or removed with the Docker CLI', async () => {
    const id = await createRunning();
    const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } });
    const container = docker.getContainer(c!.Id);
    await container.pause();
    expect((await waitForState(s, id, 'Paused', 5000)).status.reason).toBe('external_pause');
    await container.unpause();
    expect((await waitForState(s, id, 'Running', 5000)).status.reason).toBe('external_resume');
    await container.remove({ force: true });
    const failed = await waitForState(s, id, 'Failed', 5000);
    expect(['container_removed', 'container_exited']).toContain(failed.status.reason);
  });
});

describe('metadata, renew, endpoints', () => {
  it('merge-patches metadata (RFC 7396) and validates keys like Kubernetes labels', async () => {
    const id = await createRunning({ metadata: { team: 'core', keep: 'yes' } });
    const patched = await s.call<WireSandbox>('PATCH', `/v1/sandboxes/${id}/metadata`, { team: 'platform', keep: null, 'example.com/tier': 'gold', missing: null });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata).toEqual({ team: 'platform', 'example.com/tier': 'gold' });
    expect(patched.body.status.state).toBe('Running');
    const noop = await s.call<WireSandbox>('PATCH', `/v1/sandboxes/${id}/metadata`, {});
    expect(noop.body.metadata).toEqual({ team: 'platform', 'example.com/tier': 'gold' });
    const reserved = await s.call<ErrorResponse>('PATCH', `/v1/sandboxes/${id}/metadata`, { 'opensandbox.io/owner': 'x' });
    expect(reserved.status).toBe(400);
    expect(reserved.body.message).toContain('opensandbox.io/owner');
    const badValue = await s.call<ErrorResponse>('PATCH', `/v1/sandboxes/${id}/metadata`, { team: 'has spaces' });
    expect(badValue.status).toBe(400);
    expect(badValue.body.message).toContain('metadata.team');
    const notString = await s.call('PATCH', `/v1/sandboxes/${id}/metadata`, { team: 5 });
    expect(notString.status).toBe(400);
    expect((await s.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.metadata).toEqual({ team: 'platform', 'example.com/tier': 'gold' });
  });

  it('renews to a later absolute time and refuses the past, earlier times and beyond the maximum', async () => {
    const id = await createRunning();
    const current = (await s.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.expiresAt!;
    const later = new Date(Date.parse(current) + 3600_000).toISOString();
    const ok = await s.call('POST', `/v1/sandboxes/${id}/renew-expiration`, { expiresAt: later });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ expiresAt: later });
    expect((await s.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.expiresAt).toBe(later);
    const cases: Array<[unknown, string]> = [
      [{ expiresAt: '2001-01-01T00:00:00Z' }, 'not in the future'],
      [{ expiresAt: current }, 'not later than'],
      [{ expiresAt: new Date(Date.now() + 2 * 86400_000).toISOString() }, 'maximum'],
      [{ expiresAt: 'tomorrow' }, 'RFC 3339'],
      [{}, 'expiresAt'],
      [{ expiresAt: later, extra: 1 }, 'extra'],
    ];
    for (const [body, words] of cases) {
      const res = await s.call<ErrorResponse>('POST', `/v1/sandboxes/${id}/renew-expiration`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toContain(words);
    }
  });

  it('gives 127.0.0.1:<port> for published ports, Sandlot\'s own execd route for 44772 and the proxy route for any other port', async () => {
    const id = await createRunning();
    const published = await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/8000`);
    expect(published.status).toBe(200);
    expect(published.body.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } });
    const hostPort = c!.Ports.find((p) => p.PrivatePort === 8000)?.PublicPort;
    expect(published.body.endpoint).toBe(`127.0.0.1:${hostPort}`);
    const port = new URL(s.url).port;
    for (const path of [`/v1/sandboxes/${id}/endpoints/8000?use_server_proxy=true`, `/v1/sandboxes/${id}/endpoints/18080`]) {
      const res = await s.call<Endpoint>('GET', path);
      expect(res.status).toBe(200);
      expect(res.body.endpoint).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port}/v1/sandboxes/${id}/proxy/\\d+$`));
    }
    const execd = await s.call<Endpoint>('GET', `/v1/sandboxes/${id}/endpoints/44772`);
    expect(execd.body.endpoint).toBe(`127.0.0.1:${port}/v1/sandboxes/${id}/execd`);
    for (const bad of ['0', '65536', 'http']) {
      const res = await s.call<ErrorResponse>('GET', `/v1/sandboxes/${id}/endpoints/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('port');
    }
  });

  it('answers the endpoint lookup while the sandbox is still Pending (the SDK asks right after create)', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
    const ep = await s.call<Endpoint>('GET', `/v1/sandboxes/${res.body.id}/endpoints/44772`);
    expect(ep.status).toBe(200);
    expect(ep.body.endpoint).toContain(`/v1/sandboxes/${res.body.id}/execd`);
    const other = await s.call<Endpoint>('GET', `/v1/sandboxes/${res.body.id}/endpoints/18080`);
    expect(other.status).toBe(200);
    expect(other.body.endpoint).toContain(`/v1/sandboxes/${res.body.id}/proxy/18080`);
  });
});

describe('list', () => {
  it('filters by state (OR) and metadata (AND), newest first, with pages', async () => {
    const tag = `run${Date.now()}`;
    const ids: string[] = [];
    for (const [i, color] of ['red', 'blue', 'red'].entries()) {
      ids.push(await createRunning({ metadata: { suite: tag, color, n: String(i) } }));
    }
    await s.call('POST', `/v1/sandboxes/${ids[0]}/pause`);
    await waitForState(s, ids[0]!, 'Paused');
    const q = (query: string) => s.call<ListSandboxesResponse>('GET', `/v1/sandboxes?${query}`);
    const qError = (query: string) => s.call<ErrorResponse>('GET', `/v1/sandboxes?${query}`);
    const redOnly = await q(`metadata=${encodeURIComponent(`suite=${tag}&color=red`)}`);
    expect(redOnly.body.items.map((i) => i.id)).toEqual([ids[2], ids[0]]);
    const runningRed = await q(`state=Running&metadata=${encodeURIComponent(`suite=${tag}&color=red`)}`);
    expect(runningRed.body.items.map((i) => i.id)).toEqual([ids[2]]);
    const either = await q(`state=Running&state=Paused&metadata=${encodeURIComponent(`suite=${tag}`)}`);
    expect(either.body.items).toHaveLength(3);
    const page2 = await q(`metadata=${encodeURIComponent(`suite=${tag}`)}&page=2&pageSize=2`);
    expect(page2.body.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(page2.body.pagination).toEqual({ page: 2, pageSize: 2, totalItems: 3, totalPages: 2, hasNextPage: false });
    const page1 = await q(`metadata=${encodeURIComponent(`suite=${tag}`)}&pageSize=2`);
    expect(page1.body.pagination.hasNextPage).toBe(true);
    const none = await q(`metadata=${encodeURIComponent(`suite=${tag}&color=green`)}`);
    expect(none.body).toEqual({ items: [], pagination: { page: 1, pageSize: 20, totalItems: 0, totalPages: 0, hasNextPage: false } });
    for (const bad of ['pageSize=0', 'pageSize=201', 'page=0', 'page=x', 'state=Sleeping', 'metadata=novalue']) {
      const res = await qError(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.code).toBe('INVALID_REQUEST');
    }
  });
});

describe('wire rules', () => {
  it('answers 404 {code, message} for an unknown id on every route', async () => {
    const id = 'does-not-exist';
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/v1/sandboxes/${id}`],
      ['DELETE', `/v1/sandboxes/${id}`],
      ['POST', `/v1/sandboxes/${id}/pause`],
      ['POST', `/v1/sandboxes/${id}/resume`],
      ['POST', `/v1/sandboxes/${id}/renew-expiration`, { expiresAt: new Date(Date.now() + 3600_000).toISOString() }],
      ['PATCH', `/v1/sandboxes/${id}/metadata`, { a: 'b' }],
      ['GET', `/v1/sandboxes/${id}/endpoints/8080`],
      ['GET', `/v1/sandboxes/${id}/proxy/8080/`],
    ];
    for (const [method, path, body] of routes) {
      const res = await s.call<ErrorResponse>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.message).toContain(id);
    }
  });

  it('requires the API key (401) and a loopback Host (403) everywhere', async () => {
    for (const path of ['/v1/sandboxes', '/v1/openapi.json', '/v1/sandboxes/x/proxy/80/']) {
      const none = await fetch(`${s.url}${path}`);
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ code: 'UNAUTHORIZED', message: expect.stringContaining('missing') });
      const wrong = await fetch(`${s.url}${path}`, { headers: { 'OPEN-SANDBOX-API-KEY': `${s.key}x` } });
      expect(wrong.status).toBe(401);
    }
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const u = new URL(s.url);
      http.get({ host: u.hostname, port: u.port, path: '/v1/sandboxes', headers: { host: 'attacker.example:80', 'OPEN-SANDBOX-API-KEY': s.key } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    expect(status).toBe(403);
  });

  it('accepts the SDK\'s telemetry, serves its OpenAPI document, and names unsupported features', async () => {
    expect((await s.call('POST', '/v1/metrics/events', { eventType: 'sandbox.create', createDurationMs: 5, success: true })).status).toBe(204);
    const doc = await s.call<{ paths: Record<string, unknown> }>('GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/sandboxes', '/v1/sandboxes/{sandboxId}/renew-expiration']));
    const snap = await s.call<ErrorResponse>('POST', '/v1/sandboxes/x/snapshots', {});
    expect(snap.status).toBe(400);
    expect(snap.body.message).toMatch(/snapshots are not supported/);
  });
});
