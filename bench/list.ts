// 2. GET /v1/sandboxes with a state and a metadata filter against the live fleet, one
// keep-alive connection, requests one after another.
import type { ListSandboxesResponse } from '../src-main/contract/schemas';
import type { ApiClient } from './apiClient';
import { CONFIG } from './config';
import { groupOf } from './fleet';
import { summarize, type Summary } from './stats';

export interface ListResult {
  sandboxes: number;
  requests: number;
  warmup: number;
  pageSize: number;
  exampleQuery: string;
  latency: Summary;
  /** Items on each page (a full page unless the fleet is smaller). */
  pageItems: number;
  /** Size of one response body, in bytes. */
  responseBytes: number;
}

function listPath(group: string): string {
  const metadata = encodeURIComponent(`bench=list&group=${group}`);
  return `/v1/sandboxes?state=Running&metadata=${metadata}&pageSize=${CONFIG.listPageSize}`;
}

function pageItems(): number {
  return Math.min(CONFIG.listPageSize, Math.ceil(CONFIG.fleetSize / CONFIG.fleetGroups));
}

function check(text: string, group: string): void {
  const body = JSON.parse(text) as ListSandboxesResponse;
  const expected = pageItems();
  if (body.items.length !== expected) throw new Error(`list for ${group} returned ${body.items.length} items, expected ${expected}`);
  for (const s of body.items) {
    if (s.status.state !== 'Running' || s.metadata['group'] !== group) throw new Error(`list for ${group} returned ${s.id} (${s.status.state}, ${JSON.stringify(s.metadata)})`);
  }
}

export async function benchList(api: ApiClient): Promise<ListResult> {
  const samples: number[] = [];
  let bytes = 0;
  const total = CONFIG.listWarmupRequests + CONFIG.listRequests;
  for (let i = 0; i < total; i++) {
    // Rotate over the groups: every request matches a full page out of the whole fleet.
    const group = groupOf(i);
    const t0 = performance.now();
    const res = await api.request('GET', listPath(group));
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`list: ${res.status} ${res.text.slice(0, 300)}`);
    check(res.text, group);
    if (i >= CONFIG.listWarmupRequests) samples.push(ms);
    bytes = res.bytes;
  }
  return {
    sandboxes: CONFIG.fleetSize,
    requests: CONFIG.listRequests,
    warmup: CONFIG.listWarmupRequests,
    pageSize: CONFIG.listPageSize,
    pageItems: pageItems(),
    exampleQuery: listPath(groupOf(1)),
    latency: summarize(samples),
    responseBytes: bytes,
  };
}
