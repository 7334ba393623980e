// The official OpenSandbox SDK's `sandbox.files` (@alibaba-group/opensandbox, pinned 0.1.11)
// against a real Sandlot started as a user starts it, reaching execd at the endpoint Sandlot
// gives for port 44772. Every check is something an SDK user would look at: what the SDK
// returns or throws, and what is really inside the sandbox.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConnectionConfig, Sandbox, SandboxApiException, type SandboxInfo } from '@alibaba-group/opensandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecApi } from '../../src-main/runtime/exec';
import { LABEL } from '../../src-main/runtime/labels';
import { cleanup, docker, freePort, spawnServe, stopServe, tempHome, type ServeProcess } from '../helpers/sandlot';

/** Small, so the over-the-limit case is quick; the default is 1 GiB. */
const LIMIT = 3 * 1024 * 1024;
const MiB = 1024 * 1024;

let home: string;
let serve: ServeProcess;
let sbx: Sandbox;
let containerId: string;
const exec = new ExecApi(docker);

const ALL_BYTES = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));

async function waitForState(get: () => Promise<SandboxInfo>, state: string, timeoutMs = 30_000): Promise<SandboxInfo> {
  const deadline = Date.now() + timeoutMs;
  let last: SandboxInfo | undefined;
  while (Date.now() < deadline) {
    last = await get();
    if (last.status.state === state) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sandbox did not reach ${state}; last seen: ${JSON.stringify(last?.status)}`);
}

async function sh(script: string, input?: Buffer): Promise<Buffer> {
  const r = await exec.run(containerId, { cmd: ['sh', '-c', script], ...(input ? { input } : {}) });
  return r.stdout;
}

/** What the SDK threw: status, code and message, whichever way it carried the body. */
async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; code: string; message: string }> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(SandboxApiException);
    const e = err as SandboxApiException;
    let body: { code?: string; message?: string } = {};
    if (typeof e.rawBody === 'string') body = JSON.parse(e.rawBody) as typeof body;
    else if (e.rawBody && typeof e.rawBody === 'object') body = e.rawBody as typeof body;
    return { status: e.statusCode, code: body.code ?? e.error.code, message: body.message ?? e.message };
  }
  throw new Error('the call was expected to fail');
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  home = tempHome();
  const port = await freePort();
  serve = await spawnServe(home, port, { SANDLOT_UPLOAD_LIMIT_BYTES: String(LIMIT) });
  const apiKey = (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
  sbx = await Sandbox.create({
    connectionConfig: new ConnectionConfig({ domain: `127.0.0.1:${port}`, apiKey, disableMetrics: true }),
    image: 'sandlot-test/busybox:1',
    entrypoint: ['sleep', '3600'],
    resource: { cpu: '500m', memory: '128Mi' },
    timeoutSeconds: 900,
    // /ping is not served yet; the test waits for Running itself.
    skipHealthCheck: true,
  });
  await waitForState(() => sbx.getInfo(), 'Running');
  const found = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${sbx.id}`] } });
  containerId = found[0]!.Id;
});

afterAll(async () => {
  await sbx?.close().catch(() => undefined);
  if (serve) await stopServe(serve, 'SIGTERM');
  if (home) await cleanup(home);
});

describe('sandbox.files through the SDK', () => {
  it('writes and reads back all 256 byte values, byte-exact', async () => {
    await sbx.files.writeFiles([{ path: '/tmp/sdk/all.bin', data: ALL_BYTES }]);
    const back = await sbx.files.readBytes('/tmp/sdk/all.bin');
    expect(Buffer.from(back).equals(Buffer.from(ALL_BYTES))).toBe(true);
    expect((await sh('od -An -tx1 /tmp/sdk/all.bin | tr -d " \\n" | wc -c')).toString().trim()).toBe('512');
  });

  it('writes and reads back 1 MiB of random bytes, in memory and streamed both ways', async () => {
    const big = randomBytes(MiB);
    await sbx.files.writeFiles([{ path: '/tmp/sdk/big.bin', data: new Uint8Array(big) }]);
    expect(sha(await sbx.files.readBytes('/tmp/sdk/big.bin'))).toBe(sha(big));
    expect((await sh('sha256sum /tmp/sdk/big.bin')).toString().split(' ')[0]).toBe(sha(big));

    // The SDK's streaming upload (its own multipart writer) and streaming download.
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < big.length; i += 64 * 1024) yield new Uint8Array(big.subarray(i, i + 64 * 1024));
    }
    await sbx.files.writeFiles([{ path: '/tmp/sdk/streamed.bin', data: chunks() }]);
    const parts: Uint8Array[] = [];
    for await (const c of sbx.files.readBytesStream('/tmp/sdk/streamed.bin')) parts.push(c);
    expect(sha(Buffer.concat(parts))).toBe(sha(big));
  });

  it('reads text and byte ranges', async () => {
    await sbx.files.writeFiles([{ path: '/tmp/sdk/hello.txt', data: 'hello, wörld\n', mode: 640 }]);
    expect(await sbx.files.readFile('/tmp/sdk/hello.txt')).toBe('hello, wörld\n');
    expect(await sbx.files.readFile('/tmp/sdk/hello.txt', { range: 'bytes=7-12' })).toBe('wörld');
    expect(Array.from(await sbx.files.readBytes('/tmp/sdk/all.bin', { range: 'bytes=250-' }))).toEqual([250, 251, 252, 253, 254, 255]);
    const bad = await failure(sbx.files.readBytes('/tmp/sdk/all.bin', { range: 'bytes=999-' }));
    expect(bad).toMatchObject({ status: 416, code: 'RANGE_NOT_SATISFIABLE' });
  });

  it('gives file info, listings and search results', async () => {
    const info = await sbx.files.getFileInfo(['/tmp/sdk/hello.txt', '/tmp/sdk']);
    expect(info['/tmp/sdk/hello.txt']).toMatchObject({ path: '/tmp/sdk/hello.txt', type: 'file', size: 14, mode: 640, owner: 'root', group: 'root' });
    expect(info['/tmp/sdk/hello.txt']!.modifiedAt).toBeInstanceOf(Date);
    expect(info['/tmp/sdk']).toMatchObject({ type: 'directory', mode: 755 });

    const listed = await sbx.files.listDirectory({ path: '/tmp/sdk' });
    expect(listed.map((f) => f.path)).toEqual(['/tmp/sdk/all.bin', '/tmp/sdk/big.bin', '/tmp/sdk/hello.txt', '/tmp/sdk/streamed.bin']);

    const found = await sbx.files.search({ path: '/tmp', pattern: '*.txt' });
    expect(found.map((f) => f.path)).toContain('/tmp/sdk/hello.txt');
    expect(found.every((f) => f.path.endsWith('.txt'))).toBe(true);
  });

  it('makes and deletes folders, deletes, moves and re-permissions files', async () => {
    await sbx.files.createDirectories([{ path: '/tmp/sdk/made/inner', mode: 700, owner: 'nobody' }]);
    expect((await sh('stat -c "%a %U" /tmp/sdk/made/inner')).toString().trim()).toBe('700 nobody');

    await sbx.files.writeFiles([{ path: '/tmp/sdk/made/f.txt', data: 'f' }]);
    await sbx.files.moveFiles([{ src: '/tmp/sdk/made/f.txt', dest: '/tmp/sdk/moved/g.txt' }]);
    expect(await sbx.files.readFile('/tmp/sdk/moved/g.txt')).toBe('f');

    await sbx.files.setPermissions([{ path: '/tmp/sdk/moved/g.txt', mode: 600, owner: 'nobody', group: 'nogroup' }]);
    expect((await sbx.files.getFileInfo(['/tmp/sdk/moved/g.txt']))['/tmp/sdk/moved/g.txt']).toMatchObject({ mode: 600, owner: 'nobody', group: 'nogroup' });

    await sbx.files.replaceContents([{ path: '/tmp/sdk/hello.txt', oldContent: 'hello', newContent: 'goodbye' }]);
    expect(await sbx.files.readFile('/tmp/sdk/hello.txt')).toBe('goodbye, wörld\n');
    expect(await sbx.files.replaceContentsDetailed([{ path: '/tmp/sdk/hello.txt', oldContent: 'o', newContent: '0' }])).toEqual([{ path: '/tmp/sdk/hello.txt', replacedCount: 2 }]);

    await sbx.files.deleteFiles(['/tmp/sdk/moved/g.txt']);
    await sbx.files.deleteDirectories(['/tmp/sdk/made', '/tmp/sdk/moved']);
    expect((await sh('ls /tmp/sdk')).toString().trim().split('\n')).toEqual(['all.bin', 'big.bin', 'hello.txt', 'streamed.bin']);
  });

  it('reports bad input with a status and a message that names the field', async () => {
    expect(await failure(sbx.files.readFile('/tmp/sdk/none.txt'))).toMatchObject({ status: 404, code: 'FILE_NOT_FOUND' });
    const rel = await failure(sbx.files.getFileInfo(['tmp/sdk']));
    expect(rel).toMatchObject({ status: 400, code: 'INVALID_PATH' });
    expect(rel.message).toContain('path');
    const dots = await failure(sbx.files.listDirectory({ path: '/tmp/../etc' }));
    expect(dots).toMatchObject({ status: 400, code: 'INVALID_PATH' });
    const proc = await failure(sbx.files.writeFiles([{ path: '/proc/x', data: 'x' }]));
    expect(proc.status).toBe(400);
    expect(proc.message).toContain('metadata.path');
    const owner = await failure(sbx.files.writeFiles([{ path: '/tmp/sdk/o.txt', data: 'x', owner: 'ghost' }]));
    expect(owner).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    expect(owner.message).toContain('metadata.owner');
    const mode = await failure(sbx.files.setPermissions([{ path: '/tmp/sdk/hello.txt', mode: 789 }]));
    expect(mode.status).toBe(400);
    expect(mode.message).toContain('mode');
    expect((await sh('[ -e /tmp/sdk/o.txt ] && echo there || echo absent')).toString().trim()).toBe('absent');
  });

  it('refuses an upload over the limit with 413 and leaves nothing half-created', async () => {
    const refused = await failure(sbx.files.writeFiles([{ path: '/tmp/sdk/refused/deep/big.bin', data: new Uint8Array(LIMIT + 1) }]));
    expect(refused.status).toBe(413);
    expect(refused.code).toBe('FILE_TOO_LARGE');
    expect(refused.message).toContain('file');
    expect((await sh('[ -e /tmp/sdk/refused ] && echo there || echo absent')).toString().trim()).toBe('absent');
  });

  it('moves 1 MiB of random bytes up and down byte-exact, as a raw Docker exec of cat sees it', async () => {
    const data = randomBytes(MiB);
    await sbx.files.writeFiles([{ path: '/tmp/sdk/mib.bin', data: new Uint8Array(data) }]);
    const back = await sbx.files.readBytes('/tmp/sdk/mib.bin');
    expect(Buffer.compare(Buffer.from(back), data)).toBe(0);
    const seenInside = await sh('cat /tmp/sdk/mib.bin');
    expect(Buffer.compare(seenInside, data)).toBe(0);
  });
});
