// GET /v1/sandboxes/{id}/logs against real containers: text and SSE, tail, since, follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import type { LogLine } from '../../src-main/contract/inside';
import { takeSseData } from '../../src-main/contract/sse';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let server: TestServer;
/** Prints one..five (four on stderr), then waits for a file to appear and prints "late". */
let id: string;
/** Fails a second after it runs (a container that fails right at start is removed). */
let failed: string;

// stdout and stderr are separate pipes: Docker orders lines across them by arrival, hence the pauses.
const SCRIPT = 'for w in one two three; do echo $w; done; sleep 0.2; echo four >&2; sleep 0.2; echo five; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo late; exec sleep 3600';

async function text(path: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`${server.url}${path}`, { headers: { 'OPEN-SANDBOX-API-KEY': server.key } });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

/** Reads SSE LogLines until `until` says stop (or the stream ends); aborts the request. */
async function sse(path: string, until: (lines: LogLine[]) => boolean = () => false): Promise<{ lines: LogLine[]; ended: boolean }> {
  const ctl = new AbortController();
  const res = await fetch(`${server.url}${path}`, { headers: { 'OPEN-SANDBOX-API-KEY': server.key, accept: 'text/event-stream' }, signal: ctl.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const lines: LogLine[] = [];
  let buffer = '';
  let ended = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    const taken = takeSseData(buffer + Buffer.from(value).toString());
    buffer = taken.rest;
    lines.push(...taken.data.map((d) => JSON.parse(d) as LogLine));
    if (until(lines)) break;
  }
  ctl.abort();
  return { lines, ended };
}

beforeAll(async () => {
  server = await startTestServer();
  id = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', SCRIPT] }))).body.id;
  failed = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'echo about to fail; sleep 1; exit 3'] }))).body.id;
  await waitForState(server, id, 'Running');
  // The entrypoint has printed its first lines once five is there.
  const deadline = Date.now() + 10_000;
  while (!(await text(`/v1/sandboxes/${id}/logs`)).body.includes('five') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  await server?.stop();
});

describe('logs', () => {
  it('answers plain text lines, stdout and stderr together', async () => {
    const r = await text(`/v1/sandboxes/${id}/logs`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain/);
    expect(r.body).toBe('one\ntwo\nthree\nfour\nfive\n');
  });

  it('tails the last lines', async () => {
    expect((await text(`/v1/sandboxes/${id}/logs?tail=2`)).body).toBe('four\nfive\n');
    expect((await text(`/v1/sandboxes/${id}/logs?tail=0`)).body).toBe('');
    expect((await text(`/v1/sandboxes/${id}/logs?tail=all`)).body.split('\n')).toHaveLength(6);
  });

  it('prefixes Docker timestamps when asked', async () => {
    const lines = (await text(`/v1/sandboxes/${id}/logs?timestamps=true&tail=1`)).body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z five$/);
  });

  it('sends SSE LogLines with stream and timestamp', async () => {
    const { lines, ended } = await sse(`/v1/sandboxes/${id}/logs`);
    expect(ended).toBe(true);
    expect(lines.map((l) => l.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(lines.find((l) => l.text === 'four')?.stream).toBe('stderr');
    expect(lines.find((l) => l.text === 'one')?.stream).toBe('stdout');
    for (const l of lines) expect(Date.parse(l.at ?? '')).not.toBeNaN();
  });

  it('starts after `since` (RFC 3339 or Unix seconds)', async () => {
    const { lines } = await sse(`/v1/sandboxes/${id}/logs`);
    const fourth = lines[3]!.at!;
    // Everything at or after the fourth line's own timestamp.
    const after = (await text(`/v1/sandboxes/${id}/logs?since=${encodeURIComponent(fourth)}`)).body;
    expect(after).toBe('four\nfive\n');
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await text(`/v1/sandboxes/${id}/logs?since=${future}`)).body).toBe('');
    expect((await text(`/v1/sandboxes/${id}/logs?since=0`)).body).toBe('one\ntwo\nthree\nfour\nfive\n');
  });

  it('follows: a new line appears on the open stream', async () => {
    const follow = sse(`/v1/sandboxes/${id}/logs?follow=true&tail=1`, (lines) => lines.some((l) => l.text === 'late'));
    await new Promise((r) => setTimeout(r, 300));
    const containerId = server.sandlot.engine.runningContainer(id);
    const { DockerRuntime } = await import('../../src-main/runtime/docker');
    await new DockerRuntime().exec.run(containerId, { cmd: ['touch', '/tmp/go'] });
    const { lines, ended } = await follow;
    expect(ended).toBe(false);
    expect(lines.map((l) => l.text)).toEqual(['five', 'late']);
  });

  it('names the bad field in a 400', async () => {
    for (const [q, field] of [
      ['tail=-1', 'tail'],
      ['tail=abc', 'tail'],
      ['follow=yes', 'follow'],
      ['timestamps=2', 'timestamps'],
      ['since=yesterday', 'since'],
      ['since=2024-13-45', 'since'],
    ] as const) {
      const r = await text(`/v1/sandboxes/${id}/logs?${q}`);
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.body).message, q).toMatch(new RegExp(`^${field}:`));
    }
  });

  it('answers 404 for an unknown sandbox', async () => {
    expect((await text('/v1/sandboxes/nope/logs')).status).toBe(404);
  });

  it('reads a Failed sandbox that still has its container; follow ends at once', async () => {
    await waitForState(server, failed, 'Failed');
    expect((await text(`/v1/sandboxes/${failed}/logs`)).body).toContain('about to fail');
    const { lines, ended } = await sse(`/v1/sandboxes/${failed}/logs?follow=true`);
    expect(ended).toBe(true);
    expect(lines.map((l) => l.text)).toContain('about to fail');
  });

  it('reads a Paused sandbox, and a follow ends when the sandbox is deleted', async () => {
    const p = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'echo paused-hello; exec sleep 3600'] }))).body.id;
    await waitForState(server, p, 'Running');
    await server.call('POST', `/v1/sandboxes/${p}/pause`);
    await waitForState(server, p, 'Paused');
    const deadline = Date.now() + 5000;
    let body = '';
    while (!body.includes('paused-hello') && Date.now() < deadline) body = (await text(`/v1/sandboxes/${p}/logs`)).body;
    expect(body).toBe('paused-hello\n');
    const follow = sse(`/v1/sandboxes/${p}/logs?follow=true`);
    await new Promise((r) => setTimeout(r, 300));
    await server.call('DELETE', `/v1/sandboxes/${p}`);
    const { lines, ended } = await follow;
    expect(ended).toBe(true);
    expect(lines.map((l) => l.text)).toEqual(['paused-hello']);
  });
});
