// What the crash rounds' clients were told (2xx answers) and what they sent without an answer,
// and the checks of a restarted server against it. One Model per crash test; ids are sandboxes.
import type { WireSandbox } from '../../src-main/contract/schemas';

/** Seeded PRNG (mulberry32), so a failing run can be replayed with CRASH_SEED. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the checks read of a listed sandbox. */
export type WireItem = Pick<WireSandbox, 'id' | 'status' | 'metadata' | 'expiresAt'>;

/** One client's key on one sandbox: the value last acknowledged, and values sent but never answered. */
interface KeyWatch {
  acked: string | null;
  unknown: Array<string | null>;
}

export interface Tracked {
  id: string;
  /** Acknowledged expiry floor (create's expiresAt, then every 200 renew), ms. */
  minExpiresMs: number;
  /** The metadata the create was acknowledged with; keys no client ever patches. */
  createMetadata: Record<string, string>;
  deleted: boolean;
  /** Short-lived (timeout 60): only touched by expiry. */
  shortLived: boolean;
  keys: Map<string, KeyWatch>;
}

export class Model {
  readonly sandboxes = new Map<string, Tracked>();

  created(id: string, expiresAt: string, metadata: Record<string, string>, shortLived = false): void {
    this.sandboxes.set(id, { id, minExpiresMs: Date.parse(expiresAt), createMetadata: metadata, deleted: false, shortLived, keys: new Map() });
  }

  renewed(id: string, expiresAt: string): void {
    const t = this.sandboxes.get(id);
    if (t) t.minExpiresMs = Math.max(t.minExpiresMs, Date.parse(expiresAt));
  }

  patchSent(id: string, key: string, value: string | null): void {
    const w = this.watch(id, key);
    w?.unknown.push(value);
  }

  /** The patch got an answer: 2xx makes it the acknowledged value, anything else means not applied. */
  patchAnswered(id: string, key: string, value: string | null, ok: boolean): void {
    const w = this.watch(id, key);
    if (!w) return;
    const i = w.unknown.lastIndexOf(value);
    if (i >= 0) w.unknown.splice(i, 1);
    if (ok) {
      w.acked = value;
      // A client's patches are sequential: anything it sent earlier and never heard about was
      // overtaken by this acknowledged one.
      w.unknown = [];
    }
  }

  deletedAck(id: string): void {
    const t = this.sandboxes.get(id);
    if (t) t.deleted = true;
  }

  private watch(id: string, key: string): KeyWatch | undefined {
    const t = this.sandboxes.get(id);
    if (!t) return undefined;
    let w = t.keys.get(key);
    if (!w) t.keys.set(key, (w = { acked: null, unknown: [] }));
    return w;
  }

  /**
   * Checks every acknowledged operation against the restarted server's records; returns the
   * problems in plain words. Then takes what was seen as the new baseline for unknown outcomes.
   */
  check(records: Map<string, WireItem>): string[] {
    const problems: string[] = [];
    for (const t of this.sandboxes.values()) {
      const r = records.get(t.id);
      if (!r) {
        problems.push(`${t.id}: acknowledged create, but the restarted server does not have it`);
        continue;
      }
      const state = r.status.state;
      if (t.deleted && state !== 'Terminated') problems.push(`${t.id}: acknowledged delete, but it is ${state} (${r.status.reason}: ${r.status.message})`);
      const exp = r.expiresAt ? Date.parse(r.expiresAt) : NaN;
      if (!(exp >= t.minExpiresMs)) {
        problems.push(`${t.id}: acknowledged expiry ${new Date(t.minExpiresMs).toISOString()}, but it has ${r.expiresAt ?? 'none'}`);
      }
      for (const [k, v] of Object.entries(t.createMetadata)) {
        if (r.metadata[k] !== v) problems.push(`${t.id}: created with ${k}=${v}, but it has ${k}=${r.metadata[k] ?? '(absent)'}`);
      }
      for (const [k, w] of t.keys) {
        const seen = r.metadata[k] ?? null;
        const allowed = [w.acked, ...w.unknown];
        if (!allowed.includes(seen)) {
          problems.push(`${t.id}: key ${k} is ${seen ?? '(absent)'}; acknowledged ${w.acked ?? '(absent)'}${w.unknown.length ? `, unanswered ${JSON.stringify(w.unknown)}` : ''}`);
        }
        w.acked = seen;
        w.unknown = [];
      }
      if (Number.isFinite(exp)) t.minExpiresMs = Math.max(t.minExpiresMs, exp);
      if (state === 'Terminated') t.deleted = t.deleted || r.status.reason === 'user_delete';
    }
    return problems;
  }
}

export interface ContainerView {
  sandboxId: string;
  state: string;
}

/** Failed reasons after which nothing of the sandbox may be left in Docker. */
const NOTHING_LEFT = new Set(['provisioning_interrupted', 'container_removed', 'runtime_error', 'docker_unreachable', 'image_pull_failed']);

/**
 * Docker against the records: every container of the instance belongs to a record that expects
 * it, and every record that needs a container has exactly one in the matching state.
 */
export function checkContainers(records: Map<string, WireItem>, containers: readonly ContainerView[]): string[] {
  const problems: string[] = [];
  const bySandbox = new Map<string, ContainerView[]>();
  for (const c of containers) {
    const list = bySandbox.get(c.sandboxId) ?? [];
    list.push(c);
    bySandbox.set(c.sandboxId, list);
  }
  for (const [sid, list] of bySandbox) {
    const r = records.get(sid);
    if (!r) problems.push(`orphan: ${list.length} container(s) (${list.map((c) => c.state).join(', ')}) for ${sid}, which has no record`);
    else if (list.length > 1) problems.push(`${sid}: ${list.length} containers`);
  }
  for (const r of records.values()) {
    const mine = bySandbox.get(r.id) ?? [];
    const c = mine[0];
    const state = r.status.state;
    const want = state === 'Running' ? 'running' : state === 'Paused' ? 'paused' : null;
    if (want) {
      if (!c) problems.push(`${r.id}: ${state} but has no container (points at nothing)`);
      else if (c.state !== want) problems.push(`${r.id}: ${state} but its container is ${c.state}`);
    } else if (state === 'Terminated' && c) {
      problems.push(`${r.id}: Terminated but its container is still there (${c.state})`);
    } else if (state === 'Failed' && c && (NOTHING_LEFT.has(r.status.reason ?? '') || c.state === 'running' || c.state === 'paused')) {
      problems.push(`${r.id}: Failed (${r.status.reason}) but its container is left ${c.state}`);
    }
  }
  return problems;
}
