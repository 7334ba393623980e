// The durable sandbox records: an in-memory map, newest first, persisted as a snapshot
// (sandboxes.json) plus a journal of the changes since (sandboxes.log, one JSON line each).
// A change appends only the records it touched, so its cost does not grow with the number of
// sandboxes; once the journal outgrows the snapshot, a fresh snapshot replaces both.
// Mutations resolve only after they are on disk, so an API answer never outruns the store.
// Each record remembers the Docker host it lives on; only the active engine's records are
// visible, so switching engines hides the others' sandboxes instead of losing them.
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxRecord } from '../contract/sandbox';
import { writeFileAtomic } from './atomicFile';
import { RECORDS_FILE, RECORDS_LOG } from './paths';

/** On disk a record carries its Docker host; records written before engines could switch have none. */
type StoredRecord = SandboxRecord & { engineHost?: string };

interface RecordsFile {
  version: 1;
  /** The last journal entry this snapshot includes (absent before the journal existed). */
  seq?: number;
  sandboxes: StoredRecord[];
}

/** One journal line: a record as it now is, or the id of a removed one. */
type LogEntry = { seq: number; put: StoredRecord } | { seq: number; remove: string };

/** The journal may grow to this many bytes, or the snapshot's size if larger, before it is folded in. */
const MIN_COMPACT_BYTES = 256 * 1024;

export class RecordStore {
  private readonly byId = new Map<string, SandboxRecord>();
  /** The Docker host of each record that has one (records without are claimed by the first engine used). */
  private readonly hostOf = new Map<string, string>();
  /** The engine whose records are visible; null (never set) shows them all. */
  private activeHost: string | null = null;
  /** Ids newest first; rebuilt only when a record is added or removed. */
  private orderedIds: string[] | null = null;
  /** Ids changed (or removed) in memory since the last durable write. */
  private readonly dirty = new Set<string>();
  private seq = 0;
  private log: FileHandle | null = null;
  private logBytes = 0;
  private snapshotBytes = 0;
  /** Set when there is no snapshot yet, or an append failed part-way: the next write is a snapshot. */
  private compactNext = true;
  private writing: Promise<void> | null = null;
  private pending: Promise<void> | null = null;
  readonly file: string;
  readonly logFile: string;

  constructor(private readonly home: string) {
    this.file = path.join(home, RECORDS_FILE);
    this.logFile = path.join(home, RECORDS_LOG);
  }

  async load(): Promise<void> {
    const snapshot = await readIfThere(this.file);
    if (snapshot !== null) {
      const parsed = JSON.parse(snapshot) as RecordsFile;
      for (const r of parsed.sandboxes) this.apply({ seq: 0, put: r });
      this.seq = parsed.seq ?? 0;
      this.snapshotBytes = Buffer.byteLength(snapshot);
      this.compactNext = false;
    }
    const journal = await readIfThere(this.logFile);
    if (journal !== null) {
      // Entries the snapshot already holds (a crash between writing it and emptying the
      // journal) are skipped by their sequence number. Only the last line can be torn by a
      // crash during an append; a torn line was never acknowledged, so it is dropped.
      const lines = journal.split('\n');
      lines.forEach((line, i) => {
        if (!line) return;
        let entry: LogEntry;
        try {
          entry = JSON.parse(line) as LogEntry;
        } catch (err) {
          if (i === lines.length - 1) return;
          throw err;
        }
        if (entry.seq <= this.seq) return;
        this.apply(entry);
        this.seq = entry.seq;
      });
      this.logBytes = Buffer.byteLength(journal);
      // Appending after a torn line would glue the next entry onto it: fold everything into a snapshot first.
      if (!journal.endsWith('\n') && journal.length > 0) this.compactNext = true;
    }
    if (this.activeHost) this.claimUntagged(this.activeHost);
    this.orderedIds = null;
  }

  private apply(entry: LogEntry): void {
    if ('remove' in entry) {
      this.byId.delete(entry.remove);
      this.hostOf.delete(entry.remove);
      return;
    }
    const { engineHost, ...r } = entry.put;
    this.byId.set(r.id, r);
    if (engineHost) this.hostOf.set(r.id, engineHost);
    else this.hostOf.delete(r.id);
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
    for (const id of this.byId.keys()) {
      if (this.hostOf.has(id)) continue;
      this.hostOf.set(id, host);
      this.dirty.add(id);
    }
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
    this.dirty.add(id);
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
    this.dirty.add(record.id);
  }

  remove(id: string): Promise<void> {
    if (!this.byId.delete(id)) return Promise.resolve();
    this.hostOf.delete(id);
    this.orderedIds = null;
    this.dirty.add(id);
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

  /** Closes the journal; the store stays usable (the next write reopens it). */
  async close(): Promise<void> {
    await this.flush();
    const log = this.log;
    this.log = null;
    await log?.close();
  }

  private async writeNow(): Promise<void> {
    if (this.dirty.size === 0 && !this.compactNext) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    try {
      if (this.compactNext || this.logBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) await this.compact();
      else await this.append(ids);
    } catch (err) {
      // Nothing of this write counts: its records are written again next time, as a snapshot,
      // since a failed append may have left part of a line behind.
      for (const id of ids) this.dirty.add(id);
      this.compactNext = true;
      throw err;
    }
  }

  private stored(id: string): StoredRecord | undefined {
    const r = this.byId.get(id);
    const engineHost = this.hostOf.get(id);
    return r && engineHost ? { ...r, engineHost } : r;
  }

  private async append(ids: string[]): Promise<void> {
    const text = ids
      .map((id) => {
        const put = this.stored(id);
        return `${JSON.stringify(put ? { seq: ++this.seq, put } : { seq: ++this.seq, remove: id })}\n`;
      })
      .join('');
    if (!this.log) {
      await mkdir(this.home, { recursive: true, mode: 0o700 });
      this.log = await open(this.logFile, 'a', 0o600);
    }
    await this.log.write(text);
    await this.log.datasync();
    this.logBytes += Buffer.byteLength(text);
  }

  /** Writes every record as the new snapshot, then empties the journal it now includes. */
  private async compact(): Promise<void> {
    const sandboxes = [...this.byId.keys()].map((id) => this.stored(id) as StoredRecord);
    const text = JSON.stringify({ version: 1, seq: this.seq, sandboxes } satisfies RecordsFile);
    await writeFileAtomic(this.file, text);
    this.snapshotBytes = Buffer.byteLength(text);
    this.compactNext = false;
    // A crash before this truncation leaves entries the snapshot holds; load skips them by seq.
    await this.log?.close();
    this.log = await open(this.logFile, 'w', 0o600);
    await this.log.datasync();
    this.logBytes = 0;
  }
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
