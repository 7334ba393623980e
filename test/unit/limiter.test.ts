// The limiter that keeps Docker from being handed hundreds of lifecycle changes at once.
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src-main/runtime/limiter';

/** A task that finishes when the test says so, recording when it started. */
function gate(started: string[], name: string) {
  let open!: (v: string) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return {
    task: () => {
      started.push(name);
      return done;
    },
    open: () => open(name),
    fail: (e: Error) => fail(e),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('runs at most `size` calls at once and starts the rest in arrival order', async () => {
    const l = new Limiter(2);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const results = gates.map((g) => l.run(g.task));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect([l.active, l.queued]).toEqual([2, 2]);
    gates[1]!.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    expect([l.active, l.queued]).toEqual([2, 1]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect([l.active, l.queued]).toEqual([0, 0]);
  });

  it('a failed call passes its error to its caller and frees its slot', async () => {
    const l = new Limiter(1);
    const started: string[] = [];
    const first = gate(started, 'first');
    const second = gate(started, 'second');
    const r1 = l.run(first.task);
    const r2 = l.run(second.task);
    first.fail(new Error('Docker said no'));
    await expect(r1).rejects.toThrow('Docker said no');
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.open();
    expect(await r2).toBe('second');
    expect(l.active).toBe(0);
  });

  it('a call that throws before returning a promise frees its slot too', async () => {
    const l = new Limiter(1);
    await expect(l.run(() => { throw new Error('bad arguments'); })).rejects.toThrow('bad arguments');
    expect(await l.run(async () => 'next')).toBe('next');
    expect([l.active, l.queued]).toEqual([0, 0]);
  });

  it('refuses a size that would never run anything', () => {
    expect(() => new Limiter(0)).toThrow(/at least one slot/);
    expect(() => new Limiter(1.5)).toThrow(RangeError);
  });
});
