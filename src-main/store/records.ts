// The durable sandbox records: an in-memory map, newest first, persisted as one JSON file.
// Mutations resolve only after they are on disk, so an API answer never outruns the store.
// Each record remembers the Docker host it lives on; only the active engine's records are
// visible, so switching engines hides the others' sandboxes instead of losing them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxRecord } from '../contract/sandbox';
import { writeFileAtomic } from './atomicFile';
import { RECORDS_FILE } from './paths';

/** On disk a record carries its Docker host; records written before engines could switch have none. */
type StoredRecord = SandboxRecord & { engineHost?: string };

interface RecordsFile {
  version: 1;
  sandboxes: StoredRecord[];
}

export class RecordStore {
  private readonly byId = new Map<string, SandboxRecord>();
  /** The Docker host of each record that has one (records without are claimed by the first engine used). */
  private readonly hostOf = new Map<string, string>();
  /** The engine whose records are visible; null (never set) shows them all. */
  private activeHost: string | null = null;
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
    for (const { engineHost, ...r } of parsed.sandboxes) {
      this.byId.set(r.id, r);
      if (engineHost) this.hostOf.set(r.id, engineHost);
    }
    if (this.activeHost) this.claimUntagged(this.activeHost);
    this.orderedIds = null;
  }

  /**
   * Makes `host`'s records the visible ones. Records that belong to no engine yet (from before
   * Sandlot could switch engines) become this engine's: they were made on the one used then.
   */
  useEngine(host: string): void {
    this.activeHost = host;
    this.claimUntagged(host);
    this.orderedIds = null;
  }

  get engineHost(): string | null {
    return this.activeHost;
  }

  private claimUntagged(host: string): void {
    for (const id of this.byId.keys()) if (!this.hostOf.has(id)) this.hostOf.set(id, host);
  }

  private visible(id: string): boolean {
    return this.activeHost === null || this.hostOf.get(id) === this.activeHost;
  }

  /**
   * A record kept for another engine whose container the active engine has: both hosts reach
   * the same daemon (a symlinked or relayed socket), so the record moves to the active one.
   */
  claim(id: string): SandboxRecord | undefined {
    const r = this.byId.get(id);
    if (!r || this.activeHost === null || this.visible(id)) return undefined;
    this.hostOf.set(id, this.activeHost);
    this.orderedIds = null;
    return r;
  }

  get(id: string): SandboxRecord | undefined {
    return this.visible(id) ? this.byId.get(id) : undefined;
  }

  /** All records, newest first. */
  all(): SandboxRecord[] {
    if (!this.orderedIds) {
      this.orderedIds = [...this.byId.values()]
        .filter((r) => this.visible(r.id))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
        .map((r) => r.id);
    }
    return this.orderedIds.map((id) => this.byId.get(id) as SandboxRecord);
  }

  get size(): number {
    return this.all().length;
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
    if (this.activeHost !== null) this.hostOf.set(record.id, this.activeHost);
  }

  remove(id: string): Promise<void> {
    if (!this.byId.delete(id)) return Promise.resolve();
    this.hostOf.delete(id);
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
    const sandboxes = [...this.byId.values()].map((r) => {
      const engineHost = this.hostOf.get(r.id);
      return engineHost ? { ...r, engineHost } : r;
    });
    const data: RecordsFile = { version: 1, sandboxes };
    return writeFileAtomic(this.file, JSON.stringify(data));
  }
}
