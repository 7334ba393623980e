import { describe, expect, it } from 'vitest';
import type { SandboxRecord, SandboxState } from '../../../src-main/contract/sandbox';
import { ExpiryWarnings, warningTitle } from '../../../src-main/tray/expiryWarnings';
import { record } from '../support';

const T0 = Date.parse('2026-01-01T12:00:00.000Z');
const MIN = 60_000;

/** A sandbox created at T0 that expires `lifeMin` minutes later. */
function sandbox(id: string, lifeMin: number, state: SandboxState = 'Running', name?: string): SandboxRecord {
  return record({ id, state, createdAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + lifeMin * MIN).toISOString(), metadata: name ? { name } : {} });
}

function renewed(r: SandboxRecord, lifeMin: number): SandboxRecord {
  return { ...r, expiresAt: new Date(T0 + lifeMin * MIN).toISOString() };
}

describe('expiry warnings', () => {
  it('warns once when a sandbox enters its last five minutes', () => {
    const w = new ExpiryWarnings();
    const records = [sandbox('a', 60, 'Running', 'web-dev')];
    expect(w.check(records, T0 + 50 * MIN).entered).toEqual([]);
    const first = w.check(records, T0 + 55 * MIN + 3000);
    expect(first.entered).toEqual([{ id: 'a', name: 'web-dev', msLeft: 5 * MIN - 3000 }]);
    expect(warningTitle(first.entered[0]!)).toBe('web-dev expires in 5 minutes');
    // Still inside the window: no second warning.
    expect(w.check(records, T0 + 56 * MIN).entered).toEqual([]);
    expect(w.check(records, T0 + 59 * MIN).entered).toEqual([]);
  });

  it('warns a paused sandbox too (expiry counts while paused), and never a finished one', () => {
    const w = new ExpiryWarnings();
    const at = T0 + 57 * MIN;
    const out = w.check([sandbox('p', 60, 'Paused'), sandbox('t', 60, 'Terminated'), sandbox('f', 60, 'Failed'), sandbox('s', 60, 'Stopping')], at);
    expect(out.entered.map((e) => e.id)).toEqual(['p']);
  });

  it('clears a warning when the sandbox is renewed past the window, and warns again when it comes back', () => {
    const w = new ExpiryWarnings();
    const a = sandbox('a', 60);
    expect(w.check([a], T0 + 56 * MIN).entered).toHaveLength(1);
    const later = renewed(a, 120);
    expect(w.check([later], T0 + 57 * MIN)).toEqual({ entered: [], cleared: ['a'] });
    expect(w.check([later], T0 + 100 * MIN).entered).toEqual([]);
    expect(w.check([later], T0 + 116 * MIN).entered.map((e) => e.id)).toEqual(['a']);
  });

  it('keeps quiet about a renewal that stays inside the window', () => {
    const w = new ExpiryWarnings();
    const a = sandbox('a', 60);
    expect(w.check([a], T0 + 56 * MIN).entered).toHaveLength(1);
    expect(w.check([renewed(a, 62)], T0 + 57 * MIN)).toEqual({ entered: [], cleared: [] });
  });

  it('clears a warning when the sandbox is gone or finished', () => {
    const w = new ExpiryWarnings();
    const a = sandbox('a', 60);
    const b = sandbox('b', 60);
    w.check([a, b], T0 + 56 * MIN);
    expect(w.check([b], T0 + 57 * MIN).cleared).toEqual(['a']);
    expect(w.check([{ ...b, status: { ...b.status, state: 'Stopping' } }], T0 + 58 * MIN).cleared).toEqual(['b']);
  });

  it('says nothing about sandboxes that never expire, already expired, or were born inside the window', () => {
    const w = new ExpiryWarnings();
    const forever = record({ id: 'n', state: 'Running', createdAt: new Date(T0).toISOString(), expiresAt: null });
    const short = sandbox('short', 3); // a script's 3-minute sandbox
    const past = sandbox('past', 10);
    expect(w.check([forever, short, past], T0 + 11 * MIN).entered).toEqual([]);
    expect(w.check([forever, short, past], T0 + 1 * MIN).entered).toEqual([]);
  });

  it('warns at start-up about a sandbox already in its last minutes, once', () => {
    const w = new ExpiryWarnings();
    const a = sandbox('a', 60, 'Running', 'db');
    const out = w.check([a], T0 + 58 * MIN + 30_000);
    expect(out.entered.map((e) => warningTitle(e))).toEqual(['db expires in 2 minutes']);
    expect(warningTitle({ id: 'x', name: 'x', msLeft: 61_000 })).toBe('x expires in 2 minutes');
    expect(warningTitle({ id: 'x', name: 'x', msLeft: 60_000 })).toBe('x expires in 1 minute');
    expect(warningTitle({ id: 'x', name: 'x', msLeft: 20_000 })).toBe('x expires in less than a minute');
  });
});
