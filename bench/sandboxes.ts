// Sandbox operations through the /v1 API, as a client sees them: create and wait for Running,
// delete and wait until it is gone.
import type { CreateSandboxRequest, CreateSandboxResponse, WireSandbox } from '../src-main/contract/schemas';
import { type ApiClient, sleep } from './apiClient';

const WAIT_TIMEOUT_MS = 60_000;

export interface Started {
  id: string;
  /** Client's view: from sending POST to the first GET that answers Running, in ms. */
  clientMs: number;
  /** Server's view: createdAt to the Running transition (millisecond timestamps), in ms. */
  serverMs: number;
}

export async function createAndWait(api: ApiClient, body: CreateSandboxRequest, pollMs: number): Promise<Started> {
  const t0 = performance.now();
  const created = await api.json<CreateSandboxResponse>('POST', '/v1/sandboxes', 202, body);
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  for (;;) {
    const s = await api.json<WireSandbox>('GET', `/v1/sandboxes/${created.id}`, 200);
    const state = s.status.state;
    if (state === 'Running') {
      const clientMs = performance.now() - t0;
      const ran = Date.parse(s.status.lastTransitionAt ?? s.createdAt);
      return { id: s.id, clientMs, serverMs: ran - Date.parse(s.createdAt) };
    }
    if (state !== 'Pending') throw new Error(`sandbox ${s.id} went ${state} instead of Running: ${s.status.message ?? ''}`);
    if (Date.now() > deadline) throw new Error(`sandbox ${s.id} was not Running after ${WAIT_TIMEOUT_MS / 1000} s`);
    await sleep(pollMs);
  }
}

/** Deletes and waits until the container is removed (Terminated, or already purged). */
export async function deleteAndWait(api: ApiClient, id: string): Promise<void> {
  const del = await api.request('DELETE', `/v1/sandboxes/${id}`);
  if (del.status !== 204 && del.status !== 404) throw new Error(`DELETE ${id}: ${del.status} ${del.text}`);
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  for (;;) {
    const res = await api.request('GET', `/v1/sandboxes/${id}`);
    if (res.status === 404) return;
    const s = JSON.parse(res.text) as WireSandbox;
    if (s.status.state === 'Terminated') return;
    if (s.status.state === 'Failed') throw new Error(`sandbox ${id} failed while being deleted: ${s.status.message ?? ''}`);
    if (Date.now() > deadline) throw new Error(`sandbox ${id} was not removed after ${WAIT_TIMEOUT_MS / 1000} s`);
    await sleep(20);
  }
}
