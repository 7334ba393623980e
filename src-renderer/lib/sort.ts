// List order: created (newest first by default), name, expiry (soonest first), state.
import type { SandboxRecord, SandboxState } from '../../src-main/contract/sandbox';
import { displayName } from './sandboxes';

export type SortKey = 'created' | 'name' | 'expiry' | 'state';
export type SortDir = 'asc' | 'desc';

export interface Sort {
  key: SortKey;
  dir: SortDir;
}

export const SORT_LABELS: Record<SortKey, string> = {
  created: 'Created',
  name: 'Name',
  expiry: 'Expiry',
  state: 'State',
};

/** The natural direction of each key, used when the user picks it. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = { created: 'desc', name: 'asc', expiry: 'asc', state: 'asc' };

export const DEFAULT_SORT: Sort = { key: 'created', dir: 'desc' };

/** Live states first, in lifecycle order; final states last. */
const STATE_RANK: Record<SandboxState, number> = {
  Running: 0, Pending: 1, Resuming: 2, Pausing: 3, Paused: 4, Stopping: 5, Failed: 6, Terminated: 7,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function time(iso: string | null): number {
  if (iso === null) return Number.POSITIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function compareBy(key: SortKey): (a: SandboxRecord, b: SandboxRecord) => number {
  switch (key) {
    case 'created':
      return (a, b) => time(a.createdAt) - time(b.createdAt);
    case 'name':
      return (a, b) => collator.compare(displayName(a), displayName(b));
    case 'expiry':
      return (a, b) => {
        const ta = time(a.expiresAt);
        const tb = time(b.expiresAt);
        return ta === tb ? 0 : ta < tb ? -1 : 1;
      };
    case 'state':
      return (a, b) => STATE_RANK[a.status.state] - STATE_RANK[b.status.state];
  }
}

/** A new sorted array; ties fall back to newest first, then id, so the order is stable. */
export function sortSandboxes(records: readonly SandboxRecord[], sort: Sort): SandboxRecord[] {
  const primary = compareBy(sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    const c = primary(a, b) * sign;
    if (c !== 0) return c;
    const created = time(b.createdAt) - time(a.createdAt);
    return created !== 0 ? created : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
