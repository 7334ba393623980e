import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxRecord } from '../../src-main/contract/sandbox';
import { RECORDS_FILE } from '../../src-main/store/paths';
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

const fileIds = (dir = home.dir): string[] =>
  (JSON.parse(readFileSync(path.join(dir, RECORDS_FILE), 'utf8')) as { sandboxes: SandboxRecord[] }).sandboxes.map((r) => r.id).sort();

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

  it('writes the file with mode 0600 in a version 1 format', async () => {
    const store = new RecordStore(home.dir);
    await store.put(record({ id: 'a' }));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(readFileSync(store.file, 'utf8')) as { version: number; sandboxes: unknown[] };
    expect(parsed.version).toBe(1);
    expect(parsed.sandboxes).toHaveLength(1);
  });

  it('creates a missing data folder, private to its owner', async () => {
    const nested = path.join(home.dir, 'deep', 'home');
    const store = new RecordStore(nested);
    await store.put(record({ id: 'a' }));
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(fileIds(nested)).toEqual(['a']);
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
    expect(fileIds()).toEqual(['a']);
    await store.put(record({ id: 'c' }));
    expect(fileIds()).toEqual(['a', 'b', 'c']);
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
    expect(fileIds()).toHaveLength(100);
  });

  it('has each concurrent put resolve only once its own record is on disk', async () => {
    const store = new RecordStore(home.dir);
    const seen: Array<{ id: string; onDisk: boolean }> = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const id = `s${i}`;
        return store.put(record({ id })).then(() => {
          seen.push({ id, onDisk: fileIds().includes(id) });
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
    expect(fileIds()).toEqual(expected);
    expect((await reopen()).size).toBe(15);
  });

  it('leaves no temporary files behind', async () => {
    const store = new RecordStore(home.dir);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.put(record({ id: `s${i}` }))));
    expect(readdirSync(home.dir)).toEqual([RECORDS_FILE]);
  });

  it('refuses to load a corrupt file instead of starting empty', async () => {
    writeFileSync(path.join(home.dir, RECORDS_FILE), '{"version":1,"sandb');
    await expect(new RecordStore(home.dir).load()).rejects.toThrow(SyntaxError);
  });
});
