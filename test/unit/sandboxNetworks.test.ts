// Which network a sandbox joins and when a network goes (engine/sandboxNetworks.ts), against a
// fake Docker that keeps networks and containers in memory: the locking and bookkeeping only.
import { describe, expect, it } from 'vitest';
import { SandboxNetworks } from '../../src-main/engine/sandboxNetworks';
import type { DockerRuntime } from '../../src-main/runtime/docker';

const INSTANCE = 'inst';
const ISOLATED = `sandlot-${INSTANCE}`;
const GROUP = `sandlot-${INSTANCE}-web`;

/** Networks and the containers on them; `gate` holds an ensure until released. */
function fakeDocker() {
  const networks = new Set<string>();
  const containers = new Map<string, string>();
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  const networkApi = {
    ensure: async (name: string) => {
      calls.push(`ensure ${name}`);
      if (gate) await gate;
      networks.add(name);
    },
    listManaged: async () => [...networks],
    inUse: async (name: string) => [...containers.values()].includes(name),
    remove: async (name: string) => {
      calls.push(`remove ${name}`);
      networks.delete(name);
    },
  };
  return {
    runtime: { networks: networkApi } as unknown as DockerRuntime,
    networks,
    containers,
    calls,
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

/** What the provisioner does: attach, making the container inside. */
function create(n: SandboxNetworks, d: ReturnType<typeof fakeDocker>, id: string, group: string | null): Promise<void> {
  return n.attach(id, INSTANCE, group, async () => {
    d.containers.set(id, n.nameFor(INSTANCE, group));
  });
}

function destroy(n: SandboxNetworks, d: ReturnType<typeof fakeDocker>, id: string): Promise<void> {
  d.containers.delete(id);
  return n.leave(id);
}

describe('SandboxNetworks', () => {
  it('makes a network once for creates that arrive together (Docker would make two of one name)', async () => {
    const d = fakeDocker();
    const n = new SandboxNetworks(d.runtime);
    const release = d.hold();
    const both = Promise.all([create(n, d, 'a', 'web'), create(n, d, 'b', 'web')]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    await both;
    expect(d.calls.filter((c) => c === `ensure ${GROUP}`)).toHaveLength(1);
    expect(d.containers.get('a')).toBe(GROUP);
  });

  it("removes a group's network with its last sandbox, and keeps the isolated one", async () => {
    const d = fakeDocker();
    const n = new SandboxNetworks(d.runtime);
    await create(n, d, 'a', 'web');
    await create(n, d, 'b', 'web');
    await create(n, d, 'c', null);
    await destroy(n, d, 'a');
    expect(d.networks.has(GROUP)).toBe(true);
    await destroy(n, d, 'b');
    expect(d.networks.has(GROUP)).toBe(false);
    await destroy(n, d, 'c');
    expect(d.networks.has(ISOLATED)).toBe(true);
  });

  it('never removes a network between its make and the container of a create under way', async () => {
    const d = fakeDocker();
    const n = new SandboxNetworks(d.runtime);
    let finishCreate = () => undefined as void;
    const slowCreate = n.attach('b', INSTANCE, 'web', () => new Promise<void>((r) => (finishCreate = () => { d.containers.set('b', GROUP); r(); })));
    await new Promise((r) => setTimeout(r, 10));
    // A reconcile that listed containers before b's existed, then its sweep: Docker shows no
    // container on the network yet, so only the lock keeps it.
    n.learn(INSTANCE, []);
    const sweeping = n.sweep(INSTANCE);
    await new Promise((r) => setTimeout(r, 10));
    expect(d.calls).not.toContain(`remove ${GROUP}`);
    finishCreate();
    await Promise.all([slowCreate, sweeping]);
    expect(d.networks.has(GROUP)).toBe(true);
  });

  it('a create that comes while a removal is under way waits, then makes the network again', async () => {
    const d = fakeDocker();
    const n = new SandboxNetworks(d.runtime);
    await create(n, d, 'a', 'web');
    const leaving = destroy(n, d, 'a');
    const again = create(n, d, 'b', 'web');
    await Promise.all([leaving, again]);
    expect(d.networks.has(GROUP)).toBe(true);
    expect(d.containers.get('b')).toBe(GROUP);
  });

  it('sweeps every unused network of the instance, the isolated one too, and keeps those in use', async () => {
    const d = fakeDocker();
    const n = new SandboxNetworks(d.runtime);
    d.networks.add(ISOLATED);
    d.networks.add(GROUP);
    d.networks.add(`sandlot-${INSTANCE}-db`);
    d.containers.set('x', `sandlot-${INSTANCE}-db`);
    n.learn(INSTANCE, [{ sandboxId: 'x', label: 'db' }]);
    await n.sweep(INSTANCE);
    expect([...d.networks]).toEqual([`sandlot-${INSTANCE}-db`]);
  });
});
