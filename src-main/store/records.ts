// The durable sandbox records: an in-memory map, newest first, persisted as one JSON file.
// Mutations resolve only after they are on disk, so an API answer never outruns the store.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxRecord } from '../contract/sandbox';
import { writeFileAtomic } from './atomicFile';
import { RECORDS_FILE } from './paths';

interface RecordsFile {
  version: 1;
  sandboxes: SandboxRecord[];
}

export class RecordStore {
  private readonly byId = new Map<string, SandboxRecord>();
  /** Ids newest first; rebuilt only when a record is added or removed. */
  private orderedIds: string[] | null = null;
  private writing: Promise<void> | null = null;
  private pending: Promise<void> | null = null;
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, RECORDS_FILE);
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const parsed = JSON.parse(text) as RecordsFile;
    for (const r of parsed.sandboxes) this.byId.set(r.id, r);
    this.orderedIds = null;
  }

  get(id: string): SandboxRecord | undefined {
    return this.byId.get(id);
  }

  /** All records, newest first. */
  all(): SandboxRecord[] {
    if (!this.orderedIds) {
      this.orderedIds = [...this.byId.values()]
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
        .map((r) => r.id);
    }
    return this.orderedIds.map((id) => this.byId.get(id) as SandboxRecord);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Stores the record (new or changed) and resolves once it is on disk. */
  put(record: SandboxRecord): Promise<void> {
    this.stage(record);
    return this.flush();
  }

  /** Changes a record in memory only; the next durable write carries it. */
  stage(record: SandboxRecord): void {
    if (!this.byId.has(record.id)) this.orderedIds = null;
    this.byId.set(record.id, record);
  }

  remove(id: string): Promise<void> {
    if (!this.byId.delete(id)) return Promise.resolve();
    this.orderedIds = null;
    return this.flush();
  }

  /**
   * Coalesces writes: while one write runs, every later change joins a single follow-up write
   * of the then-current state. Each caller resolves after a write that includes its change.
   */
  flush(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.writing) {
      this.writing = this.writeNow().finally(() => {
        this.writing = null;
      });
      return this.writing;
    }
    this.pending = this.writing
      .catch(() => undefined)
      .then(() => {
        this.pending = null;
        return this.flush();
      });
    return this.pending;
  }

  private writeNow(): Promise<void> {
    const data: RecordsFile = { version: 1, sandboxes: [...this.byId.values()] };
    return writeFileAtomic(this.file, JSON.stringify(data));
  }
}
