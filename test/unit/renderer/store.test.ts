import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../src-main/contract/sandbox';
import { createSandlotStore } from '../../../src-renderer/store';
import { reduceEvents, reduceSnapshot } from '../../../src-renderer/store/sandboxes';
import { record } from './fixtures';

const connected: EngineStatus = { docker: 'connected', detail: '27.0.1', endpoint: 'unix:///var/run/docker.sock', since: '2030-01-01T00:00:00.000Z' };
const unreachable: EngineStatus = { ...connected, docker: 'unreachable', detail: 'connect ENOENT' };

describe('reduceEvents', () => {
  const empty = { sandboxes: {}, engine: null, loaded: true };

  it('upserts full sandbox objects, replacing the old one', () => {
    const a = record('a', { state: 'Pending' });
    const s1 = reduceEvents(empty, [{ type: 'sandbox', sandbox: a }]);
    expect(s1.sandboxes['a']).toBe(a);
    const a2 = record('a', { state: 'Running', metadata: { name: 'x' } });
    const s2 = reduceEvents(s1, [{ type: 'sandbox', sandbox: a2 }]);
    expect(s2.sandboxes['a']).toBe(a2);
    expect(Object.keys(s2.sandboxes)).toEqual(['a']);
  });

  it('removes on "removed" and ignores unknown ids without a new state', () => {
    const s1 = reduceEvents(empty, [{ type: 'sandbox', sandbox: record('a') }, { type: 'sandbox', sandbox: record('b') }]);
    const s2 = reduceEvents(s1, [{ type: 'removed', id: 'a' }]);
    expect(Object.keys(s2.sandboxes)).toEqual(['b']);
    expect(reduceEvents(s2, [{ type: 'removed', id: 'nope' }])).toBe(s2);
  });

  it('applies a batch in order, with one new map', () => {
    const s = reduceEvents(empty, [
      { type: 'sandbox', sandbox: record('a', { state: 'Pending' }) },
      { type: 'sandbox', sandbox: record('a', { state: 'Running' }) },
      { type: 'removed', id: 'a' },
      { type: 'sandbox', sandbox: record('b', { state: 'Paused' }) },
    ]);
    expect(Object.keys(s.sandboxes)).toEqual(['b']);
    expect(s.sandboxes['b']?.status.state).toBe('Paused');
  });

  it('keeps the other records by identity (rows of untouched sandboxes do not re-render)', () => {
    const b = record('b');
    const s1 = reduceEvents(empty, [{ type: 'sandbox', sandbox: record('a') }, { type: 'sandbox', sandbox: b }]);
    const s2 = reduceEvents(s1, [{ type: 'sandbox', sandbox: record('a', { state: 'Paused' }) }]);
    expect(s2.sandboxes['b']).toBe(b);
    expect(s2.sandboxes).not.toBe(s1.sandboxes);
  });

  it('takes the engine status from "engine" events', () => {
    const s1 = reduceEvents(empty, [{ type: 'engine', status: unreachable }]);
    expect(s1.engine?.docker).toBe('unreachable');
    expect(s1.sandboxes).toBe(empty.sandboxes);
    const s2 = reduceEvents(s1, [{ type: 'engine', status: connected }]);
    expect(s2.engine).toBe(connected);
  });

  it('builds state from a snapshot', () => {
    const s = reduceSnapshot({ sandboxes: [record('a'), record('b')], engine: connected });
    expect(Object.keys(s.sandboxes).sort()).toEqual(['a', 'b']);
    expect(s.loaded).toBe(true);
    expect(s.engine).toBe(connected);
  });
});

describe('the store', () => {
  it('applies events and clears a selection whose sandbox was removed', () => {
    const store = createSandlotStore();
    const s = store.getState;
    s().applySnapshot({ sandboxes: [record('a'), record('b')], engine: connected });
    s().select('a');
    s().askDelete('a');
    s().applyEvents([{ type: 'sandbox', sandbox: record('b', { state: 'Terminated' }) }]);
    expect(s().selectedId).toBe('a');
    expect(s().sandboxes['b']?.status.state).toBe('Terminated');
    s().applyEvents([{ type: 'removed', id: 'a' }]);
    expect(s().selectedId).toBeNull();
    expect(s().deleteId).toBeNull();
    expect(Object.keys(s().sandboxes)).toEqual(['b']);
  });

  it('a resync snapshot replaces everything (missed removals included)', () => {
    const store = createSandlotStore();
    const s = store.getState;
    s().applyEvents([{ type: 'sandbox', sandbox: record('old') }]);
    s().select('old');
    s().applySnapshot({ sandboxes: [record('new')], engine: unreachable });
    expect(Object.keys(s().sandboxes)).toEqual(['new']);
    expect(s().selectedId).toBeNull();
    expect(s().engine?.docker).toBe('unreachable');
  });

  it('does not notify subscribers for events that change nothing', () => {
    const store = createSandlotStore();
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.getState().applyEvents([{ type: 'removed', id: 'ghost' }]);
    expect(calls).toBe(0);
  });

  it('ticks one shared clock', () => {
    const store = createSandlotStore();
    store.getState().tick(123_000);
    expect(store.getState().now).toBe(123_000);
  });

  it('toggles state (OR) and tag (AND) filters', () => {
    const store = createSandlotStore();
    const s = store.getState;
    s().toggleState('Running');
    s().toggleState('Paused');
    s().toggleState('Running');
    expect(s().filters.states).toEqual(['Paused']);
    s().toggleTag({ key: 'team', value: 'ml' });
    s().toggleTag({ key: 'env', value: 'dev' });
    s().toggleTag({ key: 'team', value: 'ml' });
    expect(s().filters.tags).toEqual([{ key: 'env', value: 'dev' }]);
    s().setSortKey('name');
    expect(s().sort).toEqual({ key: 'name', dir: 'asc' });
    s().clearFilters();
    expect(s().filters).toEqual({ states: [], tags: [], text: '' });
  });
});
