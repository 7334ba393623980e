// The Docker adapter: the only place that talks to the Docker engine (through dockerode).
// It speaks in Docker's terms; the engine decides what they mean for a sandbox.
import Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { DockerEndpoint } from '../contract/engines';
import type { RegistryAuth } from '../engine/createSpec';
import { ArchiveApi } from './archive';
import { connectionOptions } from './discovery/connection';
import { envEndpoint } from './discovery/envHost';
import { platformDefault } from './discovery/resolve';
import { nodeSystem } from './discovery/system';
import { identify, withIdentity, type VersionAnswer } from './discovery/version';
import { ExecApi } from './exec';
import { MountsApi } from './mounts';
import { NetworkApi } from './networks';
import { authServerAddress, parseImageRef } from './imageRef';
import { followJsonLines } from './jsonLines';
import { ObserveApi } from './observe';
import { LABEL } from './labels';
import { Limiter } from './limiter';

/**
 * Lifecycle changes Docker is handed at once (create, start, pause, unpause, remove). Measured
 * under the load bench on 2 cores: unbounded, hundreds pile up and Docker's own inspect p99 goes
 * to 1.5 s; with 8, it stays near 60 ms and the changes finish as fast overall.
 */
const CHANGES_AT_ONCE = 8;
/** Stops wait on their own: one that sits out its grace period must not hold up creates. */
const STOPS_AT_ONCE = 8;

/** Raised when the Docker engine cannot be reached at all (as opposed to refusing a request). */
export class DockerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerUnreachableError';
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EACCES']);

interface ModemError {
  code?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | string | null;
  message?: string;
}

export function isUnreachable(err: unknown): boolean {
  if (err instanceof DockerUnreachableError) return true;
  const e = err as ModemError;
  return typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code);
}

/** Docker's own error text, without dockerode's "(HTTP code 500) server error -" wrapping. */
export function dockerMessage(err: unknown): string {
  const e = err as ModemError;
  if (isUnreachable(err)) return `Docker is not reachable (${e.code ?? e.message ?? 'no answer'})`;
  if (e?.json && typeof e.json === 'object' && e.json.message) return e.json.message;
  if (typeof e?.json === 'string' && e.json.trim()) return e.json.trim();
  const msg = e?.message ?? String(err);
  return msg.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

export function statusCode(err: unknown): number | undefined {
  return (err as ModemError)?.statusCode;
}

export interface ContainerFacts {
  id: string;
  /** Docker's state: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  ip: string | null;
  /** The host side of the container's network (its bridge's address), where the host answers it. */
  gateway: string | null;
  /** The container's first process as the engine's host sees it (0 when not running). */
  pid: number;
  ports: Record<string, number>;
  labels: Record<string, string>;
}

export interface ManagedContainer {
  id: string;
  state: string;
  labels: Record<string, string>;
}

export interface DockerEvent {
  action: string;
  containerId: string;
  sandboxId: string | undefined;
  exitCode: number | undefined;
}

export interface PullProgress {
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

const LAYER_STATUS = /^(Pulling fs layer|Waiting|Downloading|Verifying Checksum|Download complete|Extracting|Pull complete|Already exists)$/;

interface PullMessage {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** Docker multiplexes stdout/stderr of non-TTY containers in frames: [stream, 0, 0, 0, size(4)]. */
export function demuxLogs(raw: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= raw.length) {
    const size = raw.readUInt32BE(i + 4);
    out += raw.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}

/** Where the Docker CLI would connect with no context: DOCKER_HOST, else the platform's default. */
export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  return envEndpoint(nodeSystem(env)) ?? platformDefault(process.platform);
}

export class DockerRuntime {
  private readonly docker: Docker;
  /** A second client with a short timeout, so a hung daemon cannot hang the health check. */
  private quick: Docker;
  private current: DockerEndpoint;
  /** Processes inside containers (commands, terminal, file tools). */
  readonly exec: ExecApi;
  /** File contents and metadata through Docker's archive API (no tool needed in the image). */
  readonly archive: ArchiveApi;
  /** Logs and resource usage (Docker stats) of containers. */
  readonly observe: ObserveApi;
  /** Sandboxes' Docker networks. */
  readonly networks: NetworkApi;
  /** What containers mount, and who made a volume. */
  readonly mounts: MountsApi;
  private readonly changes = new Limiter(CHANGES_AT_ONCE);
  private readonly stops = new Limiter(STOPS_AT_ONCE);

  constructor(endpoint: DockerEndpoint = endpointFromEnv()) {
    const opts = connectionOptions(endpoint, (p) => readFileSync(p));
    this.docker = new Docker(opts);
    this.quick = new Docker({ ...opts, timeout: 3000 });
    this.current = endpoint;
    this.exec = new ExecApi(this.docker);
    this.archive = new ArchiveApi(this.docker);
    this.observe = new ObserveApi(this.docker);
    this.networks = new NetworkApi(this.docker);
    this.mounts = new MountsApi(this.docker);
  }

  /** The Docker host in use, as DOCKER_HOST spells it. */
  get endpoint(): string {
    return this.current.host;
  }

  /** The endpoint in use, with its name (renamed to Podman once Podman answers on it). */
  get target(): DockerEndpoint {
    return this.current;
  }

  /**
   * Points this runtime at another Docker engine. The one client object stays, with a new
   * connection underneath: exec, archive, observe and everyone holding this runtime follow,
   * while calls already under way finish on the engine they started on. The engine makes sure
   * no sandbox work is under way before it switches.
   */
  use(endpoint: DockerEndpoint): void {
    const opts = connectionOptions(endpoint, (p) => readFileSync(p));
    this.docker.modem = new Docker(opts).modem;
    this.quick = new Docker({ ...opts, timeout: 3000 });
    this.current = endpoint;
  }

  /** Resolves to the engine's version, or rejects when Docker does not answer. */
  async ping(): Promise<string> {
    const quick = this.quick;
    const target = this.current;
    await quick.ping();
    const id = identify((await quick.version()) as VersionAnswer);
    // Only if still on the same engine: a switch may have happened while this ping was out.
    if (this.current === target) this.current = withIdentity(target, id);
    return id.detail;
  }

  /** The image's exposed ports (e.g. `8000/tcp`), or null when the image is not present. */
  async inspectImage(ref: string): Promise<{ exposedPorts: string[] } | null> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return { exposedPorts: Object.keys(info.Config?.ExposedPorts ?? {}) };
    } catch (err) {
      if (statusCode(err) === 404) return null;
      throw err;
    }
  }

  async pull(
    uri: string,
    auth: RegistryAuth | null,
    platform: string | null,
    onProgress: (p: PullProgress) => void,
  ): Promise<void> {
    const ref = parseImageRef(uri);
    if (!ref) throw new Error(`"${uri}" is not a valid image reference`);
    const opts: Record<string, unknown> = {};
    if (auth) opts['authconfig'] = { ...auth, serveraddress: authServerAddress(ref.registry) };
    if (platform) opts['platform'] = platform;
    const stream = (await this.docker.pull(ref.pullRef, opts)) as Readable;
    const layers = new Map<string, { current: number; total: number; done: boolean }>();
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, output: PullMessage[]) => {
          const failed = output?.find((m) => m.error);
          if (err) reject(err);
          else if (failed) reject(new Error(failed.errorDetail?.message ?? failed.error));
          else resolve();
        },
        (m: PullMessage) => {
          if (!m.id || !m.status || !LAYER_STATUS.test(m.status)) return;
          const layer = layers.get(m.id) ?? { current: 0, total: 0, done: false };
          if (m.status === 'Downloading' && m.progressDetail?.total) {
            layer.current = m.progressDetail.current ?? 0;
            layer.total = m.progressDetail.total;
          }
          if (m.status === 'Pull complete' || m.status === 'Already exists') layer.done = true;
          layers.set(m.id, layer);
          let bytesDone = 0;
          let bytesTotal = 0;
          let layersDone = 0;
          for (const l of layers.values()) {
            bytesDone += l.done ? l.total : l.current;
            bytesTotal += l.total;
            if (l.done) layersDone++;
          }
          onProgress({ layersDone, layersTotal: layers.size, bytesDone, bytesTotal });
        },
      );
    });
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<void> {
    await this.docker.createVolume({ Name: name, Labels: labels });
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (err) {
      if (statusCode(err) !== 404) throw err;
    }
  }

  async createContainer(name: string, body: ContainerCreateOptions, platform: string | null): Promise<string> {
    const query: Record<string, string> = { name };
    if (platform) query['platform'] = platform;
    // docker-modem sends `_query` as the query string and `_body` as the JSON body.
    const options = { _query: query, _body: body } as unknown as ContainerCreateOptions;
    const c = await this.changes.run(() => this.docker.createContainer(options));
    return c.id;
  }

  async start(id: string): Promise<void> {
    await this.changes.run(() => this.docker.getContainer(id).start());
  }

  async pause(id: string): Promise<void> {
    await this.changes.run(() => this.docker.getContainer(id).pause());
  }

  async unpause(id: string): Promise<void> {
    await this.changes.run(() => this.docker.getContainer(id).unpause());
  }

  /** Stops (SIGTERM, then SIGKILL after the grace period) and removes, with anonymous volumes. */
  async destroy(id: string, graceSeconds: number): Promise<void> {
    const c = this.docker.getContainer(id);
    try {
      await this.stops.run(() => c.stop({ t: graceSeconds }));
    } catch (err) {
      const code = statusCode(err);
      // 304: already stopped; 404: already gone; 409 on a paused container: remove kills it.
      if (code !== 304 && code !== 404 && code !== 409) throw err;
      if (code === 404) return;
    }
    try {
      await this.changes.run(() => c.remove({ force: true, v: true }));
    } catch (err) {
      const code = statusCode(err);
      if (code !== 404 && code !== 409) throw err;
    }
  }

  async inspect(id: string): Promise<ContainerFacts | null> {
    try {
      const info = await this.docker.getContainer(id).inspect();
      const ports: Record<string, number> = {};
      for (const [port, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
        const hostPort = bindings?.find((b) => b.HostIp === '127.0.0.1' || b.HostIp === '')?.HostPort;
        if (hostPort) ports[port.replace(/\/tcp$/, '')] = Number(hostPort);
      }
      const networks = Object.values(info.NetworkSettings?.Networks ?? {});
      const attached = networks.find((n) => n.IPAddress);
      return {
        id: info.Id,
        state: info.State.Status,
        exitCode: info.State.ExitCode,
        error: info.State.Error,
        oomKilled: info.State.OOMKilled,
        ip: attached?.IPAddress || null,
        gateway: attached?.Gateway || null,
        pid: info.State.Pid ?? 0,
        ports,
        labels: info.Config.Labels ?? {},
      };
    } catch (err) {
      if (statusCode(err) === 404) return null;
      throw err;
    }
  }

  /** The last lines a container printed (stdout and stderr), to explain why it stopped. */
  async lastLogLines(id: string, lines: number): Promise<string> {
    try {
      const raw = (await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as Buffer;
      return demuxLogs(raw).trim();
    } catch {
      return '';
    }
  }

  /** Every container of this Sandlot instance, in any state. */
  async listManaged(instanceId: string): Promise<ManagedContainer[]> {
    const list = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABEL.managed}=true`, `${LABEL.instance}=${instanceId}`] },
    });
    return list.map((c) => ({ id: c.Id, state: c.State, labels: c.Labels }));
  }

  /**
   * Follows Docker's event stream for this instance's containers. `onEnd` runs once when the
   * stream stops for any reason (daemon gone, connection reset), so the caller can reconnect.
   */
  async watch(instanceId: string, onEvent: (e: DockerEvent) => void, onEnd: (err?: Error) => void): Promise<() => void> {
    const stream = (await this.docker.getEvents({
      filters: { type: ['container'], label: [`${LABEL.managed}=true`, `${LABEL.instance}=${instanceId}`] },
    })) as unknown as Readable;
    return followJsonLines(stream, (value) => {
      const e = value as { Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
      const attrs = e.Actor?.Attributes ?? {};
      onEvent({
        action: (e.Action ?? '').split(':')[0] ?? '',
        containerId: e.Actor?.ID ?? '',
        sandboxId: attrs[LABEL.sandboxId],
        exitCode: attrs['exitCode'] !== undefined ? Number(attrs['exitCode']) : undefined,
      });
    }, onEnd);
  }
}
