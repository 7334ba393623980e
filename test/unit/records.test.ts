import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxRecord } from '../../src-main/contract/sandbox';
import { RECORDS_FILE, RECORDS_LOG } from '../../src-main/store/paths';
import { RecordStore } from '../../src-main/store/records';
import { record, tempDir } from './support';

let home: { dir: string; remove: () => void };
beforeEach(() => {
  home = tempDir('sandlot-records-');
});
afterEach(() => home.remove());

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

async function reopen(dir = home.dir): Promise<RecordStore> {
  const store = new RecordStore(dir);
  await store.load();
  return store;
}

/** The ids a restarted Sandlot would find on disk. */
const diskIds = async (dir = home.dir): Promise<string[]> => (await reopen(dir)).all().map((r) => r.id).sort();

const snapshotIds = (dir = home.dir): string[] =>
  (JSON.parse(readFileSync(path.join(dir, RECORDS_FILE), 'utf8')) as { sandboxes: SandboxRecord[] }).sandboxes.map((r) => r.id).sort();

const journalLines = (dir = home.dir): string[] => readFileSync(path.join(dir, RECORDS_LOG), 'utf8').split('\n').filter(Boolean);

describe('RecordStore', () => {
  it('starts empty when there is no file yet', async () => {
    const store = await reopen();
    expect(store.size).toBe(0);
    expect(store.all()).toEqual([]);
    expect(existsSync(path.join(home.dir, RECORDS_FILE))).toBe(false);
  });

  it('round-trips a record through the disk', async () => {
    const store = new RecordStore(home.dir);
    const r = record({ id: 'a', metadata: { name: 'My box' }, expiresAt: at(60) });
    await store.put(r);
    expect(store.file).toBe(path.join(home.dir, RECORDS_FILE));
    expect(store.get('a')).toEqual(r);
    const again = await reopen();
    expect(again.get('a')).toEqual(r);
    expect(again.size).toBe(1);
  });

  it('writes the snapshot and the journal with mode 0600, the snapshot in a version 1 format', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    await store.put(record({ id: 'b' }));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(store.logFile).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(readFileSync(store.file, 'utf8')) as { version: number; sandboxes: unknown[] };
    expect(parsed.version).toBe(1);
    expect(parsed.sandboxes.length).toBeGreaterThanOrEqual(1);
  });

  it('creates a missing data folder, private to its owner', async () => {
    const nested = path.join(home.dir, 'deep', 'home');
    const store = new RecordStore(nested);
    await store.put(record({ id: 'a' }));
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(await diskIds(nested)).toEqual(['a']);
  });

  it('replaces a changed record', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a', state: 'Running' }));
    await store.put(record({ id: 'a', state: 'Paused' }));
    expect(store.size).toBe(1);
    expect((await reopen()).get('a')?.status.state).toBe('Paused');
  });

  it('removes records durably and ignores unknown ids', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    await store.put(record({ id: 'b' }));
    await store.remove('a');
    await store.remove('never-existed');
    expect(store.get('a')).toBeUndefined();
    expect(store.all().map((r) => r.id)).toEqual(['b']);
    const again = await reopen();
    expect(again.get('a')).toBeUndefined();
    expect(again.all().map((r) => r.id)).toEqual(['b']);
  });

  it('lists newest first, by createdAt then id, and keeps that after changes and reload', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'middle', createdAt: at(2) }));
    await store.put(record({ id: 'oldest', createdAt: at(1) }));
    await store.put(record({ id: 'newest', createdAt: at(3) }));
    await store.put(record({ id: 'tie-a', createdAt: at(2) }));
    await store.put(record({ id: 'tie-b', createdAt: at(2) }));
    const expected = ['newest', 'tie-b', 'tie-a', 'middle', 'oldest'];
    expect(store.all().map((r) => r.id)).toEqual(expected);
    // Changing a record keeps its place; removing one drops only it.
    await store.put(record({ id: 'middle', createdAt: at(2), state: 'Paused' }));
    expect(store.all().map((r) => r.id)).toEqual(expected);
    expect(store.all()[3]?.status.state).toBe('Paused');
    await store.remove('tie-b');
    expect(store.all().map((r) => r.id)).toEqual(['newest', 'tie-a', 'middle', 'oldest']);
    expect((await reopen()).all().map((r) => r.id)).toEqual(['newest', 'tie-a', 'middle', 'oldest']);
  });

  it('puts a record added after listing in its place', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'old', createdAt: at(1) }));
    expect(store.all().map((r) => r.id)).toEqual(['old']);
    await store.put(record({ id: 'new', createdAt: at(5) }));
    expect(store.all().map((r) => r.id)).toEqual(['new', 'old']);
  });

  it('keeps staged changes in memory until the next durable write', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    store.stage(record({ id: 'b' }));
    expect(store.get('b')).toBeDefined();
    expect(await diskIds()).toEqual(['a']);
    await store.put(record({ id: 'c' }));
    expect(await diskIds()).toEqual(['a', 'b', 'c']);
  });

  it('makes all of 100 concurrent puts durable', async () => {
    const store = new RecordStore(home.dir);
    const puts: Array<Promise<void>> = [];
    for (let i = 0; i < 100; i++) puts.push(store.put(record({ id: `s${String(i).padStart(3, '0')}`, createdAt: at(i) })));
    await Promise.all(puts);
    const again = await reopen();
    expect(again.size).toBe(100);
    expect(again.all()[0]?.id).toBe('s099');
    expect(again.all()[99]?.id).toBe('s000');
    expect(await diskIds()).toHaveLength(100);
  });

  it('has each concurrent put resolve only once its own record is on disk', async () => {
    const store = new RecordStore(home.dir);
    const seen: Array<{ id: string; onDisk: boolean }> = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const id = `s${i}`;
        return store.put(record({ id })).then(async () => {
          seen.push({ id, onDisk: (await diskIds()).includes(id) });
        });
      }),
    );
    expect(seen).toHaveLength(30);
    expect(seen.filter((s) => !s.onDisk)).toEqual([]);
  });

  it('makes concurrent puts and removes durable together', async () => {
    const store = new RecordStore(home.dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(record({ id: `s${i}` }))));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => store.remove(`s${i}`)),
      ...Array.from({ length: 5 }, (_, i) => store.put(record({ id: `n${i}` }))),
    ]);
    const expected = [...Array.from({ length: 10 }, (_, i) => `s${i + 10}`), ...Array.from({ length: 5 }, (_, i) => `n${i}`)].sort();
    expect(await diskIds()).toEqual(expected);
    expect((await reopen()).size).toBe(15);
  });

  it('leaves no temporary files behind', async () => {
    const store = new RecordStore(home.dir);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.put(record({ id: `s${i}` }))));
    expect(readdirSync(home.dir).sort()).toEqual([RECORDS_FILE, RECORDS_LOG]);
  });

  it('refuses to load a corrupt file instead of starting empty', async () => {
    writeFileSync(path.join(home.dir, RECORDS_FILE), '{"version":1,"sandb');
    await expect(new RecordStore(home.dir).load()).rejects.toThrow(SyntaxError);
  });

  it('appends only the changed record for a change, leaving the snapshot as it was', async () => {
    const store = new RecordStore(home.dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.put(record({ id: `s${i}` }))));
    const snapshot = readFileSync(store.file, 'utf8');
    const before = journalLines().length;
    for (let i = 0; i < 10; i++) await store.put(record({ id: 's7', metadata: { step: String(i) } }));
    await store.remove('s8');
    expect(readFileSync(store.file, 'utf8')).toBe(snapshot);
    const added = journalLines().slice(before).map((l) => JSON.parse(l) as { put?: SandboxRecord; remove?: string });
    expect(added.map((e) => e.put?.id ?? `-${e.remove}`)).toEqual([...Array(10).fill('s7'), '-s8']);
    const again = await reopen();
    expect(again.get('s7')?.metadata).toEqual({ step: '9' });
    expect(again.get('s8')).toBeUndefined();
    expect(again.size).toBe(49);
  });

  it('folds a grown journal into a new snapshot and starts the journal over', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    const big = 'x'.repeat(4000);
    for (let i = 0; i < 80; i++) await store.put(record({ id: `b${i % 5}`, metadata: { pad: big, i: String(i) } }));
    expect(journalLines().length).toBeLessThan(80);
    expect(snapshotIds()).toEqual(expect.arrayContaining(['a', 'b0']));
    const again = await reopen();
    expect(again.size).toBe(6);
    expect(again.get('b4')?.metadata['i']).toBe('79');
  });

  it('skips journal entries a snapshot already holds (a crash between writing it and emptying the journal)', async () => {
    const r = (id: string, step: string) => ({ ...record({ id }), metadata: { step } });
    writeFileSync(path.join(home.dir, RECORDS_FILE), JSON.stringify({ version: 1, seq: 2, sandboxes: [r('a', 'snapshot'), r('b', 'snapshot')] }));
    const lines = [
      { seq: 1, put: r('a', 'old') },
      { seq: 2, remove: 'b' },
      { seq: 3, put: r('c', 'new') },
      { seq: 4, put: r('a', 'newer') },
    ];
    writeFileSync(path.join(home.dir, RECORDS_LOG), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const store = await reopen();
    expect(store.get('a')?.metadata).toEqual({ step: 'newer' });
    expect(store.get('b')?.metadata).toEqual({ step: 'snapshot' });
    expect(store.get('c')?.metadata).toEqual({ step: 'new' });
    // Later entries continue the numbering, so the next restart reads the same.
    await store.put(r('d', 'later'));
    const again = await reopen();
    expect(again.all().map((x) => x.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(again.get('a')?.metadata).toEqual({ step: 'newer' });
  });

  it('drops a last journal line torn by a crash, and keeps writing correctly after it', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    await store.put(record({ id: 'b' }));
    await store.close();
    const torn = JSON.stringify({ seq: 99, put: record({ id: 'torn' }) }).slice(0, 40);
    writeFileSync(path.join(home.dir, RECORDS_LOG), readFileSync(path.join(home.dir, RECORDS_LOG), 'utf8') + torn);
    const after = await reopen();
    expect(after.all().map((r) => r.id).sort()).toEqual(['a', 'b']);
    await after.put(record({ id: 'c' }));
    expect(await diskIds()).toEqual(['a', 'b', 'c']);
  });

  it('refuses to load a journal with a broken line before its end', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    await store.put(record({ id: 'b' }));
    await store.close();
    writeFileSync(path.join(home.dir, RECORDS_LOG), `{"seq":5,"put":{"id":\n${readFileSync(path.join(home.dir, RECORDS_LOG), 'utf8')}`);
    await expect(reopen()).rejects.toThrow(SyntaxError);
  });
});
