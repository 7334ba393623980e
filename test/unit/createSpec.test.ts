import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxRequest, VolumeSpec } from '../../src-main/contract/schemas';
import fc from 'fast-check';
import { buildSandboxSpec } from '../../src-main/engine/createSpec';
import { parseCpu, parseMemory } from '../../src-main/engine/quantities';
import { engineErrorAsync, settings, tempDir } from './support';

const base = (overrides: Partial<CreateSandboxRequest> = {}): CreateSandboxRequest => ({
  image: { uri: 'busybox:latest' },
  entrypoint: ['sleep', 'infinity'],
  resourceLimits: { cpu: '500m', memory: '512Mi' },
  timeout: 600,
  ...overrides,
});

const defaults = settings();

async function fails(req: CreateSandboxRequest, s = defaults) {
  return engineErrorAsync(buildSandboxSpec(req, s));
}

describe('buildSandboxSpec: the basics', () => {
  it('builds a normalized spec from a minimal request', async () => {
    const spec = await buildSandboxSpec(base(), defaults);
    expect(spec).toEqual({
      image: 'busybox:latest',
      auth: null,
      entrypoint: ['sleep', 'infinity'],
      env: {},
      metadata: {},
      resourceLimits: { cpu: '500m', memory: '512Mi' },
      nanoCpus: 500_000_000,
      memoryBytes: 536_870_912,
      gpus: null,
      memoryReservationBytes: null,
      cpuShares: null,
      platform: null,
      timeoutSeconds: 600,
      volumes: [],
      pidsLimit: 4096,
      networkGroup: null,
      allowUnmanagedVolumes: false,
    });
  });

  it('trims the image uri', async () => {
    expect((await buildSandboxSpec(base({ image: { uri: '  python:3.11 ' } }), defaults)).image).toBe('python:3.11');
  });

  it('passes env, metadata, platform and gpu through', async () => {
    const spec = await buildSandboxSpec(
      base({
        env: { A: '1', B: 'x=y' },
        metadata: { name: 'My box', project: 'apollo' },
        platform: { os: 'linux', arch: 'amd64' },
        resourceLimits: { cpu: '2', memory: '1Gi', gpu: 'all' },
      }),
      defaults,
    );
    expect(spec.env).toEqual({ A: '1', B: 'x=y' });
    expect(spec.metadata).toEqual({ name: 'My box', project: 'apollo' });
    expect(spec.platform).toEqual({ os: 'linux', arch: 'amd64' });
    expect(spec.nanoCpus).toBe(2e9);
    expect(spec.memoryBytes).toBe(2 ** 30);
    expect(spec.gpus).toBe(-1);
  });

  it('gives empty resourceLimits the default limits of settings, never none', async () => {
    const spec = await buildSandboxSpec(base({ resourceLimits: {} }), settings({ defaultCpu: '1500m', defaultMemory: '768Mi' }));
    expect(spec.nanoCpus).toBe(1.5e9);
    expect(spec.memoryBytes).toBe(768 * 2 ** 20);
    expect(spec.resourceLimits).toEqual({ cpu: '1500m', memory: '768Mi' });
    expect(spec.gpus).toBeNull();
  });

  it('fills only what the request leaves out: an explicit limit wins (any subset, any values)', async () => {
    const cpu = fc.oneof(fc.integer({ min: 10, max: 64_000 }).map((m) => `${m}m`), fc.integer({ min: 1, max: 64 }).map(String));
    const memory = fc.integer({ min: 6, max: 65_536 }).map((mi) => `${mi}Mi`);
    await fc.assert(
      fc.asyncProperty(fc.option(cpu, { nil: undefined }), fc.option(memory, { nil: undefined }), cpu, memory, async (c, m, defCpu, defMemory) => {
        const given = { ...(c !== undefined ? { cpu: c } : {}), ...(m !== undefined ? { memory: m } : {}) };
        const spec = await buildSandboxSpec(base({ resourceLimits: given }), settings({ defaultCpu: defCpu, defaultMemory: defMemory }));
        expect(spec.resourceLimits).toEqual({ cpu: c ?? defCpu, memory: m ?? defMemory });
        expect(spec.nanoCpus).toBe(parseCpu(c ?? defCpu, 'x'));
        expect(spec.memoryBytes).toBe(parseMemory(m ?? defMemory, 'x'));
      }),
      { numRuns: 200 },
    );
  });

  it('takes the pids limit from settings', async () => {
    expect((await buildSandboxSpec(base(), settings({ pidsLimit: 512 }))).pidsLimit).toBe(512);
  });

  it('keeps registry credentials only when both parts are given', async () => {
    const spec = await buildSandboxSpec(base({ image: { uri: '127.0.0.1:5000/app:1', auth: { username: 'u', password: 'p' } } }), defaults);
    expect(spec.auth).toEqual({ username: 'u', password: 'p' });
    expect((await buildSandboxSpec(base({ image: { uri: 'busybox', auth: {} } }), defaults)).auth).toBeNull();
  });

  it.each([
    [{ username: 'u' }],
    [{ password: 'p' }],
  ])('refuses half of the registry credentials %j', async (auth) => {
    const err = await fails(base({ image: { uri: 'busybox', auth } }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('image.auth');
  });
});

describe('buildSandboxSpec: required fields', () => {
  it('requires an image', async () => {
    const { image: _image, ...req } = base();
    const err = await fails(req);
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('image');
  });

  it.each(['UPPER/case', 'busybox:', 'http://x/y', ''])('refuses the invalid image reference %j naming image.uri', async (uri) => {
    const err = await fails(base({ image: { uri } }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('image.uri');
  });

  it('requires an entrypoint', async () => {
    const { entrypoint: _e, ...req } = base();
    const err = await fails(req);
    expect(err.field).toBe('entrypoint');
  });

  it('refuses an empty command', async () => {
    expect((await fails(base({ entrypoint: [''] }))).field).toBe('entrypoint[0]');
  });

  it('requires resourceLimits', async () => {
    const { resourceLimits: _r, ...req } = base();
    const err = await fails(req);
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('resourceLimits');
  });

  it('refuses bad quantities naming the field', async () => {
    expect((await fails(base({ resourceLimits: { cpu: 'lots' } }))).field).toBe('resourceLimits.cpu');
    expect((await fails(base({ resourceLimits: { memory: '1GB' } }))).field).toBe('resourceLimits.memory');
    expect((await fails(base({ resourceLimits: { memory: '1Mi' } }))).field).toBe('resourceLimits.memory');
    expect((await fails(base({ resourceLimits: { gpu: '0' } }))).field).toBe('resourceLimits.gpu');
  });

  it('calls unknown resource names unsupported, naming them', async () => {
    const err = await fails(base({ resourceLimits: { cpu: '1', 'ephemeral-storage': '1Gi' } }));
    expect(err.kind).toBe('unsupported');
    expect(err.field).toBe('resourceLimits.ephemeral-storage');
    const req = await fails(base({ resourceRequests: { gpu: '1' } }));
    expect(req.kind).toBe('unsupported');
    expect(req.field).toBe('resourceRequests.gpu');
  });
});

describe('buildSandboxSpec: resource requests', () => {
  it('maps requests to a memory reservation and CPU shares', async () => {
    const spec = await buildSandboxSpec(base({ resourceRequests: { cpu: '500m', memory: '256Mi' } }), defaults);
    expect(spec.memoryReservationBytes).toBe(256 * 2 ** 20);
    expect(spec.cpuShares).toBe(512);
    expect((await buildSandboxSpec(base({ resourceLimits: { cpu: '4' }, resourceRequests: { cpu: '2' } }), defaults)).cpuShares).toBe(2048);
    expect((await buildSandboxSpec(base({ resourceRequests: { cpu: '10m' } }), defaults)).cpuShares).toBe(10);
  });

  it('refuses a CPU request above the CPU limit', async () => {
    const err = await fails(base({ resourceLimits: { cpu: '1' }, resourceRequests: { cpu: '4' } }));
    expect(err.field).toBe('resourceRequests.cpu');
    expect(err.message).toContain('the CPU limit (1)');
  });

  it('refuses a memory request above the memory limit', async () => {
    const err = await fails(base({ resourceLimits: { memory: '256Mi' }, resourceRequests: { memory: '512Mi' } }));
    expect(err.field).toBe('resourceRequests.memory');
    expect(err.message).toContain('the memory limit (256Mi)');
  });

  it('allows a memory request equal to the limit', async () => {
    const spec = await buildSandboxSpec(base({ resourceLimits: { memory: '256Mi' }, resourceRequests: { memory: '256Mi' } }), defaults);
    expect(spec.memoryReservationBytes).toBe(spec.memoryBytes);
  });

  it('names the request field for bad request quantities', async () => {
    expect((await fails(base({ resourceRequests: { cpu: 'x' } }))).field).toBe('resourceRequests.cpu');
    expect((await fails(base({ resourceRequests: { memory: 'x' } }))).field).toBe('resourceRequests.memory');
  });
});

describe('buildSandboxSpec: timeout', () => {
  it('keeps a timeout within the maximum, including exactly the maximum', async () => {
    expect((await buildSandboxSpec(base({ timeout: 60 }), defaults)).timeoutSeconds).toBe(60);
    expect((await buildSandboxSpec(base({ timeout: 86400 }), defaults)).timeoutSeconds).toBe(86400);
  });

  it('refuses a timeout over the maximum from settings', async () => {
    const err = await fails(base({ timeout: 86401 }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('timeout');
    expect(err.message).toContain('86400');
    const custom = settings({ maxTimeoutSeconds: 3600 });
    expect((await fails(base({ timeout: 3601 }), custom)).field).toBe('timeout');
    expect((await buildSandboxSpec(base({ timeout: 3600 }), custom)).timeoutSeconds).toBe(3600);
  });

  it('follows a raised maximum', async () => {
    const spec = await buildSandboxSpec(base({ timeout: 7 * 86400 }), settings({ maxTimeoutSeconds: 30 * 86400 }));
    expect(spec.timeoutSeconds).toBe(7 * 86400);
  });

  it.each([[null], [undefined]])('requires a timeout (%j) unless sandboxes without expiry are allowed', async (timeout) => {
    const req = base({ timeout });
    const err = await fails(req);
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('timeout');
    expect(err.message).toContain('required');
    expect((await buildSandboxSpec(req, settings({ allowNoExpiry: true }))).timeoutSeconds).toBeNull();
  });

  it.each([[5], [0], [-10], [90.5]])('refuses the timeout %j itself (not only in the HTTP schema), naming timeout', async (timeout) => {
    const err = await fails(base({ timeout }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('timeout');
    expect(err.message).toContain('60');
    // Also when sandboxes without expiry are allowed: a given timeout must still be valid.
    expect((await fails(base({ timeout }), settings({ allowNoExpiry: true }))).field).toBe('timeout');
  });

  it('still honours a given timeout when sandboxes without expiry are allowed', async () => {
    expect((await buildSandboxSpec(base({ timeout: 120 }), settings({ allowNoExpiry: true }))).timeoutSeconds).toBe(120);
  });
});

describe('buildSandboxSpec: unsupported features name the field', () => {
  it.each<[string, Partial<CreateSandboxRequest>, string]>([
    ['snapshotId', { snapshotId: 'snap-1' }, 'snapshotId'],
    ['networkPolicy', { networkPolicy: { defaultAction: 'deny' } }, 'networkPolicy'],
    ['secureAccess', { secureAccess: true }, 'secureAccess'],
    ['extensions.poolRef', { extensions: { poolRef: 'pool-a' } }, 'extensions.poolRef'],
    ['another extension', { extensions: { gpuType: 'a100' } }, 'extensions.gpuType'],
    ['credentialProxy', { credentialProxy: { enabled: true } }, 'credentialProxy'],
  ])('%s', async (_label, overrides, field) => {
    const err = await fails(base(overrides));
    expect(err.kind).toBe('unsupported');
    expect(err.code).toBe('NOT_SUPPORTED');
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
  });

  it('says sandbox pools are not supported for poolRef', async () => {
    expect((await fails(base({ extensions: { poolRef: 'p' } }))).message).toContain('pools');
  });

  it('answers unsupported for a snapshot even without an image', async () => {
    const err = await fails({ snapshotId: 'snap-1', timeout: 600 });
    expect(err.kind).toBe('unsupported');
    expect(err.field).toBe('snapshotId');
  });

  it('tolerates what current SDKs send: secureAccess false, extensions {}, empty or null policies, disabled proxy', async () => {
    const spec = await buildSandboxSpec(
      base({ secureAccess: false, extensions: {}, networkPolicy: null, credentialProxy: { enabled: false } }),
      defaults,
    );
    expect(spec.image).toBe('busybox:latest');
    await expect(buildSandboxSpec(base({ networkPolicy: {}, credentialProxy: null }), defaults)).resolves.toBeDefined();
  });

  it('puts a sandbox on its own isolated network unless extensions name a network group', async () => {
    expect((await buildSandboxSpec(base(), defaults)).networkGroup).toBeNull();
    expect((await buildSandboxSpec(base({ extensions: { 'sandlot.network': 'isolated' } }), defaults)).networkGroup).toBeNull();
    expect((await buildSandboxSpec(base({ extensions: { 'sandlot.network': 'team-a.web_1' } }), defaults)).networkGroup).toBe('team-a.web_1');
  });

  it.each(['', 'Team', '-lead', 'a b', 'x'.repeat(64), 'é', 'a/b'])('refuses the network group %j, naming extensions.sandlot.network', async (group) => {
    const err = await fails(base({ extensions: { 'sandlot.network': group } }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('extensions.sandlot.network');
    expect(err.message).toContain('is not a network group');
  });

  it('calls an ossfs volume unsupported, naming it', async () => {
    const err = await fails(base({ volumes: [{ name: 'oss', ossfs: { bucket: 'b' }, mountPath: '/oss' }] }));
    expect(err.kind).toBe('unsupported');
    expect(err.field).toBe('volumes[0].ossfs');
  });
});

describe('buildSandboxSpec: env and metadata', () => {
  it.each<[string, Record<string, string>, string]>([
    ['an empty name', { '': 'x' }, 'env.'],
    ['a name with "="', { 'A=B': 'x' }, 'env.A=B'],
    ['a name with NUL', { 'A\u0000B': 'x' }, 'env.A\u0000B'],
    ['a value with NUL', { A: 'x\u0000y' }, 'env.A'],
    ['a name over 1024 characters', { ['N'.repeat(1025)]: 'x' }, `env.${'N'.repeat(1025)}`],
  ])('refuses %s', async (_label, env, field) => {
    const err = await fails(base({ env }));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe(field);
  });

  it('allows 1024 variables and refuses 1025', async () => {
    const env = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, 'x']));
    expect(Object.keys((await buildSandboxSpec(base({ env: env(1024) }), defaults)).env)).toHaveLength(1024);
    expect((await fails(base({ env: env(1025) }))).field).toBe('env');
  });

  it('allows empty values and any printable text in values', async () => {
    const spec = await buildSandboxSpec(base({ env: { EMPTY: '', TEXT: 'hello world = "quoted" $HOME' } }), defaults);
    expect(spec.env).toEqual({ EMPTY: '', TEXT: 'hello world = "quoted" $HOME' });
  });

  it('checks metadata by Kubernetes label rules, naming the key', async () => {
    expect((await fails(base({ metadata: { 'opensandbox.io/owner': 'x' } }))).field).toBe('metadata.opensandbox.io/owner');
    expect((await fails(base({ metadata: { project: 'has space' } }))).field).toBe('metadata.project');
  });
});

describe('buildSandboxSpec: volumes', () => {
  let root: { dir: string; remove: () => void };
  let allowed: string;
  let outside: string;

  beforeAll(() => {
    root = tempDir('sandlot-volumes-');
    allowed = path.join(root.dir, 'allowed');
    outside = path.join(root.dir, 'outside');
    mkdirSync(path.join(allowed, 'project', 'src'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    // A symlink inside the allowed folder that points out of it.
    symlinkSync(outside, path.join(allowed, 'escape'));
    // A symlink inside the allowed folder that stays inside it.
    symlinkSync(path.join(allowed, 'project'), path.join(allowed, 'inner-link'));
    // A sibling whose name starts with the allowed folder's name.
    mkdirSync(`${allowed}-evil`, { recursive: true });
  });

  afterAll(() => root.remove());

  const host = (p: string, extra: Partial<VolumeSpec> = {}): VolumeSpec => ({ name: 'code', host: { path: p }, mountPath: '/workspace', ...extra });
  const withAllowlist = () => settings({ hostPathAllowlist: [allowed] });

  it('mounts an allowed host folder by its real path, read-write by default', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [host(path.join(allowed, 'project'))] }), withAllowlist());
    expect(spec.volumes).toEqual([
      {
        name: 'code',
        kind: 'host',
        source: realpathSync(path.join(allowed, 'project')),
        identity: expect.stringMatching(/^\d+:\d+$/),
        mountPath: '/workspace',
        readOnly: false,
        createIfNotExists: false,
        deleteOnTermination: false,
      },
    ]);
  });

  it('mounts the allowed folder itself, read-only when asked', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [host(allowed, { readOnly: true })] }), withAllowlist());
    expect(spec.volumes[0]?.source).toBe(realpathSync(allowed));
    expect(spec.volumes[0]?.readOnly).toBe(true);
  });

  it('joins subPath to the host folder', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [host(path.join(allowed, 'project'), { subPath: 'src' })] }), withAllowlist());
    expect(spec.volumes[0]?.source).toBe(realpathSync(path.join(allowed, 'project', 'src')));
  });

  it('follows a symlink that stays inside the allowed folder', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [host(path.join(allowed, 'inner-link'))] }), withAllowlist());
    expect(spec.volumes[0]?.source).toBe(realpathSync(path.join(allowed, 'project')));
  });

  it('refuses a symlink that escapes the allowed folder, saying where it resolves', async () => {
    const err = await fails(base({ volumes: [host(path.join(allowed, 'escape'))] }), withAllowlist());
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('not under an allowed folder');
    expect(err.message).toContain(realpathSync(outside));
  });

  it('refuses a subPath through an escaping symlink', async () => {
    const err = await fails(base({ volumes: [host(allowed, { subPath: 'escape' })] }), withAllowlist());
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('not under an allowed folder');
  });

  it('refuses a folder outside the allowlist', async () => {
    expect((await fails(base({ volumes: [host(outside)] }), withAllowlist())).field).toBe('volumes[0].host.path');
  });

  it('refuses a sibling folder whose name merely starts with the allowed one', async () => {
    const err = await fails(base({ volumes: [host(`${allowed}-evil`)] }), withAllowlist());
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('not under an allowed folder');
  });

  it('accepts a real folder inside the allowed one whose name starts with two dots', async () => {
    const dotted = path.join(allowed, '..foo');
    mkdirSync(dotted, { recursive: true });
    const spec = await buildSandboxSpec(base({ volumes: [host(dotted)] }), withAllowlist());
    expect(spec.volumes[0]?.source).toBe(realpathSync(dotted));
    const viaSubPath = await buildSandboxSpec(base({ volumes: [host(allowed, { subPath: '..foo' })] }), withAllowlist());
    expect(viaSubPath.volumes[0]?.source).toBe(realpathSync(dotted));
  });

  it('still refuses the allowed folder\'s parent, written as ".." or reached through a symlink', async () => {
    const err = await fails(base({ volumes: [host(`${allowed}/..`)] }), withAllowlist());
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('volumes[0].host.path');
    const up = path.join(allowed, 'up-link');
    symlinkSync(root.dir, up);
    const viaLink = await fails(base({ volumes: [host(up)] }), withAllowlist());
    expect(viaLink.field).toBe('volumes[0].host.path');
    expect(viaLink.message).toContain('not under an allowed folder');
  });

  it('accepts an allowlist entry that is itself reached through a symlink', async () => {
    const link = path.join(root.dir, 'allowed-link');
    symlinkSync(allowed, link);
    const spec = await buildSandboxSpec(base({ volumes: [host(path.join(allowed, 'project'))] }), settings({ hostPathAllowlist: [link] }));
    expect(spec.volumes[0]?.source).toBe(realpathSync(path.join(allowed, 'project')));
  });

  it('refuses every host folder while the allowlist is empty', async () => {
    const err = await fails(base({ volumes: [host(allowed)] }), settings({ hostPathAllowlist: [] }));
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('allowlist');
  });

  it('refuses a host folder that does not exist', async () => {
    const err = await fails(base({ volumes: [host(path.join(allowed, 'missing'))] }), withAllowlist());
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('does not exist');
  });

  it('refuses a relative host path', async () => {
    expect((await fails(base({ volumes: [host('relative/dir')] }), withAllowlist())).field).toBe('volumes[0].host.path');
  });

  it('refuses ".." in the host path even when it would resolve inside the allowlist', async () => {
    const err = await fails(base({ volumes: [host(`${allowed}/project/../project`)] }), withAllowlist());
    expect(err.field).toBe('volumes[0].host.path');
    expect(err.message).toContain('..');
    expect((await fails(base({ volumes: [host(`${allowed}/../outside`)] }), withAllowlist())).field).toBe('volumes[0].host.path');
  });

  it('refuses ".." or an absolute subPath', async () => {
    expect((await fails(base({ volumes: [host(allowed, { subPath: '../outside' })] }), withAllowlist())).field).toBe('volumes[0].subPath');
    expect((await fails(base({ volumes: [host(allowed, { subPath: 'project/../..' })] }), withAllowlist())).field).toBe('volumes[0].subPath');
    expect((await fails(base({ volumes: [host(allowed, { subPath: '/etc' })] }), withAllowlist())).field).toBe('volumes[0].subPath');
  });

  it('refuses ".." in the mount path', async () => {
    const err = await fails(base({ volumes: [host(allowed, { mountPath: '/data/../etc' })] }), withAllowlist());
    expect(err.field).toBe('volumes[0].mountPath');
    expect(err.message).toContain('..');
  });

  it('refuses the root folder as a mount path', async () => {
    expect((await fails(base({ volumes: [host(allowed, { mountPath: '/' })] }), withAllowlist())).field).toBe('volumes[0].mountPath');
    expect((await fails(base({ volumes: [host(allowed, { mountPath: '/./' })] }), withAllowlist())).field).toBe('volumes[0].mountPath');
  });

  it('normalizes the mount path', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [host(allowed, { mountPath: '/a//b/./c' })] }), withAllowlist());
    expect(spec.volumes[0]?.mountPath).toBe('/a/b/c');
  });

  it('refuses duplicate volume names, naming the later one', async () => {
    const err = await fails(
      base({ volumes: [{ name: 'data', pvc: { claimName: 'a' }, mountPath: '/a' }, { name: 'data', pvc: { claimName: 'b' }, mountPath: '/b' }] }),
    );
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('volumes[1].name');
    expect(err.message).toContain('data');
  });

  it('refuses duplicate mount paths, also after normalizing', async () => {
    const dup = await fails(
      base({ volumes: [{ name: 'a', pvc: { claimName: 'a' }, mountPath: '/data' }, { name: 'b', pvc: { claimName: 'b' }, mountPath: '/data' }] }),
    );
    expect(dup.field).toBe('volumes[1].mountPath');
    const normalized = await fails(
      base({ volumes: [{ name: 'a', pvc: { claimName: 'a' }, mountPath: '/data' }, { name: 'b', pvc: { claimName: 'b' }, mountPath: '//data/.' }] }),
    );
    expect(normalized.field).toBe('volumes[1].mountPath');
  });

  it('refuses "/data" and "/data/" as the same mount path', async () => {
    const err = await fails(
      base({ volumes: [{ name: 'a', pvc: { claimName: 'a' }, mountPath: '/data' }, { name: 'b', pvc: { claimName: 'b' }, mountPath: '/data/' }] }),
    );
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('volumes[1].mountPath');
    const reversed = await fails(
      base({ volumes: [{ name: 'a', pvc: { claimName: 'a' }, mountPath: '/data//' }, { name: 'b', pvc: { claimName: 'b' }, mountPath: '/data' }] }),
    );
    expect(reversed.field).toBe('volumes[1].mountPath');
  });

  it('requires exactly one backend', async () => {
    expect((await fails(base({ volumes: [{ name: 'none', mountPath: '/x' }] }))).field).toBe('volumes[0]');
    const both = await fails(base({ volumes: [{ name: 'both', host: { path: allowed }, pvc: { claimName: 'c' }, mountPath: '/x' }] }), withAllowlist());
    expect(both.kind).toBe('invalid');
    expect(both.field).toBe('volumes[0]');
  });

  it('gives pvc volumes their defaults: created if missing, kept on termination, read-write', async () => {
    const spec = await buildSandboxSpec(base({ volumes: [{ name: 'cache', pvc: { claimName: 'cache-claim' }, mountPath: '/cache' }] }), defaults);
    expect(spec.volumes).toEqual([
      { name: 'cache', kind: 'pvc', source: 'cache-claim', identity: null, mountPath: '/cache', readOnly: false, createIfNotExists: true, deleteOnTermination: false },
    ]);
  });

  it('honours explicit pvc options', async () => {
    const spec = await buildSandboxSpec(
      base({
        volumes: [
          { name: 'cache', pvc: { claimName: 'c', createIfNotExists: false, deleteOnSandboxTermination: true }, mountPath: '/cache', readOnly: true },
        ],
      }),
      defaults,
    );
    expect(spec.volumes[0]).toMatchObject({ createIfNotExists: false, deleteOnTermination: true, readOnly: true });
  });

  it('calls subPath on a pvc unsupported', async () => {
    const err = await fails(base({ volumes: [{ name: 'c', pvc: { claimName: 'c' }, mountPath: '/c', subPath: 'x' }] }));
    expect(err.kind).toBe('unsupported');
    expect(err.field).toBe('volumes[0].subPath');
  });

  it('keeps the order of several volumes and names the index of the bad one', async () => {
    const err = await fails(
      base({
        volumes: [
          { name: 'a', pvc: { claimName: 'a' }, mountPath: '/a' },
          host(path.join(allowed, 'escape'), { name: 'b', mountPath: '/b' }),
        ],
      }),
      withAllowlist(),
    );
    expect(err.field).toBe('volumes[1].host.path');
    const ok = await buildSandboxSpec(
      base({ volumes: [{ name: 'a', pvc: { claimName: 'a' }, mountPath: '/a' }, host(allowed, { name: 'b', mountPath: '/b' })] }),
      withAllowlist(),
    );
    expect(ok.volumes.map((v) => v.name)).toEqual(['a', 'b']);
  });
});
