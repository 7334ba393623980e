// The terminal WebSocket against a real Docker sandbox, through a real `ws` client.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import type { TerminalNotice } from '../../src-main/contract/inside';
import { DockerRuntime } from '../../src-main/runtime/docker';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let server: TestServer;
let id: string;
const runtime = new DockerRuntime();

/** A connected terminal with its output collected as text and its notices. */
interface Term {
  ws: WebSocket;
  output(): string;
  notices: TerminalNotice[];
  closed: Promise<number>;
  type(s: string): void;
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
}

function wsUrl(path: string): string {
  return `${server.url.replace(/^http/, 'ws')}${path}`;
}

async function connect(path: string, headers: Record<string, string> = { 'OPEN-SANDBOX-API-KEY': server.key }): Promise<Term> {
  const ws = new WebSocket(wsUrl(path), { headers });
  let out = '';
  const notices: TerminalNotice[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) out += (data as Buffer).toString('utf8');
    else notices.push(JSON.parse((data as Buffer).toString('utf8')) as TerminalNotice);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    output: () => out,
    notices,
    closed,
    type: (s) => ws.send(Buffer.from(s), { binary: true }),
    async waitFor(re, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const m = re.exec(out);
        if (m) return m[0];
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`terminal output never matched ${re}: ${JSON.stringify(out.slice(-500))}`);
    },
  };
}

/** What an upgrade that is refused answers (status and JSON body). */
function refusal(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(path), { headers });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

async function shells(): Promise<string[]> {
  const containerId = server.sandlot.engine.runningContainer(id);
  const r = await runtime.exec.run(containerId, { cmd: ['ps'] });
  return r.stdout.toString().split('\n').filter((l) => / sh -l| bash -l/.test(l));
}

beforeAll(async () => {
  server = await startTestServer();
  const res = await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
  id = res.body.id;
  await waitForState(server, id, 'Running');
});

afterAll(async () => {
  await server?.stop();
});

describe('terminal WebSocket', () => {
  it('runs what is typed and echoes the output', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal?cols=100&rows=30`);
    t.type('echo hi$((1+1))\r');
    await t.waitFor(/hi2/);
    t.ws.close();
    await t.closed;
  });

  it('starts at the asked size and follows resize messages', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal?cols=100&rows=30`);
    t.type('stty size\r');
    await t.waitFor(/30 100/);
    t.ws.send(JSON.stringify({ type: 'resize', cols: 132, rows: 43 }));
    await new Promise((r) => setTimeout(r, 200));
    t.type('stty size\r');
    await t.waitFor(/43 132/);
    t.ws.close();
    await t.closed;
  });

  it('sets TERM for full-screen programs', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    t.type('echo "term=$TERM"\r');
    await t.waitFor(/term=xterm-256color/);
    t.ws.close();
    await t.closed;
  });

  it('tells the exit code and closes when the shell exits', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    t.type('exit 7\r');
    const code = await t.closed;
    expect(code).toBe(1000);
    expect(t.notices).toContainEqual({ type: 'exit', code: 7 });
  });

  it('leaves no shell (nor what it runs) behind when the socket closes', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    t.type('sleep 1234\r');
    await new Promise((r) => setTimeout(r, 300));
    expect((await shells()).length).toBeGreaterThan(0);
    t.ws.close();
    await t.closed;
    const deadline = Date.now() + 5000;
    let left = await shells();
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      left = await shells();
    }
    expect(left).toEqual([]);
    const containerId = server.sandlot.engine.runningContainer(id);
    const ps = (await runtime.exec.run(containerId, { cmd: ['ps'] })).stdout.toString();
    expect(ps).not.toMatch(/sleep 1234/);
  });

  it('answers a bad text frame with an error notice and stays open', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    t.ws.send('not json');
    await new Promise((r) => setTimeout(r, 200));
    expect(t.notices[0]?.type).toBe('error');
    t.type('echo still$((2+3))\r');
    await t.waitFor(/still5/);
    t.ws.close();
    await t.closed;
  });

  it('refuses an upgrade without auth with a 401 on the socket', async () => {
    const r = await refusal(`/v1/sandboxes/${id}/terminal`);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).code).toBe('UNAUTHORIZED');
    expect((await refusal(`/v1/sandboxes/${id}/terminal`, { 'OPEN-SANDBOX-API-KEY': 'wrong' })).status).toBe(401);
  });

  it('refuses unknown sandboxes (404) and bad sizes (400)', async () => {
    const key = { 'OPEN-SANDBOX-API-KEY': server.key };
    expect((await refusal('/v1/sandboxes/nope/terminal', key)).status).toBe(404);
    const bad = await refusal(`/v1/sandboxes/${id}/terminal?cols=0`, key);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/cols/);
  });

  it('ends the terminal when the sandbox is paused, and refuses it while paused (409)', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    await server.call('POST', `/v1/sandboxes/${id}/pause`);
    expect(await t.closed).toBe(1000);
    expect(t.notices.at(-1)?.type).toBe('error');
    await waitForState(server, id, 'Paused');
    expect((await refusal(`/v1/sandboxes/${id}/terminal`, { 'OPEN-SANDBOX-API-KEY': server.key })).status).toBe(409);
    await server.call('POST', `/v1/sandboxes/${id}/resume`);
    await waitForState(server, id, 'Running');
    const deadline = Date.now() + 5000;
    while ((await shells()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await shells()).toEqual([]);
  });

  it('keeps the proxy upgrade working beside it', async () => {
    // The proxy path is not the terminal's: it still gets the proxy's own answer.
    const r = await refusal(`/v1/sandboxes/${id}/proxy/9001/`, { 'OPEN-SANDBOX-API-KEY': server.key });
    expect(r.status).toBe(502);
  });

  it('echoes keystrokes quickly (median round trip)', async () => {
    const t = await connect(`/v1/sandboxes/${id}/terminal`);
    t.type('cat\r');
    await new Promise((r) => setTimeout(r, 300));
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const before = t.output().length;
      const start = performance.now();
      t.type('x');
      while (t.output().length === before) await new Promise((r) => setImmediate(r));
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[25] ?? 0;
    console.log(`terminal keystroke echo: median ${median.toFixed(2)} ms, p90 ${(times[45] ?? 0).toFixed(2)} ms`);
    expect(median).toBeLessThan(50);
    t.ws.close();
    await t.closed;
  });
});
