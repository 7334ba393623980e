import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxRecord } from '../../src-main/contract/sandbox';
import { ExpiryScheduler } from '../../src-main/engine/expiry';
import { record, sleep } from './support';

interface Harness {
  scheduler: ExpiryScheduler;
  records: SandboxRecord[];
  expired: string[];
  purged: string[];
  clock: { now: number };
  retention: { ms: number };
}

const schedulers: ExpiryScheduler[] = [];
afterEach(() => {
  for (const s of schedulers.splice(0)) s.stop();
});

/** A scheduler over an in-memory list, with a fake clock unless realClock is set. */
function harness(opts: { realClock?: boolean; now?: number; retentionMs?: number } = {}): Harness {
  const h = {
    records: [] as SandboxRecord[],
    expired: [] as string[],
    purged: [] as string[],
    clock: { now: opts.now ?? Date.now() },
    retention: { ms: opts.retentionMs ?? 3_600_000 },
  };
  const scheduler = new ExpiryScheduler({
    all: () => h.records,
    nowMs: () => (opts.realClock ? Date.now() : h.clock.now),
    retentionMs: () => h.retention.ms,
    expire: (id) => h.expired.push(id),
    purge: (id) => h.purged.push(id),
  });
  schedulers.push(scheduler);
  return { ...h, scheduler };
}

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

describe('ExpiryScheduler.sweep', () => {
  it('expires live sandboxes that are past due, in every live state', () => {
    const h = harness({ now: T0 });
    for (const state of ['Pending', 'Running', 'Pausing', 'Paused', 'Resuming'] as const) {
      h.records.push(record({ id: state, state, expiresAt: iso(T0 - 1000) }));
    }
    h.scheduler.sweep();
    expect(h.expired.sort()).toEqual(['Paused', 'Pausing', 'Pending', 'Resuming', 'Running']);
    expect(h.purged).toEqual([]);
  });

  it('expires a sandbox due exactly now', () => {
    const h = harness({ now: T0 });
    h.records.push(record({ id: 'due', expiresAt: iso(T0) }));
    h.scheduler.sweep();
    expect(h.expired).toEqual(['due']);
  });

  it('leaves alone sandboxes that are not due, have no expiry, or are already stopping', () => {
    const h = harness({ now: T0 });
    h.records.push(
      record({ id: 'future', expiresAt: iso(T0 + 60_000) }),
      record({ id: 'forever', expiresAt: null }),
      record({ id: 'stopping', state: 'Stopping', expiresAt: iso(T0 - 60_000) }),
      record({ id: 'terminated-recent', state: 'Terminated', expiresAt: iso(T0 - 60_000), finishedAt: iso(T0 - 1000) }),
    );
    h.scheduler.sweep();
    expect(h.expired).toEqual([]);
    expect(h.purged).toEqual([]);
  });

  it('purges Terminated and Failed sandboxes once the retention window has passed', () => {
    const h = harness({ now: T0, retentionMs: 60_000 });
    h.records.push(
      record({ id: 'term-old', state: 'Terminated', finishedAt: iso(T0 - 60_001) }),
      record({ id: 'term-exact', state: 'Terminated', finishedAt: iso(T0 - 60_000) }),
      record({ id: 'term-new', state: 'Terminated', finishedAt: iso(T0 - 59_000) }),
      record({ id: 'failed-old', state: 'Failed', finishedAt: iso(T0 - 120_000) }),
      record({ id: 'failed-new', state: 'Failed', finishedAt: iso(T0 - 1_000) }),
      record({ id: 'no-finish', state: 'Terminated', finishedAt: null }),
      record({ id: 'running-old', state: 'Running', createdAt: iso(T0 - 10 * 60_000), finishedAt: null }),
    );
    h.scheduler.sweep();
    expect(h.purged.sort()).toEqual(['failed-old', 'term-exact', 'term-old']);
    expect(h.expired).toEqual([]);
  });

  it('purges at once with a zero retention window', () => {
    const h = harness({ now: T0, retentionMs: 0 });
    h.records.push(record({ id: 'gone', state: 'Terminated', finishedAt: iso(T0) }));
    h.scheduler.sweep();
    expect(h.purged).toEqual(['gone']);
  });

  it('follows the clock and the retention setting it is given', () => {
    const h = harness({ now: T0, retentionMs: 3_600_000 });
    h.records.push(record({ id: 'later', expiresAt: iso(T0 + 10_000) }), record({ id: 'done', state: 'Failed', finishedAt: iso(T0 - 120_000) }));
    h.scheduler.sweep();
    expect(h.expired).toEqual([]);
    expect(h.purged).toEqual([]);
    h.clock.now = T0 + 10_000;
    h.retention.ms = 60_000;
    h.scheduler.sweep();
    expect(h.expired).toEqual(['later']);
    expect(h.purged).toEqual(['done']);
  });

  it('sets a timer for a live sandbox it finds untracked, which then fires', async () => {
    const h = harness({ realClock: true });
    h.records.push(record({ id: 'soon', expiresAt: iso(Date.now() + 80) }));
    h.scheduler.sweep();
    expect(h.expired).toEqual([]);
    await sleep(250);
    expect(h.expired).toEqual(['soon']);
  });
});

describe('ExpiryScheduler.track (real timers)', () => {
  it('fires expire when the time comes, not before, and only once', async () => {
    const h = harness({ realClock: true });
    h.scheduler.track(record({ id: 'a', expiresAt: iso(Date.now() + 500) }));
    await sleep(100);
    expect(h.expired).toEqual([]);
    await sleep(700);
    expect(h.expired).toEqual(['a']);
    await sleep(200);
    expect(h.expired).toEqual(['a']);
  });

  it('fires at once for an expiry already in the past', async () => {
    const h = harness({ realClock: true });
    h.scheduler.track(record({ id: 'late', expiresAt: iso(Date.now() - 5000) }));
    await sleep(30);
    expect(h.expired).toEqual(['late']);
  });

  it('moves the timer later when the expiry is renewed', async () => {
    const h = harness({ realClock: true });
    const start = Date.now();
    h.scheduler.track(record({ id: 'r', expiresAt: iso(start + 100) }));
    h.scheduler.track(record({ id: 'r', expiresAt: iso(start + 1000) }));
    await sleep(400);
    expect(h.expired).toEqual([]);
    await sleep(1000);
    expect(h.expired).toEqual(['r']);
  });

  it('moves the timer earlier when the expiry is brought forward', async () => {
    const h = harness({ realClock: true });
    const start = Date.now();
    h.scheduler.track(record({ id: 'r', expiresAt: iso(start + 60_000) }));
    h.scheduler.track(record({ id: 'r', expiresAt: iso(start + 80) }));
    await sleep(300);
    expect(h.expired).toEqual(['r']);
  });

  it('does not double the timer when tracked again with the same expiry', async () => {
    const h = harness({ realClock: true });
    const r = record({ id: 'same', expiresAt: iso(Date.now() + 80) });
    h.scheduler.track(r);
    h.scheduler.track(r);
    h.scheduler.track({ ...r, status: { ...r.status, message: 'changed something else' } });
    await sleep(300);
    expect(h.expired).toEqual(['same']);
  });

  it('clears the timer when the sandbox stops being live or loses its expiry', async () => {
    const h = harness({ realClock: true });
    const soon = iso(Date.now() + 80);
    h.scheduler.track(record({ id: 'stopped', expiresAt: soon }));
    h.scheduler.track(record({ id: 'stopped', state: 'Stopping', expiresAt: soon }));
    h.scheduler.track(record({ id: 'failed', expiresAt: soon }));
    h.scheduler.track(record({ id: 'failed', state: 'Failed', expiresAt: soon }));
    h.scheduler.track(record({ id: 'no-expiry', expiresAt: soon }));
    h.scheduler.track(record({ id: 'no-expiry', expiresAt: null }));
    await sleep(300);
    expect(h.expired).toEqual([]);
  });

  it('keeps counting while paused', async () => {
    const h = harness({ realClock: true });
    const soon = iso(Date.now() + 80);
    h.scheduler.track(record({ id: 'p', state: 'Running', expiresAt: soon }));
    h.scheduler.track(record({ id: 'p', state: 'Paused', expiresAt: soon }));
    await sleep(300);
    expect(h.expired).toEqual(['p']);
  });

  it('forgets a sandbox on request', async () => {
    const h = harness({ realClock: true });
    h.scheduler.track(record({ id: 'f', expiresAt: iso(Date.now() + 80) }));
    h.scheduler.forget('f');
    await sleep(300);
    expect(h.expired).toEqual([]);
  });

  it('cancels every timer on stop', async () => {
    const h = harness({ realClock: true });
    h.scheduler.track(record({ id: 'x', expiresAt: iso(Date.now() + 80) }));
    h.scheduler.track(record({ id: 'y', expiresAt: iso(Date.now() + 90) }));
    h.scheduler.stop();
    await sleep(300);
    expect(h.expired).toEqual([]);
  });

  it('sets no timer for an expiry beyond what setTimeout can wait, leaving it to the sweep', async () => {
    const h = harness({ now: T0 });
    const far = record({ id: 'far', expiresAt: iso(T0 + 2 ** 31 + 60_000) });
    h.records.push(far);
    h.scheduler.track(far);
    await sleep(50);
    // A clamped overflow timer would have fired almost at once.
    expect(h.expired).toEqual([]);
    h.clock.now = T0 + 2 ** 31 + 60_000;
    h.scheduler.sweep();
    expect(h.expired).toEqual(['far']);
  });
});

describe('ExpiryScheduler.start', () => {
  it('reaps what expired while the app was down at once, then keeps sweeping every second', async () => {
    const h = harness({ now: T0 });
    h.records.push(
      record({ id: 'expired-while-down', state: 'Running', expiresAt: iso(T0 - 3_600_000) }),
      record({ id: 'purge-while-down', state: 'Terminated', finishedAt: iso(T0 - 7_200_000) }),
      // Far in the fake future, so its real-time timer cannot fire during the test.
      record({ id: 'later', state: 'Running', expiresAt: iso(T0 + 86_400_000) }),
    );
    h.scheduler.start();
    expect(h.expired).toEqual(['expired-while-down']);
    expect(h.purged).toEqual(['purge-while-down']);
    // The engine would move these on; drop them and advance the fake clock past "later".
    h.records.splice(0, 2);
    h.clock.now = T0 + 86_400_000;
    await sleep(1300);
    expect(h.expired).toContain('later');
    // And again a second later: the sweep repeats, it does not run just once.
    h.records.splice(0);
    h.records.push(record({ id: 'second-round', state: 'Terminated', finishedAt: iso(T0) }));
    h.clock.now = T0 + 86_400_000 + 3_600_000;
    await sleep(1100);
    expect(h.purged).toContain('second-round');
  });

  it('stops sweeping after stop', async () => {
    const h = harness({ now: T0 });
    h.scheduler.start();
    h.scheduler.stop();
    h.records.push(record({ id: 'late', expiresAt: iso(T0 - 1000) }));
    await sleep(1300);
    expect(h.expired).toEqual([]);
  });
});
