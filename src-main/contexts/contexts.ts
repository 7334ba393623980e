// Where the UI's and the tray's sandboxes live: the local engine, or a remote OpenSandbox server
// the user added (URL + key, kept in the settings file, never sent to the renderer). Holds the
// current context's backend and forwards its events; switching emits a ContextSwitched so every
// window reloads its snapshot, then the new backend's events follow.
import { randomUUID } from 'node:crypto';
import { LOCAL_CONTEXT_ID, type ContextList, type ContextSwitched, type NewRemoteContext, type SandboxContext } from '../contract/contexts';
import type { EngineEvent, EngineStatus, SandboxRecord } from '../contract/sandbox';
import { EngineError, invalid } from '../engine/errors';
import type { RemoteContextRecord } from '../store/settings';
import type { SandboxBackend } from './backend';
import { probeServer } from './probe';

export const LOCAL_CONTEXT_NAME = 'Local';

/** What the bridge's event stream carries: engine events, and context switches. */
export type BridgeEvent = EngineEvent | ContextSwitched;

/** Where remote contexts and the current one are remembered (SettingsStore). */
export interface ContextFile {
  remoteContexts(): RemoteContextRecord[];
  setRemoteContexts(list: readonly RemoteContextRecord[]): void;
  currentContext(): string | undefined;
  setCurrentContext(id: string): void;
}

export interface ContextsDeps {
  local: SandboxBackend;
  file: ContextFile;
  /** Makes the backend of a remote server (RemoteBackend; a fake in tests). */
  remote: (server: RemoteContextRecord) => SandboxBackend;
  /** Checks a server answers with that key (probe.ts); throws an error naming url or apiKey. */
  probe?: (url: string, apiKey: string) => Promise<string>;
}

export class Contexts {
  private backend: SandboxBackend;
  private currentId: string;
  private readonly listeners = new Set<(e: BridgeEvent) => void>();
  private unsubscribeBackend: (() => void) | null = null;

  constructor(private readonly deps: ContextsDeps) {
    const remembered = deps.file.currentContext();
    const server = deps.file.remoteContexts().find((c) => c.id === remembered);
    this.currentId = server ? server.id : LOCAL_CONTEXT_ID;
    this.backend = server ? deps.remote(server) : deps.local;
  }

  /** The backend the sandbox channels and the tray work on now. */
  get current(): SandboxBackend {
    return this.backend;
  }

  get currentContext(): SandboxContext {
    return this.list().contexts.find((c) => c.id === this.currentId) ?? this.localContext();
  }

  get isRemote(): boolean {
    return this.currentId !== LOCAL_CONTEXT_ID;
  }

  private localContext(): SandboxContext {
    return { id: LOCAL_CONTEXT_ID, kind: 'local', name: LOCAL_CONTEXT_NAME };
  }

  list(): ContextList {
    const remotes = this.deps.file.remoteContexts().map((c): SandboxContext => ({ id: c.id, kind: 'opensandbox', name: c.name, url: c.url }));
    return { contexts: [this.localContext(), ...remotes], current: this.currentId };
  }

  /** Checks the server answers with that key, then keeps it (not selected: the UI asks for that). */
  async add(input: NewRemoteContext): Promise<SandboxContext> {
    const name = input.name.trim();
    if (name === '') throw invalid('name', 'must not be empty');
    const existing = this.deps.file.remoteContexts();
    if (name.toLowerCase() === LOCAL_CONTEXT_NAME.toLowerCase() || existing.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
      throw invalid('name', `"${name}" is already taken; choose another name`);
    }
    const url = await (this.deps.probe ?? probeServer)(input.url, input.apiKey);
    const record: RemoteContextRecord = { id: `remote-${randomUUID().slice(0, 8)}`, name, url, apiKey: input.apiKey };
    this.deps.file.setRemoteContexts([...existing, record]);
    return { id: record.id, kind: 'opensandbox', name, url };
  }

  /** Forgets a server (its sandboxes stay on it); removing the current one goes back to Local. */
  remove(id: string): ContextList {
    if (id === LOCAL_CONTEXT_ID) throw invalid('id', 'the local context cannot be removed');
    const existing = this.deps.file.remoteContexts();
    if (!existing.some((c) => c.id === id)) throw new EngineError('not_found', `There is no context ${id}`);
    if (this.currentId === id) this.switchTo(LOCAL_CONTEXT_ID);
    this.deps.file.setRemoteContexts(existing.filter((c) => c.id !== id));
    return this.list();
  }

  select(id: string): ContextList {
    if (id !== LOCAL_CONTEXT_ID && !this.deps.file.remoteContexts().some((c) => c.id === id)) {
      throw new EngineError('not_found', `There is no context ${id}`);
    }
    if (id !== this.currentId) this.switchTo(id);
    return this.list();
  }

  private switchTo(id: string): void {
    const server = this.deps.file.remoteContexts().find((c) => c.id === id);
    const next = server ? this.deps.remote(server) : this.deps.local;
    this.unsubscribeBackend?.();
    this.unsubscribeBackend = null;
    if (this.backend !== this.deps.local) this.backend.close();
    this.backend = next;
    this.currentId = server ? server.id : LOCAL_CONTEXT_ID;
    this.deps.file.setCurrentContext(this.currentId);
    this.emit({ type: 'context', current: this.currentId });
    this.emit({ type: 'engine', status: next.status });
    if (this.listeners.size > 0) this.attach();
  }

  // --- the current backend's face, for the tray (same shape as the engine's) ---

  snapshot(): SandboxRecord[] {
    return this.backend.snapshot();
  }

  get status(): EngineStatus {
    return this.backend.status;
  }

  /** Events of whichever backend is current, plus context switches. */
  subscribe(listener: (e: BridgeEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.attach();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribeBackend?.();
        this.unsubscribeBackend = null;
      }
    };
  }

  /** Pauses (or resumes) every sandbox of the current context in that state; returns how many. */
  async pauseAll(): Promise<number> {
    return this.forEachIn('Running', (id) => this.backend.pause(id));
  }

  async resumeAll(): Promise<number> {
    return this.forEachIn('Paused', (id) => this.backend.resume(id));
  }

  private async forEachIn(state: SandboxRecord['status']['state'], op: (id: string) => Promise<void>): Promise<number> {
    const ids = this.backend.snapshot().filter((r) => r.status.state === state).map((r) => r.id);
    const results = await Promise.allSettled(ids.map(op));
    return results.filter((r) => r.status === 'fulfilled').length;
  }

  close(): void {
    this.unsubscribeBackend?.();
    this.unsubscribeBackend = null;
    this.listeners.clear();
    if (this.backend !== this.deps.local) this.backend.close();
  }

  private attach(): void {
    this.unsubscribeBackend = this.backend.subscribe((e) => this.emit(e));
  }

  private emit(e: BridgeEvent): void {
    for (const l of this.listeners) l(e);
  }
}
