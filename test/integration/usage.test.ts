// Live usage from Docker stats: the shared hub, the UI's SSE stream, the one-shot reading and
// execd's /metrics through the official SDK.
import { ConnectionConfig, Sandbox } from '@alibaba-group/opensandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse } from '../../src-main/contract/schemas';
import type { UsageFrame, UsageSample } from '../../src-main/contract/inside';
import { takeSseData } from '../../src-main/contract/sse';
import { Usage } from '../../src-main/inside/usage';
import { DockerRuntime } from '../../src-main/runtime/docker';
import { createBody, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

const LIMIT_BYTES = 128 * 1024 * 1024;
let server: TestServer;
let busy: string;
let idle: string;

/** Reads UsageFrames until `until` says stop or the time is up; aborts the request. */
async function frames(path: string, until: (f: UsageFrame[]) => boolean, timeoutMs = 15_000): Promise<UsageFrame[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const res = await fetch(`${server.url}${path}`, { headers: { 'OPEN-SANDBOX-API-KEY': server.key }, signal: ctl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const got: UsageFrame[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const taken = takeSseData(buffer + Buffer.from(value).toString());
      buffer = taken.rest;
      got.push(...taken.data.map((d) => JSON.parse(d) as UsageFrame));
      if (until(got)) break;
    }
  } catch {
    // aborted on time: the caller checks what it got
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  return got;
}

beforeAll(async () => {
  server = await startTestServer();
  busy = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'while :; do :; done'] }))).body.id;
  idle = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
  await waitForState(server, busy, 'Running');
  await waitForState(server, idle, 'Running');
});

afterAll(async () => {
  await server?.stop();
});

describe('usage', () => {
  it('gives one reading of a busy sandbox within its CPU limit', async () => {
    const started = Date.now();
    const r = await server.call('GET', `/v1/sandboxes/${busy}/usage`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(200);
    const s = r.body as UsageSample;
    expect(s.cpuCores).toBe(0.5);
    expect(s.cpuPercent).toBeGreaterThan(10);
    expect(s.cpuPercent).toBeLessThanOrEqual(60);
    expect(s.memoryLimitBytes).toBe(LIMIT_BYTES);
    expect(s.memoryBytes).toBeGreaterThan(0);
    expect(s.memoryBytes).toBeLessThan(LIMIT_BYTES);
    expect(s.pids).toBeGreaterThanOrEqual(1);
    expect(s.networkRxBytes).toBeGreaterThanOrEqual(0);
    expect(Date.parse(s.at)).toBeGreaterThan(started - 5000);
  });

  it('streams frames about once a second, only for Running sandboxes', async () => {
    const got = await frames(`/v1/usage?ids=${busy},${idle},nope`, (f) => f.filter((x) => x.samples[busy] && x.samples[idle]).length >= 3);
    const full = got.filter((f) => f.samples[busy] && f.samples[idle]);
    expect(full.length).toBeGreaterThanOrEqual(3);
    for (const f of full) {
      expect(Object.keys(f.samples).sort()).toEqual([busy, idle].sort());
      expect(f.samples[busy]!.cpuPercent).toBeGreaterThan(10);
      expect(f.samples[busy]!.cpuPercent).toBeLessThanOrEqual(60);
      expect(f.samples[idle]!.cpuPercent).toBeLessThan(10);
    }
    const times = full.map((f) => Date.parse(f.samples[busy]!.at));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(500);
  });

  it('refuses a reading of a sandbox that is not Running (409) or unknown (404), and a stream without ids (400)', async () => {
    expect((await server.call('GET', '/v1/sandboxes/nope/usage')).status).toBe(404);
    const bad = await server.call<ErrorResponse>('GET', '/v1/usage');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^ids:/);
    const p = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
    await waitForState(server, p, 'Running');
    await server.call('POST', `/v1/sandboxes/${p}/pause`);
    await waitForState(server, p, 'Paused');
    expect((await server.call('GET', `/v1/sandboxes/${p}/usage`)).status).toBe(409);
    await server.call('DELETE', `/v1/sandboxes/${p}`);
  });

  it('shares one Docker stream per sandbox and stops it with the last watcher', async () => {
    const usage = new Usage({ engine: server.sandlot.engine, runtime: new DockerRuntime() });
    try {
      const a = usage.watch(busy);
      const b = usage.watch(busy);
      const c = usage.watch(idle);
      expect(usage.streams).toBe(2);
      a.release();
      expect(usage.streams).toBe(2);
      b.release();
      b.release();
      expect(usage.streams).toBe(1);
      c.release();
      expect(usage.streams).toBe(0);
    } finally {
      usage.close();
    }
  });

  it('ends the stream of a sandbox when it is deleted', async () => {
    const doomed = (await server.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
    await waitForState(server, doomed, 'Running');
    const usage = new Usage({ engine: server.sandlot.engine, runtime: new DockerRuntime() });
    try {
      let ended = false;
      const hold = usage.watch(doomed, { onEnd: () => (ended = true) });
      const seen = await new Promise<boolean>((resolve) => {
        const t = setInterval(() => hold.latest() && (clearInterval(t), resolve(true)), 50);
      });
      expect(seen).toBe(true);
      const stream = frames(`/v1/usage?ids=${doomed}`, (f) => f.length > 2 && !f.at(-1)!.samples[doomed] && f.some((x) => x.samples[doomed]));
      await new Promise((r) => setTimeout(r, 2500));
      await server.call('DELETE', `/v1/sandboxes/${doomed}`);
      const got = await stream;
      expect(got.some((f) => f.samples[doomed])).toBe(true);
      expect(got.at(-1)!.samples[doomed]).toBeUndefined();
      expect(ended).toBe(true);
      expect(usage.streams).toBe(0);
      expect(hold.latest()).toBeNull();
    } finally {
      usage.close();
    }
  });
});

describe('execd metrics', () => {
  it('answers the SDK getMetrics with the sandbox as a machine', async () => {
    const conn = new ConnectionConfig({ domain: new URL(server.url).host, apiKey: server.key, disableMetrics: true });
    const sbx = await Sandbox.connect({ sandboxId: busy, connectionConfig: conn, skipHealthCheck: true });
    try {
      const started = Date.now();
      const m = await sbx.getMetrics();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(m.cpuCount).toBe(0.5);
      // A busy loop under a 500m limit keeps its half core nearly full.
      expect(m.cpuUsedPercentage).toBeGreaterThan(20);
      expect(m.cpuUsedPercentage).toBeLessThanOrEqual(100);
      expect(m.memoryTotalMiB).toBe(128);
      expect(m.memoryUsedMiB).toBeGreaterThan(0);
      expect(Math.abs(m.timestamp - Date.now())).toBeLessThan(10_000);
    } finally {
      await sbx.close();
    }
  });

  it('streams metrics/watch as SSE', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${server.url}/v1/sandboxes/${busy}/execd/metrics/watch`, { headers: { 'OPEN-SANDBOX-API-KEY': server.key }, signal: ctl.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let buffer = '';
    const events: Array<Record<string, number>> = [];
    while (events.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      const taken = takeSseData(buffer + Buffer.from(value).toString());
      buffer = taken.rest;
      events.push(...taken.data.map((d) => JSON.parse(d) as Record<string, number>));
    }
    ctl.abort();
    expect(events).toHaveLength(2);
    for (const e of events) expect(Object.keys(e).sort()).toEqual(['cpu_count', 'cpu_used_pct', 'mem_total_mib', 'mem_used_mib', 'timestamp']);
    expect((await server.call('GET', '/v1/sandboxes/nope/execd/metrics')).status).toBe(404);
  });
});
