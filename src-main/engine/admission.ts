// The checks of a create that need Docker, made before anything exists (a 400 naming the volume):
// host folders only on an engine that sees this machine's folders, and none another sandbox could
// redirect (hostMounts.ts); pvc volumes only Sandlot's own unless settings allow others.
import type { DockerRuntime } from '../runtime/docker';
import { parseHost } from '../runtime/discovery/hosts';
import { madeBy } from '../runtime/mounts';
import type { SandboxSpec } from './createSpec';
import { invalid } from './errors';
import type { HostMountGuard } from './hostMounts';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** Whether the Docker engine runs on another machine, whose folders host paths would name. */
export function onAnotherMachine(dockerHost: string): boolean {
  try {
    const h = parseHost(dockerHost);
    return h.kind === 'ssh' || (h.kind === 'tcp' && !LOOPBACK.test(h.host));
  } catch {
    return false;
  }
}

export async function admit(spec: SandboxSpec, runtime: DockerRuntime, mounts: HostMountGuard, instanceId: string): Promise<void> {
  for (const [i, v] of spec.volumes.entries()) {
    if (v.kind === 'host' && onAnotherMachine(runtime.endpoint)) {
      throw invalid(
        `volumes[${i}].host.path`,
        `host folders cannot be mounted on the Docker engine at ${runtime.endpoint}: it runs on another machine, where "${v.source}" would be that machine's folder`,
      );
    }
    if (v.kind === 'pvc' && !spec.allowUnmanagedVolumes) {
      const labels = await runtime.mounts.volumeLabels(v.source);
      if (labels !== null && !madeBy(labels, instanceId)) {
        throw invalid(
          `volumes[${i}].pvc.claimName`,
          `"${v.source}" is a Docker volume that Sandlot did not create; it may hold another program's data. Use a new name (Sandlot creates it), or allow such volumes in Settings`,
        );
      }
    }
  }
  await mounts.admit(spec.volumes);
}
