// Which Docker network a sandbox is on. By default every sandbox of this Sandlot sits on one
// network where traffic between containers is dropped (runtime/networks.ts): a sandbox reaches
// the host and the outside as before, never another sandbox. A create may opt in to a named
// group instead (`extensions: {"sandlot.network": "<group>"}`): the sandboxes of a group share a
// network of their own and reach each other, and nobody else. Networks are made on demand. A
// group's network is removed when its last sandbox goes; the isolated one stays while Sandlot
// runs (made and removed per sandbox it would add a network create to every create after a quiet
// moment), and any network found unused at a reconcile (start, Docker back) is removed.
import type { DockerRuntime } from '../runtime/docker';
import { ISOLATED, sandboxNetworkName } from '../runtime/networks';
import { invalid } from './errors';

/** The create request's `extensions` key that picks the network. */
export const NETWORK_EXTENSION = 'sandlot.network';
const GROUP = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/** The group a create asks for, or null for the isolated default; a 400 for a bad name. */
export function networkGroup(extensions: Record<string, string> | undefined): string | null {
  const value = extensions?.[NETWORK_EXTENSION];
  if (value === undefined || value === ISOLATED) return null;
  if (!GROUP.test(value)) {
    throw invalid(
      `extensions.${NETWORK_EXTENSION}`,
      `"${value}" is not a network group: use "${ISOLATED}" (the default) or a name of 1-63 lowercase letters, digits, ".", "_" or "-" (sandboxes with the same name reach each other)`,
    );
  }
  return value;
}

/**
 * Shared/exclusive use of one network: creates share it (the network must exist from the
 * moment it is made until the container referring to it exists), removal is exclusive.
 */
class NetworkLock {
  private users = 0;
  private removing: Promise<void> | null = null;
  private idle: (() => void) | null = null;

  async share<T>(fn: () => Promise<T>): Promise<T> {
    while (this.removing) await this.removing;
    this.users++;
    try {
      return await fn();
    } finally {
      this.users--;
      if (this.users === 0) this.idle?.();
    }
  }

  async exclusive(fn: () => Promise<void>): Promise<void> {
    while (this.removing) await this.removing;
    const run = (async () => {
      if (this.users > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      this.idle = null;
      await fn();
    })();
    this.removing = run.catch(() => undefined).then(() => {
      this.removing = null;
    });
    await run;
  }
}

interface Membership {
  network: string;
  /** A group's network goes with its last sandbox; the isolated one stays while Sandlot runs. */
  grouped: boolean;
}

export class SandboxNetworks {
  /** Sandbox id → its network, for the sandboxes this process made or found; never stored. */
  private readonly members = new Map<string, Membership>();
  private readonly locks = new Map<string, NetworkLock>();
  /** Makes in progress, shared by concurrent creates: Docker's duplicate check is not atomic. */
  private readonly making = new Map<string, Promise<void>>();

  constructor(private readonly runtime: DockerRuntime) {}

  private lockOf(name: string): NetworkLock {
    let lock = this.locks.get(name);
    if (!lock) this.locks.set(name, (lock = new NetworkLock()));
    return lock;
  }

  /** The network's name for a sandbox of this instance. */
  nameFor(instanceId: string, group: string | null): string {
    return sandboxNetworkName(instanceId, group);
  }

  /**
   * Makes sure the sandbox's network exists, then runs `create` (which makes the container on
   * it) while no removal of that network can start.
   */
  async attach<T>(id: string, instanceId: string, group: string | null, create: () => Promise<T>): Promise<T> {
    const name = this.nameFor(instanceId, group);
    this.members.set(id, { network: name, grouped: group !== null });
    return this.lockOf(name).share(async () => {
      await this.ensure(name, instanceId, group);
      return create();
    });
  }

  private ensure(name: string, instanceId: string, group: string | null): Promise<void> {
    let making = this.making.get(name);
    if (!making) {
      making = this.runtime.networks.ensure(name, instanceId, group).finally(() => this.making.delete(name));
      this.making.set(name, making);
    }
    return making;
  }

  /**
   * What a reconcile found: the sandboxes' containers with their network labels, on the engine in
   * use now. Replaces what was known (after a switch of engines, the other engine's sandboxes no
   * longer count). Only a shortcut: removal always asks Docker first, under the lock.
   */
  learn(instanceId: string, containers: ReadonlyArray<{ sandboxId: string | undefined; label: string | undefined }>): void {
    this.members.clear();
    for (const { sandboxId, label } of containers) {
      if (!sandboxId || label === undefined) continue;
      const group = label === ISOLATED ? null : label;
      this.members.set(sandboxId, { network: this.nameFor(instanceId, group), grouped: group !== null });
    }
  }

  /** The sandbox's container is gone: removes its group's network if no other container refers to it. */
  async leave(id: string): Promise<void> {
    const m = this.members.get(id);
    this.members.delete(id);
    if (m === undefined || !m.grouped || this.hasMembers(m.network)) return;
    await this.removeIfUnused(m.network);
  }

  /** Removes every network of this instance that no sandbox or container uses (after a crash). */
  async sweep(instanceId: string): Promise<void> {
    for (const name of await this.runtime.networks.listManaged(instanceId)) {
      if (!this.hasMembers(name)) await this.removeIfUnused(name);
    }
  }

  private hasMembers(name: string): boolean {
    for (const m of this.members.values()) if (m.network === name) return true;
    return false;
  }

  private async removeIfUnused(name: string): Promise<void> {
    await this.lockOf(name).exclusive(async () => {
      // A sandbox may have joined while this waited for the lock.
      if (this.hasMembers(name) || (await this.runtime.networks.inUse(name))) return;
      await this.runtime.networks.remove(name);
    });
  }
}
