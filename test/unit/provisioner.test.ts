// Provisioner races that the crash rounds (test/crash) found, with a fake Docker runtime.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxRecord } from '../../src-main/contract/sandbox';
import { buildSandboxSpec } from '../../src-main/engine/createSpec';
import type { DockerLink } from '../../src-main/engine/dockerLink';
import { Provisioner } from '../../src-main/engine/provisioner';
import { SandboxTable } from '../../src-main/engine/table';
import type { DockerRuntime } from '../../src-main/runtime/docker';
import { RecordStore } from '../../src-main/store/records';
import { settings } from './support';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function pending(id: string): SandboxRecord {
  const at = new Date().toISOString();
  return {
    id, containerId: null, image: 'img', entrypoint: ['sleep', '1'], metadata: {}, resourceLimits: {}, platform: null,
    volumes: [], ports: {}, status: { state: 'Pending', reason: 'provisioning', message: '', lastTransitionAt: at },
    createdAt: at, expiresAt: null, finishedAt: null,
  };
}

describe('provisioner', () => {
  it('ends a sandbox deleted while a failed create is being cleaned up in Terminated, not Failed', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'sandlot-unit-'));
    homes.push(home);
    const table = new SandboxTable(new RecordStore(home));
    let releaseDestroy = () => undefined as void;
    const destroying = new Promise<void>((resolve) => (releaseDestroy = resolve));
    let destroyCalled!: () => void;
    const destroyStarted = new Promise<void>((resolve) => (destroyCalled = resolve));
    const destroyed: string[] = [];
    const runtime = {
      inspectImage: async () => ({ exposedPorts: [] }),
      createContainer: async () => 'c1',
      start: async () => {
        throw new Error('Docker refused to start it');
      },
      destroy: async (cid: string) => {
        destroyed.push(cid);
        destroyCalled();
        await destroying;
      },
      networks: { ensure: async () => undefined, inUse: async () => false, remove: async () => undefined },
    } as unknown as DockerRuntime;
    const link = { lost: () => undefined } as unknown as DockerLink;
    const provisioner = new Provisioner(table, runtime, link);
    await table.save(pending('s1'));
    const spec = await buildSandboxSpec({ image: { uri: 'img' }, entrypoint: ['sleep', '1'], timeout: 60, resourceLimits: { cpu: '1', memory: '64Mi' } }, settings());

    const provisioning = table.withLock('s1', () => provisioner.provision('s1', spec, 'inst'));
    await destroyStarted;
    // What engine.delete does while provisioning holds the lock: Stopping, then answers 204.
    await table.transition('s1', 'Stopping', 'user_delete', 'Deleting');
    releaseDestroy();
    await provisioning;
    await table.withLock('s1', () => provisioner.teardown('s1'));

    expect(table.require('s1').status).toMatchObject({ state: 'Terminated', reason: 'user_delete' });
    expect(destroyed[0]).toBe('c1');
  });
});
