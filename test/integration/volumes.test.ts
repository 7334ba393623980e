// pvc volumes as Docker named volumes: created when asked, data kept across sandboxes,
// removed on termination (delete or TTL) only when asked and only if Sandlot made them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, instanceOf, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const claim = (suffix: string) => `sandlot-test-${process.pid}-${suffix}`;
const made: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
  for (const v of made) await docker.getVolume(v).remove().catch(() => undefined);
});

async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false);
}

function pvc(name: string, extra: Record<string, unknown> = {}) {
  return { volumes: [{ name: 'data', mountPath: '/data', pvc: { claimName: name, ...extra } }] };
}

describe('pvc volumes', () => {
  it('creates the volume, keeps data between sandboxes, and leaves it by default', async () => {
    const name = claim('kept');
    made.push(name);
    const writer = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ ...pvc(name), entrypoint: ['sh', '-c', 'echo persisted > /data/f; exec sleep 3600'] }))).body.id;
    await waitForState(s, writer, 'Running');
    expect(await volumeExists(name)).toBe(true);
    await s.call('DELETE', `/v1/sandboxes/${writer}`);
    await waitForState(s, writer, 'Terminated');
    expect(await volumeExists(name)).toBe(true);

    const reader = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ ...pvc(name, { createIfNotExists: false }), entrypoint: ['sh', '-c', 'cat /data/f; exec sleep 3600'] }))).body.id;
    await waitForState(s, reader, 'Running');
    const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${reader}`] } });
    const logs = (await docker.getContainer(c!.Id).logs({ stdout: true, stderr: true })) as Buffer;
    expect(logs.toString()).toContain('persisted');
  });

  it('removes a volume it created when deleteOnSandboxTermination is set, on delete (TTL expiry: expiry.test.ts)', async () => {
    const name = claim('deleted');
    made.push(name);
    const id = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(pvc(name, { deleteOnSandboxTermination: true })))).body.id;
    await waitForState(s, id, 'Running');
    expect(await volumeExists(name)).toBe(true);
    await s.call('DELETE', `/v1/sandboxes/${id}`);
    await waitForState(s, id, 'Terminated');
    expect(await volumeExists(name)).toBe(false);
  });

  it('refuses a Docker volume Sandlot did not create (400 naming the claim), creating nothing', async () => {
    const name = claim('foreign');
    made.push(name);
    await docker.createVolume({ Name: name, Labels: { owner: 'another-app' } });
    const before = (await docker.listContainers({ all: true, filters: { label: [`${LABEL.instance}=${instanceOf(s.home)}`] } })).length;
    const res = await s.call<ErrorResponse>('POST', '/v1/sandboxes', createBody({
      volumes: [{ name: 'mine', mountPath: '/mine', pvc: { claimName: claim('fresh') } }, { name: 'data', mountPath: '/data', pvc: { claimName: name } }],
    }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^volumes\\[1\\]\\.pvc\\.claimName: "${name}" is a Docker volume that Sandlot did not create`));
    expect(res.body.message).toContain('Settings');
    // Nothing was made: not the other volume, not a container, not a record.
    expect(await volumeExists(claim('fresh'))).toBe(false);
    expect((await docker.listContainers({ all: true, filters: { label: [`${LABEL.instance}=${instanceOf(s.home)}`] } })).length).toBe(before);
    // A volume of another Sandlot instance is not this one's either.
    const other = claim('other-instance');
    made.push(other);
    await docker.createVolume({ Name: other, Labels: { [LABEL.managed]: 'true', [LABEL.instance]: 'another-instance' } });
    expect((await s.call('POST', '/v1/sandboxes', createBody(pvc(other)))).status).toBe(400);
  });

  it('mounts other volumes when settings allow them, and never removes one, even with deleteOnSandboxTermination', async () => {
    const name = claim('preexisting');
    made.push(name);
    await docker.createVolume({ Name: name });
    s.sandlot.settings.update({ allowUnmanagedVolumes: true });
    try {
      const id = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(pvc(name, { deleteOnSandboxTermination: true })))).body.id;
      await waitForState(s, id, 'Running');
      await s.call('DELETE', `/v1/sandboxes/${id}`);
      await waitForState(s, id, 'Terminated');
      expect(await volumeExists(name)).toBe(true);
    } finally {
      s.sandlot.settings.update({ allowUnmanagedVolumes: false });
    }
  });

  it("mounts the volumes Sandlot made for an earlier sandbox (they carry this instance's labels)", async () => {
    const name = claim('ours');
    made.push(name);
    const first = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(pvc(name)))).body.id;
    await waitForState(s, first, 'Running');
    expect((await docker.getVolume(name).inspect()).Labels).toMatchObject({ [LABEL.instance]: instanceOf(s.home) });
    const second = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(pvc(name, { createIfNotExists: false })));
    expect(second.status).toBe(202);
    await waitForState(s, second.body.id, 'Running');
  });

  it('fails plainly for a missing volume with createIfNotExists false, creating nothing', async () => {
    const name = claim('missing');
    const id = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(pvc(name, { createIfNotExists: false })))).body.id;
    const failed = await waitForState(s, id, 'Failed');
    expect(failed.status.message).toContain(`"${name}" does not exist`);
    expect(await volumeExists(name)).toBe(false);
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } })).toEqual([]);
  });

  it('removes the volumes it created when provisioning fails later', async () => {
    const name = claim('rollback');
    made.push(name);
    // Asking for GPUs on a machine without them fails at container start, after the volume exists.
    const id = (await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ ...pvc(name), resourceLimits: { cpu: '1', memory: '64Mi', gpu: '1' } }))).body.id;
    await waitForState(s, id, 'Failed');
    expect(await volumeExists(name)).toBe(false);
  });
});
