// A remote OpenSandbox server as a SandboxBackend. It has no event stream, so while someone
// listens (the window, the tray) it polls the whole list (every page) and emits the same
// EngineEvents the local engine does: sandboxes changed or removed, and `engine` status for
// the server's reachability. A change made through it is polled again at once, so the UI
// follows without waiting for the next tick.
import type { EndpointLink } from '../contract/bridge';
import type { EngineEvent, EngineStatus, SandboxRecord } from '../contract/sandbox';
import type { CreateSandboxRequest, MetadataPatch } from '../contract/schemas';
import type { SandboxBackend } from '../contexts/backend';
import { LifecycleClient, type FetchLike } from './client';
import { diffRecords } from './diff';
import { recordFromWire, type KnownFacts } from './mapping';

export const POLL_MS = 1500;
/** A poll must not outlast the next one by much; a slow server shows as unreachable. */
const POLL_TIMEOUT_MS = 5000;

export interface RemoteServer {
  url: string;
  apiKey: string;
}

export interface RemoteBackendOptions {
  pollMs?: number;
  fetch?: FetchLike;
  now?: () => Date;
}

const newestFirst = (a: SandboxRecord, b: SandboxRecord): number => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export class RemoteBackend implements SandboxBackend {
  private readonly client: LifecycleClient;
  private readonly records = new Map<string, SandboxRecord>();
  /** Image and limits of sandboxes created here: the wire's sandbox does not carry limits. */
  private readonly known = new Map<string, KnownFacts>();
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly pollMs: number;
  private readonly now: () => Date;
  private current: EngineStatus;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(server: RemoteServer, opts: RemoteBackendOptions = {}) {
    this.client = new LifecycleClient(server.url, server.apiKey, opts.fetch);
    this.pollMs = opts.pollMs ?? POLL_MS;
    this.now = opts.now ?? (() => new Date());
    this.current = { docker: 'connecting', detail: 'Connecting to the server…', endpoint: server.url, since: this.now().toISOString() };
  }

  get status(): EngineStatus {
    return this.current;
  }

  snapshot(): SandboxRecord[] {
    return [...this.records.values()].sort(newestFirst);
  }

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  /** Polls now; joins a poll already on its way but makes sure one starts after it. */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
      if (this.again && !this.closed) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.inFlight;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.listeners.size === 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh().finally(() => {
        if (this.timer === null) this.schedule(this.pollMs);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }

  private setStatus(docker: EngineStatus['docker'], detail: string): void {
    if (this.current.docker === docker && this.current.detail === detail) return;
    const since = this.current.docker === docker ? this.current.since : this.now().toISOString();
    this.current = { ...this.current, docker, detail, since };
    this.emit({ type: 'engine', status: this.current });
  }

  private async poll(): Promise<void> {
    let wire;
    try {
      wire = await this.client.listAll(POLL_TIMEOUT_MS);
    } catch (err) {
      // Records stay as last seen (like local ones while Docker is away); the status says why.
      this.setStatus('unreachable', err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.closed) return;
    this.setStatus('connected', 'OpenSandbox server');
    const next = wire.map((w) => recordFromWire(w, this.known.get(w.id)));
    this.apply(diffRecords(this.records, next));
    for (const id of this.known.keys()) if (!this.records.has(id)) this.known.delete(id);
  }

  private apply(events: EngineEvent[]): void {
    for (const e of events) {
      if (e.type === 'sandbox') this.records.set(e.sandbox.id, e.sandbox);
      if (e.type === 'removed') this.records.delete(e.id);
      this.emit(e);
    }
  }

  /** A record the server just answered with: applied at once, then the list is polled. */
  private upsert(r: SandboxRecord): SandboxRecord {
    const old = this.records.get(r.id);
    if (!old || JSON.stringify(old) !== JSON.stringify(r)) this.apply([{ type: 'sandbox', sandbox: r }]);
    return r;
  }

  private afterChange(): void {
    void this.refresh();
  }

  async create(req: CreateSandboxRequest): Promise<SandboxRecord> {
    const created = await this.client.create(req);
    const facts: KnownFacts = { ...(req.image ? { image: req.image.uri } : {}), ...(req.resourceLimits ? { resourceLimits: req.resourceLimits } : {}) };
    this.known.set(created.id, facts);
    const r = this.upsert(recordFromWire(created, facts));
    this.afterChange();
    return r;
  }

  async delete(id: string): Promise<void> {
    await this.client.delete(id);
    this.afterChange();
  }

  async pause(id: string): Promise<void> {
    await this.client.pause(id);
    this.afterChange();
  }

  async resume(id: string): Promise<void> {
    await this.client.resume(id);
    this.afterChange();
  }

  async renew(id: string, expiresAt: string): Promise<SandboxRecord> {
    await this.client.renew(id, expiresAt);
    // The answer carries only expiresAt; the whole sandbox comes from a GET.
    return this.upsert(recordFromWire(await this.client.get(id), this.known.get(id)));
  }

  async patchMetadata(id: string, patch: MetadataPatch): Promise<SandboxRecord> {
    return this.upsert(recordFromWire(await this.client.patchMetadata(id, patch), this.known.get(id)));
  }

  async endpoint(id: string, port: number): Promise<EndpointLink> {
    const { endpoint } = await this.client.endpoint(id, port);
    // Endpoints carry no scheme; the server's own scheme is the best guess for a browser.
    const scheme = this.client.baseUrl.startsWith('https:') ? 'https' : 'http';
    return { endpoint, direct: false, url: `${scheme}://${endpoint.replace(/\/?$/, '/')}` };
  }
}
