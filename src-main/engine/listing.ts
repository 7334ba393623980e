// Listing: state (OR) and metadata (AND) filters, newest first, pages. Pure, so it can be
// measured over many records without Docker.
import type { SandboxRecord, SandboxState } from '../contract/sandbox';
import type { Pagination } from '../contract/schemas';
import { invalid } from './errors';
import { parseMetadataFilter } from './metadata';

export const STATES: readonly SandboxState[] = [
  'Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Terminated', 'Failed',
];
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

export interface ListFilter {
  states: SandboxState[];
  metadata: Array<[string, string]>;
  page: number;
  pageSize: number;
}

export interface ListQueryInput {
  state?: string | string[];
  metadata?: string;
  page?: string;
  pageSize?: string;
}

function parseState(raw: string): SandboxState {
  // Accept any letter case (`running`), answer in the spec's spelling.
  const found = STATES.find((s) => s.toLowerCase() === raw.trim().toLowerCase());
  if (!found) throw invalid('state', `"${raw}" is not a state (one of ${STATES.join(', ')})`);
  return found;
}

function parsePositive(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalid(field, `"${raw}" must be a whole number from 1 to ${max}`);
  return n;
}

export function parseListQuery(q: ListQueryInput): ListFilter {
  const rawStates = q.state === undefined ? [] : Array.isArray(q.state) ? q.state : [q.state];
  return {
    // `state=Running,Paused` is read as two states too, as some scripts send it.
    states: rawStates.flatMap((s) => s.split(',')).filter((s) => s !== '').map(parseState),
    metadata: q.metadata === undefined ? [] : parseMetadataFilter(q.metadata),
    page: parsePositive(q.page, 'page', 1, 1_000_000_000),
    pageSize: parsePositive(q.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function matches(r: SandboxRecord, f: ListFilter): boolean {
  if (f.states.length > 0 && !f.states.includes(r.status.state)) return false;
  for (const [k, v] of f.metadata) if (r.metadata[k] !== v) return false;
  return true;
}

/** `newestFirst` must already be ordered newest first; this keeps that order. */
export function listRecords(
  newestFirst: readonly SandboxRecord[],
  f: ListFilter,
): { items: SandboxRecord[]; pagination: Pagination } {
  const start = (f.page - 1) * f.pageSize;
  const end = start + f.pageSize;
  const items: SandboxRecord[] = [];
  let total = 0;
  for (const r of newestFirst) {
    if (!matches(r, f)) continue;
    if (total >= start && total < end) items.push(r);
    total++;
  }
  const totalPages = Math.ceil(total / f.pageSize);
  return { items, pagination: { page: f.page, pageSize: f.pageSize, totalItems: total, totalPages, hasNextPage: f.page < totalPages } };
}
