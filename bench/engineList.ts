// 3. The engine's list over 10,000 in-memory records, without HTTP or Docker: the pure
// listRecords(parseListQuery(...)), and the same behind RecordStore.all() as engine.list does.
import os from 'node:os';
import type { SandboxRecord, SandboxState } from '../src-main/contract/sandbox';
import { listRecords, parseListQuery, type ListQueryInput } from '../src-main/engine/listing';
import { RecordStore } from '../src-main/store/records';
import { CONFIG } from './config';
import { summarize, type Summary } from './stats';

export const ENGINE_QUERY: ListQueryInput = { state: 'Running', metadata: 'team=t3&env=prod', pageSize: '50' };

/** State mix of a busy laptop: mostly Running, some Paused, a tail of finished ones. */
const STATE_WEIGHTS: Array<[SandboxState, number]> = [
  ['Running', 60], ['Paused', 10], ['Pending', 5], ['Stopping', 2], ['Terminated', 15], ['Failed', 8],
];
const ENVS = ['prod', 'staging', 'dev'] as const;

/** mulberry32: a small seeded generator, so every run lists the same records. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickState(r: number): SandboxState {
  const total = STATE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [state, w] of STATE_WEIGHTS) {
    if (x < w) return state;
    x -= w;
  }
  return 'Running';
}

/** Newest first, as the store hands them to listRecords. */
export function buildRecords(n: number): SandboxRecord[] {
  const rnd = random(42);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const records: SandboxRecord[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const createdAt = new Date(start + i * 1000).toISOString();
    const state = pickState(rnd());
    const final = state === 'Terminated' || state === 'Failed';
    const metadata: Record<string, string> = {
      name: `sandbox ${i}`,
      team: `t${Math.floor(rnd() * 10)}`,
      env: ENVS[Math.floor(rnd() * ENVS.length)] ?? 'dev',
    };
    if (rnd() < 0.3) metadata['owner'] = `user${Math.floor(rnd() * 50)}`;
    records.push({
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      containerId: final ? null : i.toString(16).padStart(64, '0'),
      image: 'sandlot-test/busybox:1',
      entrypoint: ['sleep', '3600'],
      metadata,
      resourceLimits: { cpu: '500m', memory: '128Mi' },
      platform: null,
      volumes: [],
      ports: final ? {} : { '8000': 30000 + (i % 30000) },
      status: { state, reason: 'bench', message: '', lastTransitionAt: createdAt },
      createdAt,
      expiresAt: new Date(start + i * 1000 + 3600_000).toISOString(),
      finishedAt: final ? createdAt : null,
    });
  }
  return records;
}

export interface EngineListResult {
  records: number;
  runs: number;
  query: ListQueryInput;
  totalItems: number;
  pageItems: number;
  /** listRecords(parseListQuery(q)) over the ready array. */
  list: Summary;
  /** store.all() + listRecords(parseListQuery(q)), what engine.list does besides the Docker check. */
  storeAndList: Summary;
}

function time(runs: number, warmup: number, fn: () => void): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function benchEngineList(): EngineListResult {
  const records = buildRecords(CONFIG.engineRecords);
  const first = listRecords(records, parseListQuery(ENGINE_QUERY));
  // Staged only, never flushed: the store's file is not written.
  const store = new RecordStore(os.tmpdir());
  for (const r of records) store.stage(r);
  let sink = 0;
  const list = time(CONFIG.engineRuns, CONFIG.engineWarmupRuns, () => {
    sink += listRecords(records, parseListQuery(ENGINE_QUERY)).items.length;
  });
  const storeAndList = time(CONFIG.engineRuns, CONFIG.engineWarmupRuns, () => {
    sink += listRecords(store.all(), parseListQuery(ENGINE_QUERY)).items.length;
  });
  if (sink === 0 && first.items.length > 0) throw new Error('unreachable');
  return {
    records: records.length,
    runs: CONFIG.engineRuns,
    query: ENGINE_QUERY,
    totalItems: first.pagination.totalItems,
    pageItems: first.items.length,
    list: summarize(list),
    storeAndList: summarize(storeAndList),
  };
}
