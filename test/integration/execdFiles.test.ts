// execd's file and directory routes served by Sandlot through Docker, checked over plain HTTP
// (what curl scripts see) against a real sandbox of the busybox test image, and what Docker
// really has afterwards. The UI bridge's files channels share the implementation; checked last.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFileInfo } from '../../src-main/api/execd/fileWire';
import type { CreateSandboxResponse, ErrorResponse } from '../../src-main/contract/schemas';
import { createBody, docker, startTestServer, waitForState, type ApiResponse, type TestServer } from '../helpers/sandlot';
import { LABEL } from '../../src-main/runtime/labels';

/** A small upload limit, so the over-the-limit case is quick; set before the server starts. */
const LIMIT = 4 * 1024 * 1024;
process.env['SANDLOT_UPLOAD_LIMIT_BYTES'] = String(LIMIT);

let s: TestServer;
let id: string;
let containerId: string;
let base: string;

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

async function raw(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${s.url}${base}${path}`, { method, headers: { 'OPEN-SANDBOX-API-KEY': s.key, ...init.headers }, body: init.body });
}

/** A JSON answer; `T` is what the caller expects the body to be (not checked). */
async function json<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const res = await raw(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

interface Part {
  path: string;
  data: Uint8Array | string;
  mode?: number;
  owner?: string;
  group?: string;
}

function form(parts: Part[]): FormData {
  const f = new FormData();
  for (const p of parts) {
    const { data, ...meta } = p;
    f.append('metadata', new Blob([JSON.stringify(meta)], { type: 'application/json' }), 'metadata');
    f.append('file', new Blob([typeof data === 'string' ? data : Buffer.from(data)], { type: 'application/octet-stream' }), 'file');
  }
  return f;
}

const upload = (parts: Part[]) => raw('POST', '/files/upload', { body: form(parts) });

const q = (path: string) => encodeURIComponent(path);

/** Runs a command in the sandbox's container, the way a user checks what is really there. */
async function sh(script: string): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve());
  });
  // Strip Docker's 8-byte frame headers.
  const all = Buffer.concat(chunks);
  let out = '';
  for (let i = 0; i + 8 <= all.length; ) {
    const n = all.readUInt32BE(i + 4);
    out += all.subarray(i + 8, i + 8 + n).toString('utf8');
    i += 8 + n;
  }
  return out.trim();
}

/** Asserts a {code,message} error whose message names the field. */
function expectError(r: Pick<ApiResponse, 'status' | 'body'>, status: number, code: string | RegExp, field: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body).toEqual(expect.objectContaining({ code: expect.stringMatching(code), message: expect.stringContaining(field) }));
}

beforeAll(async () => {
  s = await startTestServer();
  const created = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { suite: 'execd-files' } }));
  expect(created.status).toBe(202);
  id = created.body.id;
  await waitForState(s, id, 'Running');
  const found = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } });
  containerId = found[0]!.Id;
  base = `/v1/sandboxes/${id}/execd`;
});

afterAll(async () => s?.stop());

describe('upload and download', () => {
  it('round-trips every byte value, with the download headers', async () => {
    expect((await upload([{ path: '/tmp/bytes.bin', data: ALL_BYTES }])).status).toBe(200);
    const res = await raw('GET', `/files/download?path=${q('/tmp/bytes.bin')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('256');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bytes.bin"');
    expect(Buffer.from(await res.arrayBuffer()).equals(ALL_BYTES)).toBe(true);
    expect(await sh('md5sum /tmp/bytes.bin | cut -d" " -f1')).toBe((await import('node:crypto')).createHash('md5').update(ALL_BYTES).digest('hex'));
  });

  it('round-trips 1 MiB of random bytes, several files in one request', async () => {
    const big = randomBytes(1024 * 1024);
    expect((await upload([{ path: '/tmp/multi/one.bin', data: big }, { path: '/tmp/multi/two.txt', data: 'second' }])).status).toBe(200);
    const res = await raw('GET', `/files/download?path=${q('/tmp/multi/one.bin')}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
    expect(await (await raw('GET', `/files/download?path=${q('/tmp/multi/two.txt')}`)).text()).toBe('second');
  });

  it('creates missing parents (0755, root) and applies mode, owner and group; existing folders are untouched', async () => {
    const before = await sh('stat -c "%a %U" /tmp');
    expect((await upload([{ path: '/tmp/deep/a/b/run.sh', data: '#!/bin/sh\necho hi\n', mode: 750, owner: 'nobody', group: 'nogroup' }])).status).toBe(200);
    expect(await sh('stat -c "%a %U %G" /tmp/deep/a/b/run.sh')).toBe('750 nobody nogroup');
    expect(await sh('stat -c "%a %U %G" /tmp/deep /tmp/deep/a /tmp/deep/a/b')).toBe('755 root root\n755 root root\n755 root root');
    expect(await sh('stat -c "%a %U" /tmp')).toBe(before);
    expect(await sh('/tmp/deep/a/b/run.sh')).toBe('hi');
  });

  it('keeps an existing file\'s mode and owner when overwriting without them', async () => {
    await upload([{ path: '/tmp/keep.txt', data: 'v1', mode: 600, owner: 'nobody' }]);
    await upload([{ path: '/tmp/keep.txt', data: 'version 2' }]);
    expect(await sh('stat -c "%a %U %s" /tmp/keep.txt')).toBe('600 nobody 9');
  });

  it('overwrites in place like open(O_TRUNC): same inode, hard links see the new bytes, a shorter write truncates', async () => {
    await sh('printf "a long first version" > /tmp/inplace.txt && chown nobody:nogroup /tmp/inplace.txt && chmod 640 /tmp/inplace.txt && ln -f /tmp/inplace.txt /tmp/hardlink.txt');
    const inode = await sh('stat -c %i /tmp/inplace.txt');
    expect((await upload([{ path: '/tmp/inplace.txt', data: 'short' }])).status).toBe(200);
    expect(await sh('stat -c "%i %a %U %G %s" /tmp/inplace.txt')).toBe(`${inode} 640 nobody nogroup 5`);
    expect(await sh('cat /tmp/hardlink.txt')).toBe('short');
  });

  it('keeps the owner when only the mode is given, and the mode when only the group is given', async () => {
    await upload([{ path: '/tmp/partial.txt', data: 'v1', mode: 600, owner: 'nobody', group: 'nogroup' }]);
    await upload([{ path: '/tmp/partial.txt', data: 'v2', mode: 640 }]);
    expect(await sh('stat -c "%a %U %G" /tmp/partial.txt')).toBe('640 nobody nogroup');
    await upload([{ path: '/tmp/partial.txt', data: 'v3', group: 'root' }]);
    expect(await sh('stat -c "%a %U %G" /tmp/partial.txt; cat /tmp/partial.txt')).toBe('640 nobody root\nv3');
  });

  it('still overwrites, keeping mode and owner, in an image without `cat` (through the archive API)', async () => {
    await upload([{ path: '/tmp/nocat.txt', data: 'v1', mode: 604, owner: 'nobody', group: 'nogroup' }]);
    await sh('rm /bin/cat');
    try {
      const res = await upload([{ path: '/tmp/nocat.txt', data: 'second version' }]);
      expect(res.status, await res.text()).toBe(200);
    } finally {
      await sh('ln -s busybox /bin/cat');
    }
    expect(await sh('stat -c "%a %U %G" /tmp/nocat.txt; cat /tmp/nocat.txt')).toBe('604 nobody nogroup\nsecond version');
  });

  it('writes through a symlink to its target', async () => {
    await sh('echo old > /tmp/target.txt && ln -sf /tmp/target.txt /tmp/link.txt');
    await upload([{ path: '/tmp/link.txt', data: 'new' }]);
    expect(await sh('cat /tmp/target.txt; echo; [ -L /tmp/link.txt ] && echo link')).toBe('new\nlink');
  });

  it('serves byte ranges with 206 and Content-Range, and 416 when unsatisfiable', async () => {
    const part = await raw('GET', `/files/download?path=${q('/tmp/bytes.bin')}`, { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/256');
    expect(part.headers.get('content-length')).toBe('10');
    expect(Buffer.from(await part.arrayBuffer()).equals(ALL_BYTES.subarray(10, 20))).toBe(true);

    const suffix = await raw('GET', `/files/download?path=${q('/tmp/bytes.bin')}`, { headers: { Range: 'bytes=-6' } });
    expect(suffix.headers.get('content-range')).toBe('bytes 250-255/256');
    expect(Buffer.from(await suffix.arrayBuffer()).equals(ALL_BYTES.subarray(250))).toBe(true);

    const open = await raw('GET', `/files/download?path=${q('/tmp/bytes.bin')}`, { headers: { Range: 'bytes=200-999' } });
    expect(open.headers.get('content-range')).toBe('bytes 200-255/256');
    expect((await open.arrayBuffer()).byteLength).toBe(56);

    const bad = await raw('GET', `/files/download?path=${q('/tmp/bytes.bin')}`, { headers: { Range: 'bytes=300-400' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */256');
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('RANGE_NOT_SATISFIABLE');
    expect(body.message).toContain('Range');
  });

  it('serves lines with offset and limit, like execd', async () => {
    await upload([{ path: '/tmp/lines.txt', data: 'one\ntwo\nthree\nfour\n' }]);
    const res = await raw('GET', `/files/download?path=${q('/tmp/lines.txt')}&offset=2&limit=2`);
    expect(await res.text()).toBe('two\nthree\n');
  });

  it('refuses an upload over the limit with 413, leaving nothing of the request behind', async () => {
    const res = await upload([
      { path: '/tmp/refused/first.txt', data: 'small' },
      { path: '/tmp/refused/big.bin', data: randomBytes(LIMIT + 1) },
    ]);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('FILE_TOO_LARGE');
    expect(body.message).toContain('file');
    expect(await sh('[ -e /tmp/refused ] && echo there || echo absent')).toBe('absent');
  });

  it('refuses uploads with bad metadata, naming the field', async () => {
    expectError(await json('POST', '/files/upload', {}), 400, 'INVALID_REQUEST', 'body');
    const noFile = new FormData();
    noFile.append('metadata', JSON.stringify({ path: '/tmp/x' }));
    const lone = await raw('POST', '/files/upload', { body: noFile });
    expectError({ status: lone.status, body: await lone.json() }, 400, 'INVALID_REQUEST', 'file');
    const check = async (part: Part, status: number, code: string, field: string) => {
      const r = await upload([part]);
      expectError({ status: r.status, body: await r.json() }, status, code, field);
    };
    await check({ path: 'relative.txt', data: 'x' }, 400, 'INVALID_PATH', 'metadata.path');
    await check({ path: '/tmp/../etc/passwd', data: 'x' }, 400, 'INVALID_PATH', 'metadata.path');
    await check({ path: '/proc/evil', data: 'x' }, 400, 'PATH_FORBIDDEN', 'metadata.path');
    await check({ path: '/tmp/m.txt', data: 'x', mode: 999 }, 400, 'INVALID_REQUEST', 'metadata.mode');
    await check({ path: '/tmp/o.txt', data: 'x', owner: 'nosuchuser' }, 400, 'INVALID_REQUEST', 'metadata.owner');
    await check({ path: '/tmp', data: 'x' }, 400, 'INVALID_PATH', 'metadata.path');
    await check({ path: '/tmp/bytes.bin/under', data: 'x' }, 400, 'NOT_A_DIRECTORY', 'metadata.path');
    expect(await sh('[ -e /tmp/m.txt ] || [ -e /tmp/o.txt ] && echo there || echo absent')).toBe('absent');
  });

  it('answers 404 for a missing file and 400 for a folder', async () => {
    expectError(await json('GET', `/files/download?path=${q('/tmp/nope.bin')}`), 404, 'FILE_NOT_FOUND', 'path');
    expectError(await json('GET', `/files/download?path=${q('/tmp')}`), 400, 'IS_A_DIRECTORY', 'path');
    expectError(await json('GET', '/files/download'), 400, 'INVALID_REQUEST', 'path');
  });
});

describe('info, list and search', () => {
  beforeAll(async () => {
    await sh('mkdir -p /tmp/tree/b-dir/inner /tmp/tree/a-dir && echo x > /tmp/tree/c.txt && echo y > /tmp/tree/B.md && echo z > /tmp/tree/.hidden && echo w > /tmp/tree/b-dir/inner/deep.txt && echo v > /tmp/tree/b-dir/n.txt && ln -s /tmp/tree/b-dir /tmp/tree/link && chown 65534:65534 /tmp/tree/c.txt && chmod 640 /tmp/tree/c.txt');
  });

  it('gives FileInfo per path, symlinks not followed', async () => {
    const r = await json<Record<string, WireFileInfo>>('GET', `/files/info?path=${q('/tmp/tree/c.txt')}&path=${q('/tmp/tree/link')}&path=${q('/tmp/tree/b-dir')}`);
    expect(r.status).toBe(200);
    const c = r.body['/tmp/tree/c.txt']!;
    expect(c).toMatchObject({ path: '/tmp/tree/c.txt', type: 'file', size: 2, owner: 'nobody', group: 'nogroup', mode: 640 });
    expect(new Date(c.modified_at).toISOString()).toBe(c.modified_at);
    expect(c.created_at).toBe(c.modified_at);
    expect(r.body['/tmp/tree/link']).toMatchObject({ type: 'symlink', owner: 'root' });
    expect(r.body['/tmp/tree/b-dir']).toMatchObject({ type: 'directory', mode: 755 });
    expectError(await json('GET', `/files/info?path=${q('/tmp/tree/c.txt')}&path=${q('/tmp/tree/nope')}`), 404, 'FILE_NOT_FOUND', '/tmp/tree/nope');
  });

  it('lists one level in lexical order, and deeper levels after their parent, never through symlinks', async () => {
    const one = await json<WireFileInfo[]>('GET', `/directories/list?path=${q('/tmp/tree')}`);
    expect(one.status).toBe(200);
    expect(one.body.map((e) => e.path)).toEqual(['/tmp/tree/.hidden', '/tmp/tree/B.md', '/tmp/tree/a-dir', '/tmp/tree/b-dir', '/tmp/tree/c.txt', '/tmp/tree/link']);
    const two = await json<WireFileInfo[]>('GET', `/directories/list?path=${q('/tmp/tree/')}&depth=2`);
    expect(two.body.map((e) => e.path)).toEqual([
      '/tmp/tree/.hidden',
      '/tmp/tree/B.md',
      '/tmp/tree/a-dir',
      '/tmp/tree/b-dir',
      '/tmp/tree/b-dir/inner',
      '/tmp/tree/b-dir/n.txt',
      '/tmp/tree/c.txt',
      '/tmp/tree/link',
    ]);
    expect(two.body.find((e) => e.path === '/tmp/tree/link')?.type).toBe('symlink');
  });

  it('refuses to list a symlink, a file or a missing path', async () => {
    expectError(await json('GET', `/directories/list?path=${q('/tmp/tree/link')}`), 400, 'INVALID_PATH', 'symlink');
    expectError(await json('GET', `/directories/list?path=${q('/tmp/tree/c.txt')}`), 400, 'NOT_A_DIRECTORY', 'path');
    expectError(await json('GET', `/directories/list?path=${q('/tmp/tree/none')}`), 404, 'FILE_NOT_FOUND', 'path');
    expectError(await json('GET', `/directories/list?path=${q('/tmp/tree')}&depth=x`), 400, 'INVALID_REQUEST', 'depth');
  });

  // How fast is a benchmark's business (docs/benchmarks.md), not a test's: this checks the content.
  it('lists /bin of busybox (hundreds of entries), with owners', async () => {
    const r = await json<WireFileInfo[]>('GET', `/directories/list?path=${q('/bin')}`);
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(200);
    expect(r.body.every((e) => e.owner === 'root')).toBe(true);
  });

  it('searches names with a glob, files only, through the whole tree', async () => {
    const r = await json<WireFileInfo[]>('GET', `/files/search?path=${q('/tmp/tree')}&pattern=${q('*.txt')}`);
    expect(r.status).toBe(200);
    expect(r.body.map((e) => e.path)).toEqual(['/tmp/tree/b-dir/inner/deep.txt', '/tmp/tree/b-dir/n.txt', '/tmp/tree/c.txt']);
    const all = await json<WireFileInfo[]>('GET', `/files/search?path=${q('/tmp/tree')}`);
    expect(all.body.map((e) => e.path)).toContain('/tmp/tree/link');
    expect(all.body.some((e) => e.type === 'directory')).toBe(false);
    expectError(await json('GET', `/files/search?path=${q('/tmp/tree')}&pattern=${q('[abc')}`), 400, 'INVALID_REQUEST', 'pattern');
    expectError(await json('GET', `/files/search?path=${q('/tmp/none')}`), 404, 'FILE_NOT_FOUND', 'path');
  });
});

describe('changes', () => {
  it('makes folders like mkdir -p with the mode and owner on the new ones only', async () => {
    expect((await json('POST', '/directories', { '/tmp/made/x/y': { mode: 700, owner: 'nobody', group: 'nogroup' }, '/tmp': { mode: 700 } })).status).toBe(200);
    expect(await sh('stat -c "%a %U %G" /tmp/made /tmp/made/x /tmp/made/x/y')).toBe('755 root root\n755 root root\n700 nobody nogroup');
    expect(await sh('stat -c "%a" /tmp')).toBe('1777');
    expectError(await json('POST', '/directories', { '/tmp/bytes.bin': { mode: 755 } }), 409, 'FILE_EXISTS', 'path');
    expectError(await json('POST', '/directories', { 'rel/dir': { mode: 755 } }), 400, 'INVALID_PATH', 'path');
    expectError(await json('POST', '/directories', { '/sys/x': { mode: 755 } }), 400, 'PATH_FORBIDDEN', 'path');
    expectError(await json('POST', '/directories', { '/tmp/m2': { mode: 8 } }), 400, 'INVALID_REQUEST', 'mode');
  });

  it('deletes files and folders, each with its own route; absent paths are fine', async () => {
    await sh('mkdir -p /tmp/del/sub && echo 1 > /tmp/del/f1 && echo 2 > /tmp/del/sub/f2');
    expectError(await json('DELETE', `/files?path=${q('/tmp/del/sub')}`), 400, 'IS_A_DIRECTORY', 'path');
    expectError(await json('DELETE', `/directories?path=${q('/tmp/del/f1')}`), 400, 'NOT_A_DIRECTORY', 'path');
    expect((await json('DELETE', `/files?path=${q('/tmp/del/f1')}&path=${q('/tmp/del/absent')}`)).status).toBe(200);
    expect(await sh('ls /tmp/del')).toBe('sub');
    expect((await json('DELETE', `/directories?path=${q('/tmp/del')}`)).status).toBe(200);
    expect(await sh('[ -e /tmp/del ] && echo there || echo gone')).toBe('gone');
    expectError(await json('DELETE', `/directories?path=${q('/')}`), 400, 'PATH_FORBIDDEN', 'path');
    expectError(await json('DELETE', `/files?path=${q('/tmp/a\0b')}`), 400, 'INVALID_PATH', 'NUL');
    expectError(await json('DELETE', '/files?path='), 400, 'INVALID_PATH', 'path');
  });

  it('moves files, creating the destination folder; refuses an existing destination or a missing source', async () => {
    await sh('echo m > /tmp/mv-src && echo e > /tmp/mv-exists');
    expect((await json('POST', '/files/mv', [{ src: '/tmp/mv-src', dest: '/tmp/mv-dir/new/name' }])).status).toBe(200);
    expect(await sh('cat /tmp/mv-dir/new/name; [ -e /tmp/mv-src ] || echo moved')).toBe('m\nmoved');
    expectError(await json('POST', '/files/mv', [{ src: '/tmp/mv-dir/new/name', dest: '/tmp/mv-exists' }]), 409, 'FILE_EXISTS', 'dest');
    expectError(await json('POST', '/files/mv', [{ src: '/tmp/none', dest: '/tmp/x' }]), 404, 'FILE_NOT_FOUND', 'src');
    expectError(await json('POST', '/files/mv', { src: '/a', dest: '/b' }), 400, 'INVALID_REQUEST', 'body');
  });

  it('changes permissions and owners', async () => {
    await sh('echo p > /tmp/perm.txt');
    expect((await json('POST', '/files/permissions', { '/tmp/perm.txt': { mode: 4750, owner: 'nobody', group: 'nogroup' } })).status).toBe(200);
    expect(await sh('stat -c "%a %U %G" /tmp/perm.txt')).toBe('4750 nobody nogroup');
    const info = await json<Record<string, WireFileInfo>>('GET', `/files/info?path=${q('/tmp/perm.txt')}`);
    expect(info.body['/tmp/perm.txt']).toMatchObject({ mode: 4750, owner: 'nobody', group: 'nogroup' });
    expectError(await json('POST', '/files/permissions', { '/tmp/perm.txt': { mode: 644, group: 'nosuchgroup' } }), 400, 'INVALID_REQUEST', 'group');
    expectError(await json('POST', '/files/permissions', { '/tmp/none': { mode: 644 } }), 404, 'FILE_NOT_FOUND', 'path');
  });

  it('replaces text, keeping mode and owner, with counts when verbose', async () => {
    await upload([{ path: '/tmp/conf.ini', data: 'host=localhost\nurl=http://localhost:80\n', mode: 640, owner: 'nobody' }]);
    const r = await json('POST', '/files/replace?verbose=true', { '/tmp/conf.ini': { old: 'localhost', new: '0.0.0.0' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ '/tmp/conf.ini': { replacedCount: 2 } });
    expect(await sh('cat /tmp/conf.ini; stat -c "%a %U" /tmp/conf.ini')).toBe('host=0.0.0.0\nurl=http://0.0.0.0:80\n640 nobody');
    expect((await json('POST', '/files/replace', { '/tmp/conf.ini': { old: 'zzz', new: 'y' } })).status).toBe(200);
    expectError(await json('POST', '/files/replace', { '/tmp/conf.ini': { old: '', new: 'y' } }), 400, 'INVALID_REQUEST', 'old');
  });
});

describe('sandbox state', () => {
  it('answers 404 for an unknown sandbox and 409 for one that is not Running', async () => {
    const unknown = await s.call<ErrorResponse>('GET', `/v1/sandboxes/00000000-0000-4000-8000-000000000000/execd/files/info?path=/tmp`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBeTruthy();
    const other = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { suite: 'execd-files', case: 'paused' } }));
    await waitForState(s, other.body.id, 'Running');
    expect((await s.call('POST', `/v1/sandboxes/${other.body.id}/pause`)).status).toBe(202);
    await waitForState(s, other.body.id, 'Paused');
    const paused = await s.call<ErrorResponse>('GET', `/v1/sandboxes/${other.body.id}/execd/directories/list?path=/tmp`);
    expect(paused.status).toBe(409);
    expect(paused.body.message).toContain('Paused');
  });

  it('needs the API key', async () => {
    const res = await fetch(`${s.url}${base}/files/info?path=/tmp`);
    expect(res.status).toBe(401);
  });
});

describe('the UI bridge', () => {
  it('lists folders first, then by name; makes and removes folders', async () => {
    const d = s.sandlot.dispatcher;
    expect(await d.handle('files.mkdir', { id, path: '/tmp/ui/zz-folder' })).toEqual({ ok: true, value: null });
    await sh('echo a > /tmp/ui/a.txt && mkdir /tmp/ui/b-folder');
    const listed = await d.handle('files.list', { id, path: '/tmp/ui' });
    expect(listed.ok).toBe(true);
    const entries = (listed as { ok: true; value: Array<{ name: string; type: string; mode: number; owner: string }> }).value;
    expect(entries.map((e) => e.name)).toEqual(['b-folder', 'zz-folder', 'a.txt']);
    expect(entries[0]).toMatchObject({ type: 'directory', mode: 755, owner: 'root' });
    expect(await d.handle('files.remove', { id, path: '/tmp/ui/zz-folder' })).toEqual({ ok: true, value: null });
    expect(await d.handle('files.remove', { id, path: '/tmp/ui/a.txt' })).toEqual({ ok: true, value: null });
    expect(await sh('ls /tmp/ui')).toBe('b-folder');
    const missing = await d.handle('files.remove', { id, path: '/tmp/ui/none' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', field: 'path' } });
    const rel = await d.handle('files.list', { id, path: 'tmp' });
    expect(rel).toMatchObject({ ok: false, error: { code: 'INVALID_PATH', field: 'path' } });
  });
});
