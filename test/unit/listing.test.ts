import { describe, expect, it } from 'vitest';
import type { SandboxRecord, SandboxState } from '../../src-main/contract/sandbox';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  STATES,
  listRecords,
  parseListQuery,
  type ListFilter,
} from '../../src-main/engine/listing';
import { engineError, record } from './support';

const filter = (f: Partial<ListFilter> = {}): ListFilter => ({ states: [], metadata: [], page: 1, pageSize: 20, ...f });

/** n records, newest first: id r{n-1} is newest. */
function newestFirst(n: number, pick: (i: number) => Partial<{ state: SandboxState; metadata: Record<string, string> }> = () => ({})): SandboxRecord[] {
  const out: SandboxRecord[] = [];
  for (let i = n - 1; i >= 0; i--) {
    out.push(record({ id: `r${i}`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), ...pick(i) }));
  }
  return out;
}

const ids = (rs: readonly SandboxRecord[]): string[] => rs.map((r) => r.id);

describe('parseListQuery', () => {
  it('has defaults: no filters, page 1, page size 20', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(parseListQuery({})).toEqual({ states: [], metadata: [], page: 1, pageSize: 20 });
  });

  it('lists the eight spec states', () => {
    expect([...STATES]).toEqual(['Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Terminated', 'Failed']);
  });

  it('accepts a single state', () => {
    expect(parseListQuery({ state: 'Running' }).states).toEqual(['Running']);
  });

  it('accepts repeated state parameters (OR)', () => {
    expect(parseListQuery({ state: ['Running', 'Paused'] }).states).toEqual(['Running', 'Paused']);
  });

  it('answers in the spec spelling whatever the letter case', () => {
    expect(parseListQuery({ state: ['running', 'PAUSED', 'tErMiNaTeD'] }).states).toEqual(['Running', 'Paused', 'Terminated']);
  });

  it('reads comma lists as several states, ignoring empty items and spaces', () => {
    expect(parseListQuery({ state: 'Running,Paused' }).states).toEqual(['Running', 'Paused']);
    expect(parseListQuery({ state: ['pending, failed', 'Stopping,'] }).states).toEqual(['Pending', 'Failed', 'Stopping']);
  });

  it.each([['Bogus'], ['Run'], [['Running', 'Deleted']], ['Running,Nope']])('refuses unknown state %j naming "state"', (state) => {
    const err = engineError(() => parseListQuery({ state }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('state');
    expect(err.message).toContain('Running');
  });

  it('parses the metadata filter', () => {
    expect(parseListQuery({ metadata: 'project=Apollo&tier=gold' }).metadata).toEqual([
      ['project', 'Apollo'],
      ['tier', 'gold'],
    ]);
  });

  it('refuses a malformed metadata filter naming "metadata"', () => {
    expect(engineError(() => parseListQuery({ metadata: 'nokey' })).field).toBe('metadata');
  });

  it('accepts page sizes 1 and 200', () => {
    expect(MAX_PAGE_SIZE).toBe(200);
    expect(parseListQuery({ pageSize: '1' }).pageSize).toBe(1);
    expect(parseListQuery({ pageSize: '200' }).pageSize).toBe(200);
    expect(parseListQuery({ page: '7', pageSize: '50' })).toMatchObject({ page: 7, pageSize: 50 });
  });

  it.each(['0', '201', '-1', '1.5', 'abc', '', '1000'])('refuses pageSize %j naming "pageSize"', (pageSize) => {
    const err = engineError(() => parseListQuery({ pageSize }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('pageSize');
    expect(err.message).toContain('1 to 200');
  });

  it.each(['0', '-3', '2.5', 'x', ''])('refuses page %j naming "page"', (page) => {
    const err = engineError(() => parseListQuery({ page }));
    expect(err.field).toBe('page');
  });
});

describe('parseListQuery: only plain decimal digits', () => {
  it.each(['1e2', '0x10', '1e1', '0b11', '0o7', ' 5', '5 ', '+5', '5.0'])('refuses pageSize %j naming "pageSize"', (pageSize) => {
    const err = engineError(() => parseListQuery({ pageSize }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('pageSize');
  });

  it.each(['0x10', '1e2', '0b11', ' 5', '+5', '5.0'])('refuses page %j naming "page"', (page) => {
    const err = engineError(() => parseListQuery({ page }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('page');
  });

  it('still accepts leading zeros as decimal', () => {
    expect(parseListQuery({ page: '010', pageSize: '020' })).toMatchObject({ page: 10, pageSize: 20 });
  });
});

describe('listRecords', () => {
  it('keeps the given newest-first order', () => {
    const all = newestFirst(5);
    expect(ids(listRecords(all, filter()).items)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
  });

  it('paginates with totals and hasNextPage', () => {
    const all = newestFirst(45);
    const p1 = listRecords(all, filter({ page: 1, pageSize: 20 }));
    expect(ids(p1.items)).toEqual(Array.from({ length: 20 }, (_, i) => `r${44 - i}`));
    expect(p1.pagination).toEqual({ page: 1, pageSize: 20, totalItems: 45, totalPages: 3, hasNextPage: true });

    const p2 = listRecords(all, filter({ page: 2, pageSize: 20 }));
    expect(p2.items[0]?.id).toBe('r24');
    expect(p2.items).toHaveLength(20);
    expect(p2.pagination.hasNextPage).toBe(true);

    const p3 = listRecords(all, filter({ page: 3, pageSize: 20 }));
    expect(ids(p3.items)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(p3.pagination).toEqual({ page: 3, pageSize: 20, totalItems: 45, totalPages: 3, hasNextPage: false });
  });

  it('answers an empty page past the end, with the real totals', () => {
    const res = listRecords(newestFirst(3), filter({ page: 5, pageSize: 2 }));
    expect(res.items).toEqual([]);
    expect(res.pagination).toEqual({ page: 5, pageSize: 2, totalItems: 3, totalPages: 2, hasNextPage: false });
  });

  it('answers zero pages for no records', () => {
    expect(listRecords([], filter()).pagination).toEqual({ page: 1, pageSize: 20, totalItems: 0, totalPages: 0, hasNextPage: false });
  });

  it('has no next page when the items fill the last page exactly', () => {
    const res = listRecords(newestFirst(40), filter({ page: 2, pageSize: 20 }));
    expect(res.items).toHaveLength(20);
    expect(res.pagination).toMatchObject({ totalItems: 40, totalPages: 2, hasNextPage: false });
  });

  it('filters by state with OR, counting only matches', () => {
    const states: SandboxState[] = ['Running', 'Paused', 'Terminated', 'Failed'];
    const all = newestFirst(12, (i) => ({ state: states[i % 4] }));
    const res = listRecords(all, filter({ states: ['Running', 'Paused'] }));
    expect(res.items.every((r) => r.status.state === 'Running' || r.status.state === 'Paused')).toBe(true);
    expect(ids(res.items)).toEqual(['r9', 'r8', 'r5', 'r4', 'r1', 'r0']);
    expect(res.pagination.totalItems).toBe(6);
  });

  it('filters by metadata with AND', () => {
    const all = [
      record({ id: 'both', metadata: { project: 'apollo', tier: 'gold' } }),
      record({ id: 'project-only', metadata: { project: 'apollo' } }),
      record({ id: 'tier-only', metadata: { tier: 'gold' } }),
      record({ id: 'wrong-value', metadata: { project: 'apollo', tier: 'silver' } }),
      record({ id: 'none' }),
    ];
    const res = listRecords(all, filter({ metadata: [['project', 'apollo'], ['tier', 'gold']] }));
    expect(ids(res.items)).toEqual(['both']);
    expect(res.pagination.totalItems).toBe(1);
    expect(ids(listRecords(all, filter({ metadata: [['project', 'apollo']] })).items)).toEqual(['both', 'project-only', 'wrong-value']);
  });

  it('matches an empty metadata value only against a present empty value', () => {
    const all = [record({ id: 'empty', metadata: { flag: '' } }), record({ id: 'absent' })];
    expect(ids(listRecords(all, filter({ metadata: [['flag', '']] })).items)).toEqual(['empty']);
  });

  it('combines state and metadata filters with pagination', () => {
    const all = newestFirst(30, (i) => ({ state: i % 2 === 0 ? 'Running' : 'Paused', metadata: { team: i < 20 ? 'a' : 'b' } }));
    const res = listRecords(all, filter({ states: ['Running'], metadata: [['team', 'a']], page: 2, pageSize: 4 }));
    // Running + team a: r18, r16, r14, r12 | r10, r8, r6, r4 | r2, r0
    expect(ids(res.items)).toEqual(['r10', 'r8', 'r6', 'r4']);
    expect(res.pagination).toEqual({ page: 2, pageSize: 4, totalItems: 10, totalPages: 3, hasNextPage: true });
  });

  it('works end to end from a parsed query', () => {
    const all = newestFirst(6, (i) => ({ state: i < 3 ? 'Running' : 'Terminated', metadata: { n: String(i) } }));
    const res = listRecords(all, parseListQuery({ state: 'running', pageSize: '2', page: '2' }));
    expect(ids(res.items)).toEqual(['r0']);
    expect(res.pagination).toEqual({ page: 2, pageSize: 2, totalItems: 3, totalPages: 2, hasNextPage: false });
  });
});
