// Removes every container (and volume and network) the bench made, by the instance label it gave
// them, on success and on failure alike.
import type Docker from 'dockerode';
import { LABEL } from '../src-main/runtime/labels';

const AT_ONCE = 8;

async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += AT_ONCE) await Promise.all(items.slice(i, i + AT_ONCE).map(fn));
}

/**
 * Returns how many containers were removed. Errors on single containers are ignored. When a
 * pass found something, one more pass follows a second later: a create the stopped server had
 * already sent may land in Docker after the first listing.
 */
export async function removeByInstance(docker: Docker, instanceIds: readonly string[]): Promise<number> {
  const first = await removeOnce(docker, instanceIds);
  if (first === 0) return 0;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return first + (await removeOnce(docker, instanceIds));
}

async function removeOnce(docker: Docker, instanceIds: readonly string[]): Promise<number> {
  let removed = 0;
  for (const instance of instanceIds) {
    const filters = { label: [`${LABEL.instance}=${instance}`] };
    const containers = await docker.listContainers({ all: true, filters });
    await inBatches(containers, async (c) => {
      try {
        await docker.getContainer(c.Id).remove({ force: true, v: true });
        removed++;
      } catch {
        // already gone
      }
    });
    const { Volumes } = await docker.listVolumes({ filters });
    await inBatches(Volumes ?? [], async (v) => {
      await docker.getVolume(v.Name).remove().catch(() => undefined);
    });
    const networks = await docker.listNetworks({ filters });
    await inBatches(networks, async (n) => {
      await docker.getNetwork(n.Id).remove().catch(() => undefined);
    });
  }
  return removed;
}
