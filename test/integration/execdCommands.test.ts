// execd's command API as Sandlot serves it under /v1/sandboxes/{id}/execd, spoken in plain HTTP
// against a real Sandlot and real Docker: the SSE events a client reads, the errors it gets,
// and what really happens to processes inside the container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse } from '../../src-main/contract/schemas';
import { takeSseData } from '../../src-main/contract/sse';
import type { CommandStatusBody } from '../../src-main/inside/commandRecords';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

interface Event {
  type: string;
  text?: string;
  timestamp?: number;
  execution_time?: number;
  error?: { ename: string; evalue: string; traceback: string[] };
}

let server: TestServer;
let sandboxId: string;
let base: string;

/** POSTs /command and reads the whole SSE stream (or the JSON error). */
async function run(body: unknown, signal?: AbortSignal): Promise<{ status: number; events: Event[]; json?: { code: string; message: string }; contentType: string }> {
  const res = await fetch(`${server.url}${base}/command`, {
    method: 'POST',
    headers: { 'OPEN-SANDBOX-API-KEY': server.key, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (!contentType.startsWith('text/event-stream')) return { status: res.status, events: [], json: JSON.parse(text), contentType };
  const { data } = takeSseData(text);
  return { status: res.status, events: data.map((d) => JSON.parse(d) as Event).filter((e) => e.type !== 'ping'), contentType };
}

/** POSTs /command and reads its events one by one, as they come. */
async function stream(body: unknown, signal?: AbortSignal): Promise<{ next(): Promise<Event | null>; rest(): Promise<Event[]> }> {
  const res = await fetch(`${server.url}${base}/command`, {
    method: 'POST',
    headers: { 'OPEN-SANDBOX-API-KEY': server.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const queue: Event[] = [];
  let buffer = '';
  const next = async (): Promise<Event | null> => {
    while (queue.length === 0) {
      const { value, done } = await reader.read();
      if (done) return null;
      const { data, rest } = takeSseData(buffer + decoder.decode(value, { stream: true }));
      buffer = rest;
      queue.push(...data.map((d) => JSON.parse(d) as Event).filter((e) => e.type !== 'ping'));
    }
    return queue.shift() ?? null;
  };
  const rest = async (): Promise<Event[]> => {
    const out: Event[] = [];
    for (let e = await next(); e; e = await next()) out.push(e);
    return out;
  };
  return { next, rest };
}

const lines = (events: Event[], type: 'stdout' | 'stderr') => events.filter((e) => e.type === type).map((e) => e.text);

/** The processes inside the sandbox's container, as `ps` shows them. */
async function processes(): Promise<string> {
  const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${sandboxId}`] } });
  const exec = await docker.getContainer(c!.Id).exec({ Cmd: ['ps', '-o', 'pid,args'], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  await new Promise((r) => stream.on('end', r));
  return Buffer.concat(chunks).toString('utf8');
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

beforeAll(async () => {
  server = await startTestServer();
  const created = await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
  sandboxId = created.body.id;
  base = `/v1/sandboxes/${sandboxId}/execd`;
  await waitForState(server, sandboxId, 'Running');
});

afterAll(async () => {
  await server?.stop();
});

describe('execd commands served by Sandlot', () => {
  it('answers /ping for a Running sandbox, 404 for an unknown one', async () => {
    expect((await server.call('GET', `${base}/ping`)).status).toBe(200);
    const unknown = await server.call<ErrorResponse>('GET', '/v1/sandboxes/nope/execd/ping');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('streams init, one event per line, then execution_complete', async () => {
    const before = Date.now();
    const r = await run({ command: "echo one; echo two; printf 'no newline'" });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/event-stream/);
    expect(r.events[0]?.type).toBe('init');
    expect(r.events[0]?.text).toMatch(/\S/);
    expect(lines(r.events, 'stdout')).toEqual(['one', 'two', 'no newline']);
    const last = r.events.at(-1)!;
    expect(last.type).toBe('execution_complete');
    expect(typeof last.execution_time).toBe('number');
    for (const e of r.events) expect(e.timestamp).toBeGreaterThanOrEqual(before - 1000);
  });

  it('reports stderr and a non-zero exit as an error event whose evalue is the exit code', async () => {
    const r = await run({ command: 'echo oops >&2; exit 3' });
    expect(lines(r.events, 'stderr')).toEqual(['oops']);
    const last = r.events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.error).toMatchObject({ ename: 'CommandExecError', evalue: '3' });
    // The status agrees.
    const status = await server.call<CommandStatusBody>('GET', `${base}/command/status/${r.events[0]!.text}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: r.events[0]!.text, content: 'echo oops >&2; exit 3', running: false, exit_code: 3 });
    expect(new Date(status.body.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(status.body.started_at).getTime());
  });

  it('runs in cwd with envs and as uid:gid', async () => {
    const r = await run({ command: 'pwd; echo "$GREETING"; id -u; id -g', cwd: '/www', envs: { GREETING: 'hello there' }, uid: 1000, gid: 1001 });
    expect(lines(r.events, 'stdout')).toEqual(['/www', 'hello there', '1000', '1001']);
    expect(r.events.at(-1)?.type).toBe('execution_complete');
  });

  it('refuses a missing cwd, a blank command and a gid without uid with a 400 naming the field', async () => {
    const cwd = await run({ command: 'pwd', cwd: '/no/such/dir' });
    expect(cwd.status).toBe(400);
    expect(cwd.json?.message).toMatch(/^cwd: .*\/no\/such\/dir.*no such file or directory/);
    const blank = await run({ command: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.json?.message).toMatch(/^command:/);
    const missing = await run({ cwd: '/' });
    expect(missing.status).toBe(400);
    expect(missing.json?.message).toMatch(/^command:/);
    const gid = await run({ command: 'id', gid: 5 });
    expect(gid.status).toBe(400);
    expect(gid.json?.message).toMatch(/^gid:/);
    const badTimeout = await run({ command: 'true', timeout: 'soon' });
    expect(badTimeout.status).toBe(400);
    expect(badTimeout.json?.message).toMatch(/^timeout:/);
    // Unknown fields and nulls for left-out options are tolerated, as execd does.
    const tolerant = await run({ command: 'echo ok', someFutureField: 1, cwd: null, timeout: null });
    expect(lines(tolerant.events, 'stdout')).toEqual(['ok']);
  });

  it('kills a command that runs past its timeout, with its children', async () => {
    const started = Date.now();
    const r = await run({ command: 'sleep 300 & sleep 301; echo never', timeout: 1000 });
    // Ended by the timeout, not by the 300 s sleep (a wide margin: machines under load are slow).
    expect(Date.now() - started).toBeLessThan(60_000);
    const last = r.events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.error?.evalue).toBe('137');
    expect(last.error?.traceback.join(' ')).toMatch(/timed out after 1000 ms/);
    expect(lines(r.events, 'stdout')).toEqual([]);
    await until(async () => !/sleep 30[01]/.test(await processes()));
  });

  it('runs a background command: init and execution_complete at once, then status and logs by cursor', async () => {
    const r = await run({ command: 'echo first; echo err >&2; sleep 1; echo second; exit 4', background: true });
    expect(r.events.map((e) => e.type)).toEqual(['init', 'execution_complete']);
    const id = r.events[0]!.text!;
    const running = await server.call('GET', `${base}/command/status/${id}`);
    expect(running.body).toMatchObject({ id, running: true, exit_code: null, finished_at: null });

    await until(async () => (await server.call<CommandStatusBody>('GET', `${base}/command/status/${id}`)).body.running === false);
    const done = await server.call('GET', `${base}/command/status/${id}`);
    expect(done.body).toMatchObject({ running: false, exit_code: 4 });

    const all = await server.call('GET', `${base}/command/${id}/logs`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(String(all.body).split('\n').sort()).toEqual(['', 'err', 'first', 'second']);
    expect(all.headers.get('EXECD-COMMANDS-TAIL-CURSOR')).toBe('3');
    const tail = await server.call('GET', `${base}/command/${id}/logs?cursor=2`);
    expect(tail.body).toBe('second\n');
    const none = await server.call('GET', `${base}/command/${id}/logs?cursor=3`);
    expect(none.body ?? '').toBe('');
    expect(none.headers.get('EXECD-COMMANDS-TAIL-CURSOR')).toBe('3');
    expect((await server.call('GET', `${base}/command/${id}/logs?cursor=-1`)).status).toBe(400);
  });

  it('interrupts a running command and its process tree; unknown ids are 404, a missing id 400', async () => {
    const s = await stream({ command: 'echo started; sh -c "sleep 400 & sleep 401"; echo never' });
    const init = await s.next();
    expect(init?.type).toBe('init');
    expect(await s.next()).toMatchObject({ type: 'stdout', text: 'started' });
    await until(async () => /sleep 401/.test(await processes()));

    const del = await server.call('DELETE', `${base}/command?id=${encodeURIComponent(init!.text!)}`);
    expect(del.status).toBe(200);
    const rest = await s.rest();
    expect(lines(rest, 'stdout')).toEqual([]);
    expect(rest.at(-1)).toMatchObject({ type: 'error', error: { ename: 'CommandExecError' } });
    expect(Number(rest.at(-1)?.error?.evalue)).toBeGreaterThan(128);
    expect(await processes()).not.toMatch(/sleep 40[01]/);
    expect((await server.call<CommandStatusBody>('GET', `${base}/command/status/${init!.text}`)).body.running).toBe(false);

    const unknown = await server.call<ErrorResponse>('DELETE', `${base}/command?id=no-such-command`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const missing = await server.call<ErrorResponse>('DELETE', `${base}/command`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^id:/);
    expect((await server.call('GET', `${base}/command/status/no-such-command`)).status).toBe(404);
    expect((await server.call('GET', `${base}/command/no-such-command/logs`)).status).toBe(404);
  });

  it('stops a foreground command whose client went away', async () => {
    const abort = new AbortController();
    const s = await stream({ command: 'sleep 402' }, abort.signal);
    const init = await s.next();
    await until(async () => /sleep 402/.test(await processes()));
    abort.abort();
    await until(async () => !/sleep 402/.test(await processes()));
    await until(async () => (await server.call<CommandStatusBody>('GET', `${base}/command/status/${init!.text}`)).body.running === false);
  });

  it('answers 501 for code interpreting and bash sessions, 404 for unknown paths, 401 without the key', async () => {
    for (const [method, path] of [
      ['POST', '/code'],
      ['GET', '/code/contexts?language=python'],
      ['POST', '/session'],
      ['POST', '/session/abc/run'],
      ['DELETE', '/session/abc'],
    ] as const) {
      const r = await server.call<ErrorResponse>(method, `${base}${path}`, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(501);
      expect(r.body.code).toBe('NOT_IMPLEMENTED');
      expect(r.body.message).toMatch(/not supported by Sandlot/);
    }
    const unknown = await server.call<ErrorResponse>('GET', `${base}/no/such/thing`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const noKey = await fetch(`${server.url}${base}/ping`);
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).code).toBe('UNAUTHORIZED');
    const noKeyRun = await fetch(`${server.url}${base}/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"command":"id"}' });
    expect(noKeyRun.status).toBe(401);
  });

  it('streams a lot of output completely and in order', async () => {
    const r = await run({ command: 'seq 1 20000' });
    const out = lines(r.events, 'stdout');
    expect(out.length).toBe(20000);
    expect(out[0]).toBe('1');
    expect(out.at(-1)).toBe('20000');
    expect(out.every((l, i) => l === String(i + 1))).toBe(true);
  });

  it('holds the process back for a slow reader and still delivers every line', async () => {
    const s = await stream({ command: 'seq 1 150000; echo done' });
    // Let the output pile up unread first (several MB of SSE), then read it all.
    await new Promise((r) => setTimeout(r, 1500));
    const events = await s.rest();
    const out = lines(events, 'stdout');
    expect(out.length).toBe(150001);
    expect(out[149999]).toBe('150000');
    expect(out.at(-1)).toBe('done');
    expect(events.at(-1)?.type).toBe('execution_complete');
  });

  it('answers 409 while the sandbox is paused, and works again after resume', async () => {
    expect((await server.call('POST', `/v1/sandboxes/${sandboxId}/pause`)).status).toBe(202);
    await waitForState(server, sandboxId, 'Paused');
    const ping = await server.call<ErrorResponse>('GET', `${base}/ping`);
    expect(ping.status).toBe(409);
    expect(ping.body.message).toMatch(/Paused/);
    expect((await run({ command: 'true' })).status).toBe(409);
    expect((await server.call('POST', `/v1/sandboxes/${sandboxId}/resume`)).status).toBe(202);
    await waitForState(server, sandboxId, 'Running');
    expect((await server.call('GET', `${base}/ping`)).status).toBe(200);
  });

  it("forgets a deleted sandbox's commands", async () => {
    const r = await run({ command: 'sleep 500', background: true });
    const id = r.events[0]!.text!;
    expect((await server.call('GET', `${base}/command/status/${id}`)).status).toBe(200);
    expect((await server.call('DELETE', `/v1/sandboxes/${sandboxId}`)).status).toBe(204);
    await waitForState(server, sandboxId, 'Terminated');
    expect((await server.call('GET', `${base}/command/status/${id}`)).status).toBe(404);
    expect((await server.call('GET', `${base}/ping`)).status).toBe(409);
  });
});
