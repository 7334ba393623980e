import { describe, expect, it } from 'vitest';
import { countByState, filterSandboxes, NO_FILTERS, parseTagFilter, tagStats, type Filters } from '../../../src-renderer/lib/filter';
import { sortSandboxes } from '../../../src-renderer/lib/sort';
import { record } from './fixtures';

const all = [
  record('id-aaa', { state: 'Running', image: 'python:3.12-slim', metadata: { name: 'Data Pipeline', team: 'ml', env: 'dev' }, createdAt: '2030-01-01T00:00:03Z', expiresAt: '2030-01-01T02:00:00Z' }),
  record('id-bbb', { state: 'Paused', image: 'node:22', metadata: { name: 'web preview', team: 'web', env: 'dev' }, createdAt: '2030-01-01T00:00:01Z', expiresAt: '2030-01-01T00:30:00Z' }),
  record('id-ccc', { state: 'Terminated', image: 'python:3.11', metadata: { team: 'ml' }, createdAt: '2030-01-01T00:00:02Z', expiresAt: null }),
  record('id-ddd', { state: 'Failed', image: 'busybox', metadata: { name: 'broken', team: 'ml', env: 'prod' }, createdAt: '2030-01-01T00:00:04Z', expiresAt: '2030-01-01T01:00:00Z' }),
];
const ids = (rs: ReadonlyArray<{ id: string }>) => rs.map((r) => r.id);
const f = (over: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...over });

describe('filterSandboxes', () => {
  it('keeps everything with no filters', () => {
    expect(ids(filterSandboxes(all, NO_FILTERS))).toEqual(['id-aaa', 'id-bbb', 'id-ccc', 'id-ddd']);
  });

  it('ORs states', () => {
    expect(ids(filterSandboxes(all, f({ states: ['Running'] })))).toEqual(['id-aaa']);
    expect(ids(filterSandboxes(all, f({ states: ['Paused', 'Failed'] })))).toEqual(['id-bbb', 'id-ddd']);
  });

  it('ANDs tags, with exact values', () => {
    expect(ids(filterSandboxes(all, f({ tags: [{ key: 'team', value: 'ml' }] })))).toEqual(['id-aaa', 'id-ccc', 'id-ddd']);
    expect(ids(filterSandboxes(all, f({ tags: [{ key: 'team', value: 'ml' }, { key: 'env', value: 'dev' }] })))).toEqual(['id-aaa']);
    expect(ids(filterSandboxes(all, f({ tags: [{ key: 'team', value: 'm' }] })))).toEqual([]);
  });

  it('matches free text over name, id and image, case-insensitively, every word', () => {
    expect(ids(filterSandboxes(all, f({ text: 'pipeline' })))).toEqual(['id-aaa']);
    expect(ids(filterSandboxes(all, f({ text: 'ID-CCC' })))).toEqual(['id-ccc']);
    expect(ids(filterSandboxes(all, f({ text: 'python' })))).toEqual(['id-aaa', 'id-ccc']);
    expect(ids(filterSandboxes(all, f({ text: '  python   3.11 ' })))).toEqual(['id-ccc']);
    expect(ids(filterSandboxes(all, f({ text: 'ml' })))).toEqual([]);
  });

  it('combines state, tags and text', () => {
    expect(ids(filterSandboxes(all, f({ states: ['Running', 'Failed'], tags: [{ key: 'team', value: 'ml' }], text: 'broken' })))).toEqual(['id-ddd']);
  });

  it('parses key=value tag filters', () => {
    expect(parseTagFilter(' team = ml ')).toEqual({ key: 'team', value: 'ml' });
    expect(parseTagFilter('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseTagFilter('empty=')).toEqual({ key: 'empty', value: '' });
    expect(parseTagFilter('=x')).toBeNull();
    expect(parseTagFilter('novalue')).toBeNull();
  });

  it('counts states and tags (name excluded), most common first', () => {
    expect(countByState(all)).toMatchObject({ Running: 1, Paused: 1, Terminated: 1, Failed: 1, Pending: 0 });
    const stats = tagStats(all);
    expect(stats[0]).toEqual({ key: 'team', value: 'ml', count: 3 });
    expect(stats.some((t) => t.key === 'name')).toBe(false);
  });
});

describe('sortSandboxes', () => {
  it('sorts by creation, newest first by default', () => {
    expect(ids(sortSandboxes(all, { key: 'created', dir: 'desc' }))).toEqual(['id-ddd', 'id-aaa', 'id-ccc', 'id-bbb']);
    expect(ids(sortSandboxes(all, { key: 'created', dir: 'asc' }))).toEqual(['id-bbb', 'id-ccc', 'id-aaa', 'id-ddd']);
  });

  it('sorts by name (the id when unnamed), case-insensitively', () => {
    expect(ids(sortSandboxes(all, { key: 'name', dir: 'asc' }))).toEqual(['id-ddd', 'id-aaa', 'id-ccc', 'id-bbb']);
    expect(ids(sortSandboxes(all, { key: 'name', dir: 'desc' }))).toEqual(['id-bbb', 'id-ccc', 'id-aaa', 'id-ddd']);
  });

  it('sorts by expiry, soonest first, no expiry last', () => {
    expect(ids(sortSandboxes(all, { key: 'expiry', dir: 'asc' }))).toEqual(['id-bbb', 'id-ddd', 'id-aaa', 'id-ccc']);
    expect(ids(sortSandboxes(all, { key: 'expiry', dir: 'desc' }))).toEqual(['id-ccc', 'id-aaa', 'id-ddd', 'id-bbb']);
  });

  it('sorts by state, live first, ties newest first', () => {
    const more = [...all, record('id-eee', { state: 'Running', createdAt: '2030-01-01T00:00:09Z' })];
    expect(ids(sortSandboxes(more, { key: 'state', dir: 'asc' }))).toEqual(['id-eee', 'id-aaa', 'id-bbb', 'id-ddd', 'id-ccc']);
  });

  it('does not change its input', () => {
    const copy = [...all];
    sortSandboxes(all, { key: 'name', dir: 'asc' });
    expect(all).toEqual(copy);
  });
});
