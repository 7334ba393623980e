// Host folders between the check and Docker's use of them. Docker resolves a bind source again
// when it starts the container, so whoever can write a folder on that path in between could swap
// it for a symlink (to / say) and get it mounted instead. Three steps close that window:
// - nobody Sandlot can see may write a folder on the path of another's host mount: a host mount
//   lying below a folder that someone mounts read-write is refused, and so is a read-write mount
//   of a folder holding someone's host mount (admit, at the request: a 400);
// - right before the container is made, under one lock for every create, the path must still
//   name the folder that was checked and the rule must still hold; the mount is then recorded
//   before the lock is released, so later creates see it (claim);
// - after start, the kernel's own mount table of the container must show the checked folder at
//   the mount point (verify), where the engine's processes are visible from here.
import { realpath } from 'node:fs/promises';
import type { SandboxRecord } from '../contract/sandbox';
import type { DockerRuntime } from '../runtime/docker';
import type { VolumeMount } from './createSpec';
import { invalid } from './errors';
import { identityOf, isBelow } from './hostPaths';
import { containerMountTable, hostLocation, mountedAt, resolveInContainer, type MountEntry } from './mountInfo';
import { isFinal } from './states';

/** A host path mounted by something that runs or may run: a sandbox, or any other container. */
export interface HostMountUse {
  source: string;
  readOnly: boolean;
  /** Who, in words: `sandbox <id>` or `container <name>`. */
  holder: string;
}

export interface SwapRisk {
  other: HostMountUse;
  /** True: the other can write a folder on this mount's path; false: this mount could write on the other's. */
  theirs: boolean;
}

/**
 * The rule: two host mounts are safe together unless one lies strictly below the other and the
 * outer one is writable. The same folder twice is safe: neither can rename the folder itself.
 */
export function swapRisk(mount: { source: string; readOnly: boolean }, others: readonly HostMountUse[]): SwapRisk | null {
  for (const other of others) {
    if (!other.readOnly && isBelow(mount.source, other.source)) return { other, theirs: true };
    if (!mount.readOnly && isBelow(other.source, mount.source)) return { other, theirs: false };
  }
  return null;
}

export function swapRiskWords(source: string, { other, theirs }: SwapRisk): string {
  return theirs
    ? `"${source}" lies inside "${other.source}", which ${other.holder} can write: it could swap a folder on the way for a symlink while this sandbox starts. Mount "${other.source}" itself, or delete ${other.holder} first`
    : `a read-write mount of "${source}" could swap a folder on the way to "${other.source}", which ${other.holder} mounts. Mount it read-only, or mount "${other.source}" itself`;
}

type HostMount = VolumeMount & { kind: 'host'; identity: string };

function hostMounts(mounts: readonly VolumeMount[]): Array<{ mount: HostMount; index: number }> {
  return mounts.flatMap((mount, index) => (mount.kind === 'host' && mount.identity !== null ? [{ mount: mount as HostMount, index }] : []));
}

export class HostMountGuard {
  /** One claim at a time: the check and the record it leads to must not interleave with another's. */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runtime: DockerRuntime,
    /** Every sandbox record Sandlot has (its own sandboxes' host mounts are in their records). */
    private readonly records: () => readonly SandboxRecord[],
  ) {}

  /** Host mounts that run or may run, except the given sandbox's own. */
  private async inUse(exceptId: string | null): Promise<HostMountUse[]> {
    const ours = this.records()
      .filter((r) => r.id !== exceptId && !isFinal(r.status.state))
      .flatMap((r) => r.volumes.filter((v) => v.kind === 'host').map((v) => ({ source: v.source, readOnly: v.readOnly, holder: `sandbox ${r.id}` })));
    const docker = await this.runtime.mounts.inUse();
    const theirs = await Promise.all(
      docker
        .filter((m) => m.sandboxId !== exceptId)
        .map(async (m) => ({
          // Docker keeps the path it was given; compare real paths.
          source: await realpath(m.source).catch(() => m.source),
          readOnly: m.readOnly,
          holder: m.sandboxId ? `sandbox ${m.sandboxId}` : `container ${m.container}`,
        })),
    );
    return [...ours, ...theirs];
  }

  /** At the request: refuses (400 naming the volume) a host mount that breaks the rule. */
  async admit(mounts: readonly VolumeMount[]): Promise<void> {
    const host = hostMounts(mounts);
    if (host.length === 0) return;
    const uses = await this.inUse(null);
    for (const { mount, index } of host) {
      const risk = swapRisk(mount, uses);
      if (risk) throw invalid(`volumes[${index}].host.path`, swapRiskWords(mount.source, risk));
    }
  }

  /**
   * Right before the container is made: checks again, under the lock, that each host path still
   * names the checked folder and that the rule holds, then runs `record` (which writes the
   * sandbox's volumes into its record) before anyone else may check.
   */
  async claim(id: string, mounts: readonly VolumeMount[], record: () => Promise<unknown>): Promise<void> {
    const host = hostMounts(mounts);
    if (host.length === 0) {
      await record();
      return;
    }
    const run = this.lock.then(async () => {
      for (const { mount } of host) {
        const now = await realpath(mount.source).catch(() => null);
        const identity = now === null ? null : await identityOf(now);
        if (now !== mount.source || identity !== mount.identity) {
          throw new Error(`The host folder "${mount.source}" changed after it was checked (${now === null ? 'it is gone' : now !== mount.source ? `it now leads to "${now}"` : 'another folder is there now'}); nothing was started`);
        }
      }
      const uses = await this.inUse(id);
      for (const { mount } of host) {
        const risk = swapRisk(mount, uses);
        if (risk) throw new Error(`The host folder cannot be mounted now: ${swapRiskWords(mount.source, risk)}`);
      }
      await record();
    });
    this.lock = run.catch(() => undefined);
    await run;
  }

  /**
   * After start: what the container's mount table shows at each host mount's point must be the
   * checked folder (same filesystem, same folder in it). Skipped where the container's processes
   * cannot be seen from here (an engine in a VM or on another machine).
   */
  async verify(containerId: string, pid: number, mounts: readonly VolumeMount[]): Promise<void> {
    const host = hostMounts(mounts);
    if (host.length === 0) return;
    const table = await containerMountTable(pid, containerId);
    if (table === null) return;
    // Each host mount must be its own entry: two volumes cannot both pass on one mount.
    const seen = new Set<MountEntry>();
    for (const { mount } of host) {
      const expected = await hostLocation(mount.source);
      if (expected === null) continue;
      let got = mountedAt(table, mount.mountPath);
      if (got === null) {
        // The image has a symlink on the way: Docker mounted at the place it leads to.
        const real = await resolveInContainer(pid, mount.mountPath);
        got = real === null ? null : mountedAt(table, real);
      }
      if (!got || seen.has(got) || got.majmin !== expected.majmin || got.root !== expected.root) {
        throw new Error(
          `What was mounted at ${mount.mountPath} is not the folder that was checked ("${mount.source}"): a folder on its path was swapped while the sandbox started. The sandbox was stopped and removed`,
        );
      }
      seen.add(got);
    }
  }
}
