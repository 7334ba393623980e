// Crash rounds: several clients send concurrent creates, pauses, resumes, renews, metadata
// patches and deletes to a `serve` child, which is killed with SIGKILL at a random moment.
// After each restart on the same data folder, everything a client was told (2xx) must hold,
// Docker and the records must agree (no orphan container, no record pointing at nothing), and
// sandboxes whose expiry passed while the server was down must be reaped.
// CRASH_ROUNDS (default 20) and CRASH_SEED (default: random, printed) vary the run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ListSandboxesResponse, RenewResponse } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { cleanup, client, createBody, docker, emptyNetworks, freePort, instanceOf, stopServe, tempHome, waitForState, type ServeProcess } from '../helpers/sandlot';
import { startServe } from './serve';
import { checkContainers, Model, rng, type WireItem } from './model';

const ROUNDS = Number(process.env['CRASH_ROUNDS'] ?? 20);
const SEED = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const CLIENTS = 4;
const MAX_LIVE = 8;
const SHORT_LIVED = 3;
const BASE = 6;

const home = tempHome();
let server: ServeProcess | null = null;

afterAll(async () => {
  if (server) await stopServe(server, 'SIGKILL');
  await cleanup(home);
});

/** An answer (`T` is what the caller expects its body to be; not checked), or none at all. */
type Outcome<T> = { kind: 'answer'; status: number; body: T } | { kind: 'lost' };

function apiKey(): string {
  return (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
}

async function call<T = unknown>(url: string, method: string, p: string, body?: unknown): Promise<Outcome<T>> {
  try {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { 'OPEN-SANDBOX-API-KEY': apiKey(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { kind: 'answer', status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  } catch {
    return { kind: 'lost' };
  }
}

async function listAll(url: string): Promise<Map<string, WireItem>> {
  const out = new Map<string, WireItem>();
  for (let page = 1; ; page++) {
    const res = await call<ListSandboxesResponse>(url, 'GET', `/v1/sandboxes?pageSize=200&page=${page}`);
    if (res.kind !== 'answer' || res.status !== 200) throw new Error(`list failed: ${JSON.stringify(res)}`);
    for (const item of res.body.items) out.set(item.id, item);
    if (!res.body.pagination.hasNextPage) return out;
  }
}

const TRANSITIONAL = new Set(['Pending', 'Pausing', 'Resuming', 'Stopping']);

/** Waits until no record is in an in-between state; returns the records then. */
async function settled(url: string): Promise<Map<string, WireItem>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const records = await listAll(url);
    const busy = [...records.values()].filter((r) => TRANSITIONAL.has(r.status.state));
    if (busy.length === 0) return records;
    if (Date.now() > deadline) throw new Error(`still in between after 30 s: ${busy.map((r) => `${r.id} ${r.status.state}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function containersOfInstance(): Promise<Array<{ sandboxId: string; state: string }>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL.instance}=${instanceOf(home)}`] } });
  return list.map((c) => ({ sandboxId: c.Labels[LABEL.sandboxId] ?? '', state: c.State }));
}

describe('crash rounds', () => {
  it(`keeps every acknowledged operation and Docker in line with the records across ${ROUNDS} kill -9 rounds`, async () => {
    console.log(`crash: seed ${SEED}, ${ROUNDS} rounds (CRASH_SEED=${SEED} CRASH_ROUNDS=${ROUNDS} to replay)`);
    const random = rng(SEED);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const model = new Model();
    let live: string[] = [];
    let port = await freePort();
    server = await startServe(home, port);
    const t0 = Date.now();

    // Short-lived sandboxes (the minimum timeout, 60 s): no client touches them; one round is
    // timed so that their expiry passes while the server is down.
    for (let i = 0; i < SHORT_LIVED; i++) {
      const res = await call<CreateSandboxResponse>(server.url, 'POST', '/v1/sandboxes', createBody({ timeout: 60, metadata: { crash: 'short' } }));
      expect(res.kind === 'answer' && res.status).toBe(202);
      if (res.kind === 'answer') model.created(res.body.id, res.body.expiresAt!, { crash: 'short' }, true);
    }
    // A base of Running sandboxes for the clients, so that pauses, resumes, renews and deletes
    // also meet Running and Paused containers, not only creates still in progress.
    for (let i = 0; i < BASE; i++) {
      const metadata = { crash: 'base' };
      const res = await call<CreateSandboxResponse>(server.url, 'POST', '/v1/sandboxes', createBody({ timeout: 600, metadata }));
      expect(res.kind === 'answer' && res.status).toBe(202);
      if (res.kind === 'answer') model.created(res.body.id, res.body.expiresAt!, metadata);
    }
    // Running before any kill, so that what ends the short-lived ones is the expiry and not an interrupted create.
    const key = apiKey();
    for (const t of model.sandboxes.values()) await waitForState(client(server.url, key), t.id, 'Running');
    live = [...model.sandboxes.values()].filter((t) => !t.shortLived).map((t) => t.id);
    // The short-lived ones were created one after another, so their expiries spread over as long
    // as those creates took (seconds on a loaded machine): the kill goes before the first, the
    // restart after the last.
    const shortExpiries = [...model.sandboxes.values()].filter((t) => t.shortLived).map((t) => t.minExpiresMs);
    const shortFirst = Math.min(...shortExpiries);
    const shortLast = Math.max(...shortExpiries);
    let reapedWhileDown = 0;
    let opsAcked = 0;
    let opsLost = 0;

    const refreshLive = (records: Map<string, WireItem>) => {
      live = [...records.values()]
        .filter((r) => r.status.state !== 'Terminated' && r.status.state !== 'Failed' && r.metadata['crash'] !== 'short')
        .map((r) => r.id);
    };

    for (let round = 0; round < ROUNDS; round++) {
      const url = server.url;
      const untilShort = shortFirst - Date.now();
      // The round in which the short-lived sandboxes expire: kill before the first expiry, restart
      // after the last. 15 s ahead, because a round's restart and checks can take seconds.
      const expiryRound = untilShort > 0 && untilShort < 15_000;
      const runMs = expiryRound ? Math.max(200, untilShort - 3000) : 300 + Math.floor(random() * 2200);
      let stop = false;
      const client = async (c: number) => {
        let seq = 0;
        while (!stop) {
          const roll = random();
          const id = pick(live);
          const key = `c${c}`;
          if (roll < 0.12 || !id) {
            if (live.length >= MAX_LIVE && id) {
              const res = await call(url, 'DELETE', `/v1/sandboxes/${id}`);
              if (res.kind === 'answer' && res.status === 204) { model.deletedAck(id); live = live.filter((x) => x !== id); opsAcked++; } else if (res.kind === 'lost') opsLost++;
              continue;
            }
            const metadata = { crash: 'round', owner: `c${c}` };
            // Some join a network group, whose network is made for them and goes with the last of them.
            const group = random() < 0.3 ? { extensions: { 'sandlot.network': 'crash' } } : {};
            const res = await call<CreateSandboxResponse>(url, 'POST', '/v1/sandboxes', createBody({ timeout: 600, metadata, ...group }));
            if (res.kind === 'answer' && res.status === 202) {
              model.created(res.body.id, res.body.expiresAt!, metadata);
              live.push(res.body.id);
              opsAcked++;
            } else if (res.kind === 'lost') opsLost++;
          } else if (roll < 0.2) {
            const res = await call(url, 'DELETE', `/v1/sandboxes/${id}`);
            if (res.kind === 'answer' && res.status === 204) { model.deletedAck(id); live = live.filter((x) => x !== id); opsAcked++; } else if (res.kind === 'lost') opsLost++;
          } else if (roll < 0.4) {
            const at = new Date(Date.now() + 600_000 + Math.floor(random() * 3_000_000)).toISOString();
            const res = await call<RenewResponse>(url, 'POST', `/v1/sandboxes/${id}/renew-expiration`, { expiresAt: at });
            if (res.kind === 'answer' && res.status === 200) { model.renewed(id, res.body.expiresAt); opsAcked++; } else if (res.kind === 'lost') opsLost++;
          } else if (roll < 0.82) {
            const value = random() < 0.2 ? null : `v${round}-${seq++}`;
            model.patchSent(id, key, value);
            const res = await call(url, 'PATCH', `/v1/sandboxes/${id}/metadata`, { [key]: value });
            if (res.kind === 'answer') {
              model.patchAnswered(id, key, value, res.status === 200);
              if (res.status === 200) opsAcked++;
            } else opsLost++;
          } else {
            const res = await call(url, 'POST', `/v1/sandboxes/${id}/${roll < 0.91 ? 'pause' : 'resume'}`);
            if (res.kind === 'answer' && res.status === 202) opsAcked++;
            else if (res.kind === 'lost') opsLost++;
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
      await new Promise((r) => setTimeout(r, runMs));
      // No new requests from here; the ones in flight are cut by the kill.
      stop = true;
      const killedAt = Date.now();
      await stopServe(server, 'SIGKILL');
      await Promise.all(clients);
      // Down for a moment; across the short-lived expiry in the expiry round.
      const downMs = expiryRound ? shortLast + 500 - Date.now() : Math.floor(random() * 400);
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      if (random() < 0.25) port = await freePort();
      const restartedAt = Date.now();
      server = await startServe(home, port);

      const shortDue = [...model.sandboxes.values()].filter((t) => t.shortLived && t.minExpiresMs > killedAt && t.minExpiresMs < restartedAt);
      const upMs = Date.now() - restartedAt;
      const records = await settled(server.url);
      const containers = await containersOfInstance();
      console.log(`crash: round ${round}: ran ${runMs} ms, down ${Math.max(0, downMs)} ms, serving again after ${upMs} ms, ` +
        `settled after ${Date.now() - restartedAt - upMs} ms; ${records.size} records, ${containers.length} containers`);
      for (const t of shortDue) {
        const r = records.get(t.id);
        expect(r?.status, `${t.id} expired while the server was down`).toMatchObject({ state: 'Terminated', reason: 'ttl_expiry' });
        reapedWhileDown++;
      }
      const problems = [...model.check(records), ...checkContainers(records, containers)];
      expect(problems, `round ${round} (seed ${SEED}, ran ${runMs} ms, killed at +${killedAt - t0} ms)`).toEqual([]);
      // A group's network made just before a kill, with its container never made, is removed on
      // restart, and one whose last sandbox went is removed with it (the isolated one may stay).
      const isolated = `sandlot-${instanceOf(home)}`;
      await expect.poll(async () => (await emptyNetworks(home)).filter((n) => n !== isolated), { timeout: 15_000, message: `round ${round}: networks left empty` }).toEqual([]);
      refreshLive(records);
    }

    // Short runs (CRASH_ROUNDS below ~12) never reach the short-lived expiry: one last crash across it.
    if (reapedWhileDown === 0) {
      await stopServe(server, 'SIGKILL');
      await new Promise((r) => setTimeout(r, Math.max(0, shortLast + 500 - Date.now())));
      server = await startServe(home, port);
      const records = await settled(server.url);
      for (const t of model.sandboxes.values()) {
        if (!t.shortLived) continue;
        expect(records.get(t.id)?.status).toMatchObject({ state: 'Terminated', reason: 'ttl_expiry' });
        reapedWhileDown++;
      }
      expect([...model.check(records), ...checkContainers(records, await containersOfInstance())]).toEqual([]);
    }
    console.log(`crash: ${ROUNDS} rounds in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${opsAcked} operations acknowledged, ${opsLost} cut off by a kill; ` +
      `${model.sandboxes.size} sandboxes created; ${reapedWhileDown} reaped after expiring while down`);
    expect(reapedWhileDown).toBe(SHORT_LIVED);
    // Still serves after all that.
    const res = await call<CreateSandboxResponse>(server.url, 'POST', '/v1/sandboxes', createBody({ metadata: { crash: 'after' } }));
    expect(res.kind === 'answer' && res.status).toBe(202);
    await stopServe(server, 'SIGTERM');
    // About 3 minutes on an idle two-core machine; the margin is for a loaded one (restarts take longer).
  }, ROUNDS * 30_000 + 120_000);
});
