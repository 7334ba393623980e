// The Docker side of a sandbox's life: bringing it up (pull, volumes, container, start) and
// taking it down (container, volumes). Failures end in Failed with Docker's words, and leave
// no container or volume behind.
import type { SandboxVolume } from '../contract/sandbox';
import { containerName, containerOptions } from '../runtime/containerConfig';
import { dockerMessage, isUnreachable, type DockerRuntime, type PullProgress } from '../runtime/docker';
import { LABEL } from '../runtime/labels';
import { madeBy } from '../runtime/mounts';
import type { SandboxSpec } from './createSpec';
import type { DockerLink } from './dockerLink';
import { HostMountGuard } from './hostMounts';
import { SandboxNetworks } from './sandboxNetworks';
import type { SandboxTable } from './table';

const STOP_GRACE_SECONDS = 5;
const PROGRESS_EVERY_MS = 250;

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function describePull(image: string, p: PullProgress): string {
  const bytes = p.bytesTotal > 0 ? `, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : '';
  return `Pulling ${image}: ${p.layersDone}/${p.layersTotal} layers${bytes}`;
}

/** Why provisioning stopped early: the user deleted (or TTL expired) the sandbox meanwhile. */
class Cancelled extends Error {}

export class Provisioner {
  /** Container addresses for the proxy, learned at start and on reconcile; never stored. */
  readonly addresses = new Map<string, string>();
  /** Host folders between their check and the container's start. */
  readonly mounts: HostMountGuard;
  /** The sandboxes' Docker networks. */
  readonly networks: SandboxNetworks;

  constructor(
    private readonly table: SandboxTable,
    private readonly runtime: DockerRuntime,
    private readonly link: DockerLink,
  ) {
    this.mounts = new HostMountGuard(runtime, () => table.all());
    this.networks = new SandboxNetworks(runtime);
  }

  private checkNotCancelled(id: string): void {
    if (this.table.get(id)?.status.state !== 'Pending') throw new Cancelled();
  }

  /** Runs in the background after create has answered 202. */
  async provision(id: string, spec: SandboxSpec, instanceId: string): Promise<void> {
    const secret = spec.auth?.password;
    try {
      const platform = spec.platform ? `${spec.platform.os}/${spec.platform.arch}` : null;
      let image = await this.runtime.inspectImage(spec.image);
      if (!image) {
        this.table.note(id, 'image_pull', `Pulling ${spec.image}`);
        let last = 0;
        try {
          await this.runtime.pull(spec.image, spec.auth, platform, (p) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            if (this.table.get(id)?.status.state === 'Pending') this.table.note(id, 'image_pull', describePull(spec.image, p));
          });
        } catch (err) {
          if (isUnreachable(err)) throw err;
          throw new Error(`Could not pull ${spec.image}: ${dockerMessage(err)}`);
        }
        image = await this.runtime.inspectImage(spec.image);
        if (!image) throw new Error(`Docker pulled ${spec.image} but cannot find it`);
      }
      this.checkNotCancelled(id);
      this.table.note(id, 'provisioning', 'Creating the container');
      await this.prepareVolumes(id, spec, instanceId);
      this.checkNotCancelled(id);
      const r = this.table.require(id);
      const containerId = await this.networks.attach(id, instanceId, spec.networkGroup, () =>
        this.runtime.createContainer(
          containerName(id),
          containerOptions(spec, { sandboxId: id, instanceId, createdAt: r.createdAt, expiresAt: r.expiresAt }, image.exposedPorts),
          platform,
        ),
      );
      // Not written yet: the container carries the sandbox id in its labels, so a crash before
      // the next write still finds it. Saves a disk write on every create.
      this.table.stage(id, { containerId });
      this.checkNotCancelled(id);
      await this.runtime.start(containerId);
      const facts = await this.runtime.inspect(containerId);
      this.checkNotCancelled(id);
      if (!facts || facts.state !== 'running') {
        const said = facts ? await this.runtime.lastLogLines(containerId, 3) : '';
        const why = facts ? `exited with code ${facts.exitCode}${facts.error ? `: ${facts.error}` : ''}` : 'disappeared';
        throw new Error(`The entry process ${why} right after start${said ? `; it said: ${said}` : ''}`);
      }
      await this.mounts.verify(containerId, facts.pid, spec.volumes);
      if (facts.ip) this.addresses.set(id, facts.ip);
      await this.table.transition(id, 'Running', 'started', 'The sandbox is running', { ports: facts.ports });
    } catch (err) {
      if (isUnreachable(err)) this.link.lost(err);
      if (err instanceof Cancelled || this.table.get(id)?.status.state === 'Stopping') {
        await this.teardown(id);
        return;
      }
      await this.removeLeftovers(id, { allCreatedVolumes: true });
      // Deleted while the leftovers were being removed: the delete was acknowledged, so it ends
      // Terminated like any delete, not Failed.
      if (this.table.get(id)?.status.state === 'Stopping') {
        await this.teardown(id);
        return;
      }
      const words = err instanceof Error && !('statusCode' in err) ? err.message : dockerMessage(err);
      const message = secret ? words.split(secret).join('***') : words;
      const reason = message.startsWith('Could not pull') ? 'image_pull_failed' : isUnreachable(err) ? 'docker_unreachable' : 'runtime_error';
      if (this.table.get(id)) await this.table.transition(id, 'Failed', reason, message);
    }
  }

  private async prepareVolumes(id: string, spec: SandboxSpec, instanceId: string): Promise<void> {
    if (spec.volumes.length === 0) return;
    const volumes: SandboxVolume[] = [];
    for (const v of spec.volumes) {
      let created = false;
      const labels = v.kind === 'pvc' ? await this.runtime.mounts.volumeLabels(v.source) : null;
      if (v.kind === 'pvc' && labels === null) {
        if (!v.createIfNotExists) throw new Error(`The volume "${v.source}" does not exist (createIfNotExists is false)`);
        created = true;
      } else if (labels !== null && !spec.allowUnmanagedVolumes && !madeBy(labels, instanceId)) {
        throw new Error(`The volume "${v.source}" was made outside Sandlot after the request was accepted; Sandlot mounts only its own volumes (see Settings)`);
      }
      volumes.push({
        name: v.name, kind: v.kind, source: v.source, mountPath: v.mountPath, readOnly: v.readOnly,
        created, deleteOnTermination: v.deleteOnTermination,
      });
    }
    // Record the volumes we are about to create before creating them, so that a crash right
    // after cannot leave a volume nobody knows about; host folders are checked again and
    // claimed in the same step (hostMounts.ts).
    await this.mounts.claim(id, spec.volumes, () => this.table.update(id, { volumes }));
    for (const v of volumes) {
      if (v.created) await this.runtime.createVolume(v.source, { [LABEL.managed]: 'true', [LABEL.instance]: instanceId, [LABEL.sandboxId]: id });
    }
  }

  /** Removes the container and the volumes the sandbox asked to remove. */
  private async removeLeftovers(id: string, opts: { allCreatedVolumes: boolean }): Promise<void> {
    const r = this.table.get(id);
    if (!r) return;
    this.addresses.delete(id);
    if (r.containerId) await this.runtime.destroy(r.containerId, STOP_GRACE_SECONDS);
    await this.networks.leave(id).catch((err: unknown) => {
      if (isUnreachable(err)) throw err;
      // The sandbox is gone either way; the next reconcile removes an empty network.
      console.error(`sandlot: could not remove the network of sandbox ${id}: ${dockerMessage(err)}`);
    });
    for (const v of r.volumes) {
      if (v.kind === 'pvc' && v.created && (opts.allCreatedVolumes || v.deleteOnTermination)) {
        await this.runtime.removeVolume(v.source);
      }
    }
  }

  /**
   * Forgets a Terminated or Failed sandbox whose retention window has passed, removing what a
   * Failed one still held (its exited container, kept until now so its logs could be read).
   * If Docker is away, the record stays and the next sweep tries again.
   */
  async purge(id: string): Promise<void> {
    try {
      await this.removeLeftovers(id, { allCreatedVolumes: false });
      await this.table.purge(id);
    } catch (err) {
      if (isUnreachable(err)) this.link.lost(err);
      else console.error(`sandlot: could not purge sandbox ${id}: ${dockerMessage(err)}`);
    }
  }

  /**
   * Finishes a sandbox in Stopping: removes what is left and lands in Terminated, keeping the
   * reason and message that Stopping was given (user_delete, ttl_expiry). If Docker is away it
   * stays in Stopping, and the reconcile after reconnecting finishes the job.
   */
  async teardown(id: string): Promise<void> {
    const r = this.table.get(id);
    if (!r || r.status.state !== 'Stopping') return;
    try {
      await this.removeLeftovers(id, { allCreatedVolumes: false });
      const done = r.status.reason === 'ttl_expiry' ? 'Expired and removed' : 'Deleted';
      await this.table.transition(id, 'Terminated', r.status.reason, done, { ports: {} });
    } catch (err) {
      if (isUnreachable(err)) {
        this.link.lost(err);
        return;
      }
      await this.table.transition(id, 'Failed', 'runtime_error', `Could not remove the container: ${dockerMessage(err)}`);
    }
  }
}
