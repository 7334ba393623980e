// The live sandbox table: records, the one place states change, the event stream, and
// per-sandbox locks so Docker calls for one sandbox never interleave.
import { EventEmitter } from 'node:events';
import type { EngineEvent, SandboxRecord, SandboxState } from '../contract/sandbox';
import type { RecordStore } from '../store/records';
import { EngineError } from './errors';
import { canTransition } from './states';

export class SandboxTable {
  private readonly emitter = new EventEmitter();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly store: RecordStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    // Every renderer window, the tray and the web bridge subscribe; no limit applies.
    this.emitter.setMaxListeners(0);
  }

  get(id: string): SandboxRecord | undefined {
    return this.store.get(id);
  }

  require(id: string): SandboxRecord {
    const r = this.store.get(id);
    if (!r) throw new EngineError('not_found', `Sandbox ${id} not found`);
    return r;
  }

  all(): SandboxRecord[] {
    return this.store.all();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  nowMs(): number {
    return this.now().getTime();
  }

  emit(event: EngineEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Stores a new version of a record and tells subscribers, once it is on disk. */
  async save(next: SandboxRecord): Promise<SandboxRecord> {
    await this.store.put(next);
    this.emit({ type: 'sandbox', sandbox: next });
    return next;
  }

  /** Changes fields other than the state (metadata, expiry, ports...), durably. */
  async update(id: string, change: Partial<Omit<SandboxRecord, 'id' | 'status'>>): Promise<SandboxRecord> {
    return this.save({ ...this.require(id), ...change });
  }

  /**
   * Changes fields in memory only; the next durable write carries them. For facts that can be
   * recovered from Docker after a crash anyway (a container id is also in its labels).
   */
  stage(id: string, change: Partial<Omit<SandboxRecord, 'id' | 'status'>>): void {
    const r = this.store.get(id);
    if (r) this.store.stage({ ...r, ...change });
  }

  /**
   * Changes the reason and message within the current state without writing to disk: pull
   * progress is shown live but is not worth a disk write per tick.
   */
  note(id: string, reason: string, message: string): void {
    const r = this.store.get(id);
    if (!r) return;
    const next = { ...r, status: { ...r.status, reason, message } };
    this.store.stage(next);
    this.emit({ type: 'sandbox', sandbox: next });
  }

  /** The only way a state changes. Refuses transitions the state machine does not allow. */
  async transition(
    id: string,
    state: SandboxState,
    reason: string,
    message: string,
    change: Partial<Omit<SandboxRecord, 'id' | 'status'>> = {},
  ): Promise<SandboxRecord> {
    const r = this.require(id);
    if (r.status.state !== state && !canTransition(r.status.state, state)) {
      throw new Error(`internal: transition ${r.status.state} → ${state} is not allowed`);
    }
    const at = this.nowIso();
    const final = state === 'Terminated' || state === 'Failed';
    return this.save({
      ...r,
      ...change,
      status: { state, reason, message, lastTransitionAt: r.status.state === state ? r.status.lastTransitionAt : at },
      finishedAt: final ? (r.finishedAt ?? at) : null,
    });
  }

  /**
   * Shows another engine's records: subscribers see this engine's sandboxes removed and the
   * other's appear (the records themselves stay in the store, see RecordStore.useEngine).
   */
  async useEngine(host: string): Promise<void> {
    const before = this.store.all();
    this.store.useEngine(host);
    for (const r of before) if (!this.store.get(r.id)) this.emit({ type: 'removed', id: r.id });
    for (const r of this.store.all()) this.emit({ type: 'sandbox', sandbox: r });
    await this.store.flush();
  }

  /** Moves another engine's record to the active engine (both reach the same daemon). */
  claim(id: string): void {
    const r = this.store.claim(id);
    if (r) this.emit({ type: 'sandbox', sandbox: r });
  }

  /** Resolves once every locked operation started so far has finished. */
  async idle(): Promise<void> {
    while (this.locks.size > 0) await Promise.all([...this.locks.values()]);
  }

  async purge(id: string): Promise<void> {
    await this.store.remove(id);
    this.emit({ type: 'removed', id });
  }

  /** Runs `fn` after every earlier locked operation on the same sandbox has finished. */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }

  isBusy(id: string): boolean {
    return this.locks.has(id);
  }
}
