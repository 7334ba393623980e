// A short version of the bench's mixed load (bench/load.ts): 50 clients at once, reads (get,
// list with filters, endpoints) and lifecycle changes (create, pause, resume, renew, patch,
// delete) for about 10 s against 30 live sandboxes. Every answer must be the expected one.
// Timings are the bench's business (docs/benchmarks.md), not asserted here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListSandboxesResponse } from '../../src-main/contract/schemas';
import { createLoadFleet, runLoad } from '../../bench/load';
import { startTestServer, type TestServer } from '../helpers/sandlot';

let s: TestServer;

beforeAll(async () => {
  // Deleted sandboxes are purged at the next sweep, as in the bench.
  s = await startTestServer({ terminatedRetentionSeconds: 0 });
});
afterAll(async () => s?.stop());

describe('load', () => {
  it('answers 50 concurrent clients doing mixed reads and lifecycle changes without one error', async () => {
    const fleet = await createLoadFleet(s.url, s.key, 30, 4);
    const r = await runLoad({ url: s.url, apiKey: s.key, clients: 50, seconds: 10, warmupSeconds: 1, thinkMs: 20, fleet });
    console.log(`load: ${r.ops} requests in ${r.seconds.toFixed(1)} s (${r.opsPerSecond.toFixed(0)}/s), ${r.liveMin}-${r.liveMax} live, ${r.errors} errors`);
    expect(r.errorSamples).toEqual([]);
    expect(r.errors).toBe(0);
    // Every kind of operation really ran.
    for (const kind of ['get', 'list', 'endpoint', 'create', 'delete', 'pause', 'resume', 'renew', 'patch'] as const) {
      expect(r.latency[kind]?.n ?? 0, kind).toBeGreaterThan(0);
    }
    expect(r.liveMin).toBeGreaterThanOrEqual(30);
    // The load leaves the fleet as it found it: all Running, the clients' own sandboxes gone.
    let states: string[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const list = await s.call<ListSandboxesResponse>('GET', '/v1/sandboxes?pageSize=200&metadata=bench%3Dload');
      states = (list.body.items as Array<{ status: { state: string } }>).map((i) => i.status.state);
      if (!states.some((x) => x === 'Stopping' || x === 'Pending')) break;
    }
    expect(states.filter((x) => x === 'Running')).toHaveLength(30);
    expect(states.filter((x) => x !== 'Running' && x !== 'Terminated')).toEqual([]);
  }, 180_000);
});
