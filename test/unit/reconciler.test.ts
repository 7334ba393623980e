// A reconcile race that the crash rounds (test/crash) found, with a fake Docker runtime: a delete
// is acknowledged while the startup reconcile waits for Docker, and must still win.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxRecord, SandboxState } from '../../src-main/contract/sandbox';
import type { DockerLink } from '../../src-main/engine/dockerLink';
import { Provisioner } from '../../src-main/engine/provisioner';
import { Reconciler } from '../../src-main/engine/reconciler';
import { SandboxTable } from '../../src-main/engine/table';
import type { ContainerFacts, DockerRuntime } from '../../src-main/runtime/docker';
import { LABEL } from '../../src-main/runtime/labels';
import { RecordStore } from '../../src-main/store/records';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function record(id: string, state: SandboxState): SandboxRecord {
  const at = new Date().toISOString();
  return {
    id, containerId: 'c1', image: 'img', entrypoint: ['sleep', '1'], metadata: {}, resourceLimits: {}, platform: null,
    volumes: [], ports: {}, status: { state, reason: 'x', message: '', lastTransitionAt: at },
    createdAt: at, expiresAt: null, finishedAt: null,
  };
}

/** A reconciler whose Docker inspect waits until released, so a delete can land meanwhile. */
async function raced(state: SandboxState, container: Pick<ContainerFacts, 'state'>) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sandlot-unit-'));
  homes.push(home);
  const table = new SandboxTable(new RecordStore(home));
  await table.save(record('s1', state));
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let inspecting!: () => void;
  const inspected = new Promise<void>((resolve) => (inspecting = resolve));
  const destroyed: string[] = [];
  const runtime = {
    listManaged: async () => [{ id: 'c1', state: container.state, labels: { [LABEL.sandboxId]: 's1' } }],
    inspect: async () => {
      inspecting();
      await gate;
      return { id: 'c1', state: container.state, exitCode: 0, error: '', oomKilled: false, ip: null, ports: {}, labels: {} };
    },
    destroy: async (cid: string) => void destroyed.push(cid),
  } as unknown as DockerRuntime;
  const link = { lost: () => undefined } as unknown as DockerLink;
  const provisioner = new Provisioner(table, runtime, link);
  const reconciler = new Reconciler(table, runtime, provisioner, link, 'inst');
  const reconciling = reconciler.reconcileAll();
  await inspected;
  // What engine.delete does, without waiting for the sandbox's lock: Stopping, then 204.
  await table.transition('s1', 'Stopping', 'user_delete', 'Deleting');
  release();
  await reconciling;
  return { final: table.require('s1'), destroyed };
}

describe('reconciler', () => {
  it('a delete acknowledged while the startup reconcile inspects a half-created sandbox ends Terminated, not Failed', async () => {
    const { final, destroyed } = await raced('Pending', { state: 'created' });
    expect(final.status.state).toBe('Terminated');
    expect(final.status.reason).toBe('user_delete');
    expect(destroyed).toContain('c1');
  });

  it('a delete acknowledged while the reconcile inspects a running sandbox is not undone', async () => {
    const { final, destroyed } = await raced('Paused', { state: 'running' });
    expect(final.status.state).toBe('Terminated');
    expect(destroyed).toContain('c1');
  });

  it('a sandbox whose container was already running when Sandlot stopped comes back Running, not destroyed', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'sandlot-unit-'));
    homes.push(home);
    const table = new SandboxTable(new RecordStore(home));
    await table.save(record('s1', 'Pending'));
    const destroyed: string[] = [];
    const runtime = {
      listManaged: async () => [{ id: 'c1', state: 'running', labels: { [LABEL.sandboxId]: 's1' } }],
      inspect: async () => ({ id: 'c1', state: 'running', exitCode: 0, error: '', oomKilled: false, ip: '172.17.0.9', ports: { '8000': 32001 }, labels: {} }),
      destroy: async (cid: string) => void destroyed.push(cid),
    } as unknown as DockerRuntime;
    const link = { lost: () => undefined } as unknown as DockerLink;
    const provisioner = new Provisioner(table, runtime, link);
    await new Reconciler(table, runtime, provisioner, link, 'inst').reconcileAll();
    const final = table.require('s1');
    expect(final.status.state).toBe('Running');
    expect(final.ports).toEqual({ '8000': 32001 });
    expect(destroyed).toEqual([]);
  });
});
