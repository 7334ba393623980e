// SandboxEngine: the only place that decides lifecycle. The HTTP API, the IPC bridge, the web
// bridge and the tray are thin adapters over these methods and this event stream.
import { randomUUID } from 'node:crypto';
import type { DockerEndpoint } from '../contract/engines';
import type { EngineEvent, EngineStatus, SandboxRecord, SandboxState } from '../contract/sandbox';
import type { CreateSandboxRequest, MetadataPatch, Pagination } from '../contract/schemas';
import type { Settings } from '../contract/settings';
import { dockerMessage, isUnreachable, type DockerRuntime } from '../runtime/docker';
import type { RecordStore } from '../store/records';
import { admit } from './admission';
import { buildSandboxSpec } from './createSpec';
import { DockerLink } from './dockerLink';
import { EngineError, invalid } from './errors';
import { ExpiryScheduler } from './expiry';
import { listRecords, parseListQuery, type ListQueryInput } from './listing';
import { mergeMetadata } from './metadata';
import { Provisioner } from './provisioner';
import { Reconciler } from './reconciler';
import { isLive } from './states';
import { SandboxTable } from './table';

/** The port OpenSandbox SDKs look up for the execd API. */
export const EXECD_PORT = 44772;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface EngineOptions {
  runtime: DockerRuntime;
  store: RecordStore;
  settings: () => Readonly<Settings>;
  now?: () => Date;
}

export interface PortTarget {
  host: string;
  port: number;
}

export class SandboxEngine {
  private readonly table: SandboxTable;
  private readonly link: DockerLink;
  private readonly provisioner: Provisioner;
  private readonly reconciler: Reconciler;
  private readonly expiry: ExpiryScheduler;
  private readonly settings: () => Readonly<Settings>;
  private readonly runtime: DockerRuntime;
  /** host:port of the API, for server-proxy endpoints; set once the API listens. */
  private apiAddress = '127.0.0.1:8080';

  constructor(opts: EngineOptions) {
    this.settings = opts.settings;
    this.runtime = opts.runtime;
    this.table = new SandboxTable(opts.store, opts.now);
    const instanceId = this.settings().instanceId;
    this.link = new DockerLink(opts.runtime, instanceId, {
      onConnected: () => this.reconciler.reconcileAll(),
      onEvent: (e) => this.reconciler.onEvent(e),
      onStatus: (status) => this.table.emit({ type: 'engine', status }),
    });
    this.provisioner = new Provisioner(this.table, opts.runtime, this.link);
    this.reconciler = new Reconciler(this.table, opts.runtime, this.provisioner, this.link, instanceId);
    this.expiry = new ExpiryScheduler({
      all: () => this.table.all(),
      nowMs: () => this.table.nowMs(),
      retentionMs: () => this.settings().terminatedRetentionSeconds * 1000,
      expire: (id) => void this.stop(id, 'ttl_expiry').catch(() => undefined),
      purge: (id) => this.purge(id),
    });
    this.table.subscribe((e) => {
      if (e.type === 'sandbox') this.expiry.track(e.sandbox);
      if (e.type === 'removed') this.expiry.forget(e.id);
    });
  }

  private readonly purging = new Set<string>();

  private purge(id: string): void {
    if (this.purging.has(id) || !this.link.connected) return;
    this.purging.add(id);
    void this.table.withLock(id, () => this.provisioner.purge(id)).finally(() => this.purging.delete(id));
  }

  /** Loads the store, connects to Docker (recovering what it has), starts expiry. */
  async start(): Promise<void> {
    await this.table.store.load();
    // Only the records of the engine in use are visible; older records without one become its.
    this.table.store.useEngine(this.runtime.endpoint);
    await this.link.start();
    // Expired while the app was down: reaped by the first sweep, right now.
    this.expiry.start();
  }

  /** Stops timers and Docker watching. Sandboxes keep running. */
  async close(): Promise<void> {
    this.expiry.stop();
    this.link.stop();
    await this.table.store.close();
  }

  /** The Docker endpoint in use. */
  get dockerEndpoint(): DockerEndpoint {
    return this.runtime.target;
  }

  private switching = false;

  /**
   * Moves to another Docker engine. The sandboxes of the engine left behind are neither
   * reconciled nor touched: they stay on it, hidden, until it is used again. Refused while a
   * sandbox is between states, whose remaining Docker work would otherwise land on the wrong
   * engine.
   */
  async useEngine(endpoint: DockerEndpoint): Promise<void> {
    if (endpoint.host === this.runtime.endpoint) return;
    if (this.switching) throw new EngineError('conflict', 'Sandlot is already switching Docker engines; try again in a moment');
    const busy = this.table.all().find((r) => ['Pending', 'Pausing', 'Resuming', 'Stopping'].includes(r.status.state));
    if (busy) {
      throw new EngineError('conflict', `Sandbox ${busy.id} is ${busy.status.state}; switch Docker engines once it has finished`);
    }
    this.switching = true;
    try {
      await this.link.halt(`Switching to ${endpoint.name}…`);
      await this.table.idle();
      this.runtime.use(endpoint);
      await this.table.useEngine(endpoint.host);
      this.reconciler.restart();
      await this.link.start();
    } finally {
      this.switching = false;
    }
  }

  setApiAddress(hostPort: string): void {
    this.apiAddress = hostPort;
  }

  get status(): EngineStatus {
    return this.link.status;
  }

  /** Whether the Docker engine in use has answered since it was chosen. */
  get answered(): boolean {
    return this.link.answered;
  }

  subscribe(listener: (e: EngineEvent) => void): () => void {
    return this.table.subscribe(listener);
  }

  /** Every record, newest first, whatever Docker's state (for the UI's first paint). */
  snapshot(): SandboxRecord[] {
    return this.table.all();
  }

  async create(req: CreateSandboxRequest): Promise<SandboxRecord> {
    const settings = this.settings();
    const spec = await buildSandboxSpec(req, settings);
    this.link.require();
    await admit(spec, this.runtime, this.provisioner.mounts, settings.instanceId).catch((err: unknown) => {
      if (isUnreachable(err)) this.link.lost(err);
      this.link.require();
      throw err;
    });
    const id = randomUUID();
    const now = this.table.nowMs();
    const at = new Date(now).toISOString();
    const record: SandboxRecord = {
      id,
      containerId: null,
      image: spec.image,
      entrypoint: spec.entrypoint,
      metadata: spec.metadata,
      resourceLimits: spec.resourceLimits,
      platform: spec.platform,
      volumes: [],
      ports: {},
      status: { state: 'Pending', reason: 'provisioning', message: 'Preparing the sandbox', lastTransitionAt: at },
      createdAt: at,
      expiresAt: spec.timeoutSeconds === null ? null : new Date(now + spec.timeoutSeconds * 1000).toISOString(),
      finishedAt: null,
    };
    await this.table.save(record);
    void this.table.withLock(id, () => this.provisioner.provision(id, spec, settings.instanceId));
    return record;
  }

  get(id: string): SandboxRecord {
    this.link.require();
    return this.table.require(id);
  }

  list(query: ListQueryInput): { items: SandboxRecord[]; pagination: Pagination } {
    const filter = parseListQuery(query);
    this.link.require();
    return listRecords(this.table.all(), filter);
  }

  async delete(id: string): Promise<void> {
    this.link.require();
    await this.stop(id, 'user_delete');
  }

  /** Moves a sandbox to Stopping and removes it in the background. Repeats are no-ops. */
  private async stop(id: string, reason: 'user_delete' | 'ttl_expiry'): Promise<void> {
    const r = this.table.require(id);
    const s = r.status.state;
    if (s === 'Stopping' || s === 'Terminated') return;
    if (reason === 'ttl_expiry' && !isLive(s)) return;
    const message = reason === 'ttl_expiry' ? `Expired at ${r.expiresAt ?? 'its deadline'}; removing` : 'Deleting';
    await this.table.transition(id, 'Stopping', reason, message);
    // A Pending sandbox's provisioning sees Stopping and tears down itself, under the same lock.
    void this.table.withLock(id, () => this.provisioner.teardown(id));
  }

  async pause(id: string): Promise<void> {
    await this.begin(id, 'Running', 'Pausing', 'user_pause', 'Pausing', 'paused');
    void this.dockerStep(id, 'Pausing', async (containerId, runtime) => {
      await runtime.pause(containerId);
      await this.table.transition(id, 'Paused', 'user_pause', 'Paused; memory is kept');
    });
  }

  async resume(id: string): Promise<void> {
    await this.begin(id, 'Paused', 'Resuming', 'user_resume', 'Resuming', 'resumed');
    void this.dockerStep(id, 'Resuming', async (containerId, runtime) => {
      await runtime.unpause(containerId);
      await this.table.transition(id, 'Running', 'user_resume', 'The sandbox is running');
    });
  }

  /**
   * Checks the state and enters the in-between state under the sandbox's lock, so that Docker
   * events still queued from the previous action are applied first and cannot be mistaken for
   * someone else's pause or unpause.
   */
  private async begin(id: string, from: SandboxState, to: SandboxState, reason: string, message: string, verb: string): Promise<void> {
    this.link.require();
    const refuse = (r: SandboxRecord) =>
      new EngineError('conflict', `Sandbox ${id} is ${r.status.state}; only a ${from} sandbox can be ${verb}`);
    const early = this.table.require(id);
    if (early.status.state !== from) throw refuse(early);
    await this.table.withLock(id, async () => {
      const r = this.table.require(id);
      if (r.status.state !== from) throw refuse(r);
      await this.table.transition(id, to, reason, message);
    });
  }

  /**
   * Runs a Docker call for a sandbox under its lock, if it is still in `expected` by then.
   * When Docker refuses, the record falls back to what Docker really has.
   */
  private dockerStep(
    id: string,
    expected: SandboxState,
    step: (containerId: string, runtime: DockerRuntime) => Promise<void>,
  ): Promise<void> {
    return this.table.withLock(id, async () => {
      const r = this.table.get(id);
      if (!r || r.status.state !== expected || !r.containerId) return;
      try {
        await step(r.containerId, this.runtime);
      } catch (err) {
        if (isUnreachable(err)) {
          this.link.lost(err);
          return;
        }
        const back = expected === 'Pausing' ? 'Running' : 'Paused';
        const current = this.table.get(id);
        if (current?.status.state === expected) {
          await this.table.transition(id, back, 'runtime_error', `Docker refused: ${dockerMessage(err)}`);
        }
      }
    });
  }

  async renew(id: string, expiresAt: string): Promise<SandboxRecord> {
    this.link.require();
    const r = this.table.require(id);
    if (!RFC3339.test(expiresAt) || Number.isNaN(Date.parse(expiresAt))) {
      throw invalid('expiresAt', `"${expiresAt}" is not an RFC 3339 date-time (e.g. 2030-01-01T12:00:00Z)`);
    }
    const at = Date.parse(expiresAt);
    const now = this.table.nowMs();
    const max = this.settings().maxTimeoutSeconds;
    if (!isLive(r.status.state)) {
      throw new EngineError('conflict', `Sandbox ${id} is ${r.status.state}; only a live sandbox can be renewed`);
    }
    if (at <= now) throw invalid('expiresAt', `${expiresAt} is not in the future`);
    if (r.expiresAt && at <= Date.parse(r.expiresAt)) {
      throw invalid('expiresAt', `${expiresAt} is not later than the current expiry ${r.expiresAt}`);
    }
    if (at > now + max * 1000) {
      throw invalid('expiresAt', `${expiresAt} is more than the maximum of ${max} seconds from now`);
    }
    return this.table.update(id, { expiresAt: new Date(at).toISOString() });
  }

  async patchMetadata(id: string, patch: MetadataPatch): Promise<SandboxRecord> {
    this.link.require();
    const r = this.table.require(id);
    if (r.status.state === 'Terminated') {
      throw new EngineError('conflict', `Sandbox ${id} is Terminated; its metadata can no longer change`);
    }
    return this.table.update(id, { metadata: mergeMetadata(r.metadata, patch) });
  }

  /** Pauses every Running sandbox (tray "Pause all", quit behaviour "pause"); returns how many. */
  async pauseAll(): Promise<number> {
    return this.forEachIn('Running', (id) => this.pause(id));
  }

  /** Resumes every Paused sandbox; returns how many. */
  async resumeAll(): Promise<number> {
    return this.forEachIn('Paused', (id) => this.resume(id));
  }

  /** Deletes every live sandbox (quit behaviour "delete"); returns how many. */
  async deleteAll(): Promise<number> {
    const ids = this.table.all().filter((r) => isLive(r.status.state)).map((r) => r.id);
    await Promise.all(ids.map((id) => this.delete(id).catch(() => undefined)));
    return ids.length;
  }

  /** Waits until no sandbox is in an in-between state (Pausing, Resuming, Stopping), or the timeout. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const busy = () => this.table.all().some((r) => r.status.state === 'Pausing' || r.status.state === 'Resuming' || r.status.state === 'Stopping');
    while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  private async forEachIn(state: SandboxState, op: (id: string) => Promise<void>): Promise<number> {
    const ids = this.table.all().filter((r) => r.status.state === state).map((r) => r.id);
    // A sandbox that changed state meanwhile refuses with 409; the others still go ahead.
    const results = await Promise.allSettled(ids.map(op));
    return results.filter((r) => r.status === 'fulfilled').length;
  }

  /** The address (no scheme) where a port of a sandbox answers. */
  endpoint(id: string, port: number, useServerProxy: boolean): string {
    this.link.require();
    const r = this.table.require(id);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('port', `${port} is not a port from 1 to 65535`);
    if (!isLive(r.status.state)) {
      throw new EngineError('conflict', `Sandbox ${id} is ${r.status.state}; it has no endpoints`);
    }
    // Sandlot itself answers execd's port, through the Docker exec API: nothing runs in the image.
    if (port === EXECD_PORT) return `${this.apiAddress}/v1/sandboxes/${id}/execd`;
    const published = r.ports[String(port)];
    if (published && !useServerProxy) return `127.0.0.1:${published}`;
    return `${this.apiAddress}/v1/sandboxes/${id}/proxy/${port}`;
  }

  /**
   * The container of a Running sandbox, for work inside it (commands, files, terminal, logs
   * follow). 404 for an unknown id, 409 with the state when it is not Running, 503 without Docker.
   */
  runningContainer(id: string): string {
    this.link.require();
    const r = this.table.require(id);
    if (r.status.state !== 'Running' || !r.containerId) {
      throw new EngineError('conflict', `Sandbox ${id} is ${r.status.state}; only a Running sandbox can do that`);
    }
    return r.containerId;
  }

  /** The container of a sandbox in any state that still has one (logs of a Failed sandbox). */
  anyContainer(id: string): string {
    this.link.require();
    const r = this.table.require(id);
    if (!r.containerId) throw new EngineError('conflict', `Sandbox ${id} is ${r.status.state} and has no container`);
    return r.containerId;
  }

  /** Where the proxy should connect for a port of a Running sandbox. */
  proxyTarget(id: string, port: number): PortTarget {
    this.link.require();
    const r = this.table.require(id);
    if (r.status.state !== 'Running') {
      throw new EngineError('conflict', `Sandbox ${id} is ${r.status.state}; only a Running sandbox can be reached`);
    }
    const published = r.ports[String(port)];
    // A published port also works where container addresses are not routable (Docker Desktop).
    if (published) return { host: '127.0.0.1', port: published };
    const ip = this.provisioner.addresses.get(id);
    if (!ip) throw new EngineError('conflict', `Sandbox ${id} has no network address`);
    return { host: ip, port };
  }
}
