// Docker networks for sandboxes: made on demand, labelled as Sandlot's, removed when unused.
// The engine decides which network a sandbox joins (engine/sandboxNetworks.ts); this speaks Docker.
import type Docker from 'dockerode';
import { LABEL } from './labels';

/** What `docker network inspect` would call a statusCode-carrying error. */
function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/**
 * Docker's bridge option that drops traffic between containers on the same bridge (it becomes a
 * FORWARD rule from the bridge to itself). Containers still reach the host and the outside
 * through the gateway, and the host still reaches them.
 */
export const NO_INTER_CONTAINER = { 'com.docker.network.bridge.enable_icc': 'false' } as const;

/** The value of Sandlot's network label for sandboxes that are in no group. */
export const ISOLATED = 'isolated';

/** Sandlot's name for a network: one per instance for isolated sandboxes, one per opt-in group. */
export function sandboxNetworkName(instanceId: string, group: string | null): string {
  return group === null ? `sandlot-${instanceId}` : `sandlot-${instanceId}-${group}`;
}

export class NetworkApi {
  constructor(private readonly docker: Docker) {}

  /**
   * Makes sure the network exists. One that exists under this name must carry this instance's
   * label: Sandlot never puts sandboxes on a network someone else made.
   */
  async ensure(name: string, instanceId: string, group: string | null): Promise<void> {
    const labels = await this.labelsOf(name);
    if (labels === null) {
      try {
        await this.docker.createNetwork({
          Name: name,
          Driver: 'bridge',
          CheckDuplicate: true,
          Labels: { [LABEL.managed]: 'true', [LABEL.instance]: instanceId, [LABEL.network]: group ?? ISOLATED },
          Options: group === null ? { ...NO_INTER_CONTAINER } : {},
        });
        return;
      } catch (err) {
        // Made by a concurrent call meanwhile: check it like any existing one.
        if (statusOf(err) !== 409) throw err;
      }
    }
    const now = labels ?? (await this.labelsOf(name));
    if (now?.[LABEL.instance] !== instanceId) {
      throw new Error(`A Docker network named "${name}" exists and was not made by this Sandlot; remove it or rename it`);
    }
  }

  /** The network's labels, or null when there is no such network. */
  private async labelsOf(name: string): Promise<Record<string, string> | null> {
    try {
      const info = (await this.docker.getNetwork(name).inspect()) as { Labels?: Record<string, string> | null };
      return info.Labels ?? {};
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  /** The names of this instance's networks. */
  async listManaged(instanceId: string): Promise<string[]> {
    const list = await this.docker.listNetworks({ filters: { label: [`${LABEL.managed}=true`, `${LABEL.instance}=${instanceId}`] } });
    return list.map((n) => n.Name);
  }

  /**
   * Whether any container refers to the network, in any state. Docker's network inspect lists
   * only started containers, and a network removed under a created one makes its start fail.
   */
  async inUse(name: string): Promise<boolean> {
    const list = await this.docker.listContainers({ all: true, filters: { network: [name] } });
    return list.length > 0;
  }

  /** Removes the network; gone already is fine, and so is one that someone connected a container to. */
  async remove(name: string): Promise<void> {
    try {
      await this.docker.getNetwork(name).remove();
    } catch (err) {
      const code = statusOf(err);
      if (code !== 404 && code !== 403 && code !== 409) throw err;
    }
  }
}
