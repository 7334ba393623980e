// Bad input gets a 400 {code, message} naming the field, and loses nothing: no record, no
// container, no volume is left by a refused create.
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { createBody, docker, instanceOf, startTestServer, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const allowed = mkdtempSync(path.join(os.tmpdir(), 'sandlot-allowed-'));
const outside = mkdtempSync(path.join(os.tmpdir(), 'sandlot-outside-'));
symlinkSync(outside, path.join(allowed, 'escape'));

beforeAll(async () => {
  s = await startTestServer({ hostPathAllowlist: [allowed], maxTimeoutSeconds: 7200 });
});
afterAll(async () => s?.stop());

const vol = (v: Record<string, unknown>) => ({ volumes: [{ name: 'data', mountPath: '/data', ...v }] });

// [what is wrong, the body (merged over a valid one), a word the message must contain]
const BAD_CREATES: Array<[string, Record<string, unknown>, string]> = [
  ['no image', { image: undefined }, 'image'],
  ['empty image uri', { image: { uri: '' } }, 'image.uri'],
  ['invalid image reference', { image: { uri: 'UPPER/Case:tag' } }, 'image.uri'],
  ['image auth without password', { image: { uri: 'busybox', auth: { username: 'u' } } }, 'image.auth'],
  ['no entrypoint', { entrypoint: undefined }, 'entrypoint'],
  ['empty entrypoint', { entrypoint: [] }, 'entrypoint'],
  ['entrypoint not strings', { entrypoint: ['sleep', 5] }, 'entrypoint[1]'],
  ['timeout as a string', { timeout: '600' }, 'timeout'],
  ['timeout too short', { timeout: 59 }, 'timeout'],
  ['timeout not whole', { timeout: 60.5 }, 'timeout'],
  ['timeout above the maximum', { timeout: 7201 }, 'timeout'],
  ['no timeout while expiry-less sandboxes are off', { timeout: null }, 'timeout'],
  ['no resourceLimits', { resourceLimits: undefined }, 'resourceLimits'],
  ['bad cpu', { resourceLimits: { cpu: 'lots' } }, 'resourceLimits.cpu'],
  ['negative cpu', { resourceLimits: { cpu: '-1' } }, 'resourceLimits.cpu'],
  ['bad memory', { resourceLimits: { memory: '12Qi' } }, 'resourceLimits.memory'],
  ['tiny memory', { resourceLimits: { memory: '1Ki' } }, 'resourceLimits.memory'],
  ['bad gpu', { resourceLimits: { gpu: 'two' } }, 'resourceLimits.gpu'],
  ['unknown resource', { resourceLimits: { cpu: '1', disk: '1Gi' } }, 'resourceLimits.disk'],
  ['resource not a string', { resourceLimits: { cpu: 1 } }, 'resourceLimits.cpu'],
  ['request above limit', { resourceLimits: { memory: '64Mi' }, resourceRequests: { memory: '1Gi' } }, 'resourceRequests.memory'],
  ['env not strings', { env: { A: 1 } }, 'env.A'],
  ['env name with =', { env: { 'A=B': 'x' } }, 'env.A=B'],
  ['metadata reserved prefix', { metadata: { 'opensandbox.io/x': 'y' } }, 'opensandbox.io/x'],
  ['metadata bad key', { metadata: { '-bad': 'y' } }, 'metadata.-bad'],
  ['metadata bad value', { metadata: { team: 'a b' } }, 'metadata.team'],
  ['metadata value too long', { metadata: { team: 'a'.repeat(64) } }, 'metadata.team'],
  ['snapshotId', { snapshotId: 'snap-1' }, 'snapshotId'],
  ['networkPolicy', { networkPolicy: { defaultAction: 'deny', egress: [] } }, 'networkPolicy'],
  ['secureAccess true', { secureAccess: true }, 'secureAccess'],
  ['pool extension', { extensions: { poolRef: 'pool-a' } }, 'extensions.poolRef'],
  ['unknown extension', { extensions: { 'access.renew.extend.seconds': '600' } }, 'extensions.access.renew.extend.seconds'],
  ['credential proxy', { credentialProxy: { enabled: true } }, 'credentialProxy'],
  ['unknown top-level field', { colour: 'blue' }, 'colour'],
  ['platform arch', { platform: { os: 'linux', arch: 'mips' } }, 'platform.arch'],
  ['volume with two backends', vol({ host: { path: allowed }, pvc: { claimName: 'x' } }), 'volumes[0]'],
  ['volume with no backend', vol({}), 'volumes[0]'],
  ['volume bad name', { volumes: [{ name: 'Data', mountPath: '/d', pvc: { claimName: 'x' } }] }, 'volumes[0].name'],
  ['volume relative mountPath', vol({ mountPath: 'data', pvc: { claimName: 'x' } }), 'volumes[0].mountPath'],
  ['volume duplicate mountPath', { volumes: [{ name: 'a', mountPath: '/d', pvc: { claimName: 'a' } }, { name: 'b', mountPath: '/d', pvc: { claimName: 'b' } }] }, 'volumes[1].mountPath'],
  ['ossfs volume', vol({ ossfs: { bucket: 'b', endpoint: 'e', accessKeyId: 'i', accessKeySecret: 's' } }), 'volumes[0].ossfs'],
  ['host path outside the allowlist', vol({ host: { path: outside } }), 'not under an allowed folder'],
  ['host path with ..', vol({ host: { path: `${allowed}/../x` } }), '".."'],
  ['host path through a symlink out', vol({ host: { path: path.join(allowed, 'escape') } }), 'resolves to'],
  ['host subPath escaping', vol({ host: { path: allowed }, subPath: '../x' }), 'volumes[0].subPath'],
  ['host path that does not exist', vol({ host: { path: path.join(allowed, 'nope') } }), 'does not exist'],
];

async function leftovers(): Promise<{ records: number; containers: number }> {
  const list = await s.call<ListSandboxesResponse>('GET', '/v1/sandboxes?pageSize=200');
  const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL.instance}=${instanceOf(s.home)}`] } });
  return { records: list.body.pagination.totalItems, containers: containers.length };
}

describe('create validation', () => {
  it.each(BAD_CREATES)('refuses %s with a 400 naming it', async (_what, patch, words) => {
    const res = await s.call<ErrorResponse>('POST', '/v1/sandboxes', createBody(patch));
    expect(res.status).toBe(400);
    expect(res.body.code).toMatch(/^(INVALID_REQUEST|NOT_SUPPORTED)$/);
    expect(res.body.message).toContain(words);
    expect(await leftovers()).toEqual({ records: 0, containers: 0 });
  });

  it('refuses bodies that are not JSON objects, with a 4xx and a clear message', async () => {
    const cases: Array<[string | undefined, string | undefined, number]> = [
      ['{"image":', 'application/json', 400],
      ['[]', 'application/json', 400],
      ['"text"', 'application/json', 400],
      ['null', 'application/json', 400],
      ['', 'application/json', 400],
      ['image=busybox', 'application/x-www-form-urlencoded', 415],
      ['{}', 'text/plain', 415],
    ];
    for (const [body, type, status] of cases) {
      const res = await fetch(`${s.url}/v1/sandboxes`, {
        method: 'POST',
        headers: { 'OPEN-SANDBOX-API-KEY': s.key, ...(type ? { 'content-type': type } : {}) },
        body,
      });
      expect(res.status, `${type} ${body}`).toBe(status);
      const err = (await res.json()) as { code: string; message: string };
      expect(err.code).toBeTruthy();
      expect(err.message).toBeTruthy();
    }
    const huge = await s.call<ErrorResponse>('POST', '/v1/sandboxes', createBody({ env: { BIG: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');
    expect(await leftovers()).toEqual({ records: 0, containers: 0 });
  });

  it('mounts an allowed host folder, read-only when asked', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(vol({ host: { path: allowed }, readOnly: true })));
    expect(res.status).toBe(202);
    const id = res.body.id;
    const deadline = Date.now() + 20_000;
    while ((await s.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state !== 'Running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } });
    const info = await docker.getContainer(c!.Id).inspect();
    expect(info.Mounts).toEqual([expect.objectContaining({ Type: 'bind', Source: allowed, Destination: '/data', RW: false })]);
    await s.call('DELETE', `/v1/sandboxes/${id}`);
  });
});
