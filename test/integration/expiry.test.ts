// TTL: a sandbox is stopped within a second of its expiresAt, a renewal moves the deadline,
// Terminated stays visible for the retention window, then is purged (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import type { CreateSandboxResponse, WireSandbox } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const events: Array<{ at: number; e: EngineEvent }> = [];

beforeAll(async () => {
  // Retention of 5 s so the purge can be seen within the test.
  s = await startTestServer({ terminatedRetentionSeconds: 5, allowNoExpiry: true });
  s.sandlot.engine.subscribe((e) => events.push({ at: Date.now(), e }));
});
afterAll(async () => s?.stop());

describe('expiry', () => {
  it('stops an expired sandbox within a second of expiresAt, keeps the renewed one, then purges the tombstone', async () => {
    const volume = `sandlot-test-ttl-${process.pid}`;
    const a = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ timeout: 60, volumes: [{ name: 'v', mountPath: '/v', pvc: { claimName: volume, deleteOnSandboxTermination: true } }] }))).body;
    const b = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ timeout: 60 }))).body;
    const never = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ timeout: null }))).body;
    const crashed = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ entrypoint: ['sh', '-c', 'sleep 1; exit 1'] }))).body;
    await waitForState(s, crashed.id, 'Failed', 10_000);
    // A Failed sandbox keeps its exited container (for its logs) during the retention window.
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${crashed.id}`] } })).toHaveLength(1);
    expect(never.expiresAt).toBeUndefined();
    await waitForState(s, a.id, 'Running');
    await waitForState(s, b.id, 'Running');
    const later = new Date(Date.parse(b.expiresAt!) + 600_000).toISOString();
    expect((await s.call('POST', `/v1/sandboxes/${b.id}/renew-expiration`, { expiresAt: later })).status).toBe(200);

    const wait = Date.parse(a.expiresAt!) - Date.now() + 1500;
    await new Promise((r) => setTimeout(r, wait));
    const stopping = events.find(({ e }) => e.type === 'sandbox' && e.sandbox.id === a.id && e.sandbox.status.state === 'Stopping');
    expect(stopping).toBeDefined();
    expect(stopping!.at - Date.parse(a.expiresAt!)).toBeLessThan(1000);
    // Stopping on time is Sandlot's part; how long Docker then takes to stop and remove the
    // container is Docker's, and other test files load the same Docker meanwhile (CI saw > 10 s).
    const done = await waitForState(s, a.id, 'Terminated', 30_000);
    expect(done.status.reason).toBe('ttl_expiry');
    const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${a.id}`] } });
    expect(left).toEqual([]);
    expect(await docker.getVolume(volume).inspect().then(() => true, () => false)).toBe(false);

    expect((await s.call<WireSandbox>('GET', `/v1/sandboxes/${b.id}`)).body.status.state).toBe('Running');
    expect((await s.call<WireSandbox>('GET', `/v1/sandboxes/${never.id}`)).body.status.state).toBe('Running');

    // Retention: visible as Terminated for 5 s, then gone.
    await new Promise((r) => setTimeout(r, 6500));
    const purged = await s.call('GET', `/v1/sandboxes/${a.id}`);
    expect(purged.status).toBe(404);
    expect(events.some(({ e }) => e.type === 'removed' && e.id === a.id)).toBe(true);
    // ...and the Failed one is purged with its container.
    expect((await s.call('GET', `/v1/sandboxes/${crashed.id}`)).status).toBe(404);
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${crashed.id}`] } })).toEqual([]);
  }, 120_000);
});
