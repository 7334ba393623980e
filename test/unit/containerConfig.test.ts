import { describe, expect, it } from 'vitest';
import type { SandboxSpec, VolumeMount } from '../../src-main/engine/createSpec';
import {
  DROPPED_CAPABILITIES,
  containerName,
  containerOptions,
  sandboxLabels,
  type ContainerIdentity,
} from '../../src-main/runtime/containerConfig';
import { LABEL } from '../../src-main/runtime/labels';

const SECRET_USER = 'registry-user-8f3a';
const SECRET_PASSWORD = 'p@ss-W0rd-very-secret-91c2';

function spec(overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  return {
    image: '127.0.0.1:5000/sandlot/private:latest',
    auth: { username: SECRET_USER, password: SECRET_PASSWORD },
    entrypoint: ['sleep', 'infinity'],
    env: { FOO: 'bar', EMPTY: '', WITH_EQ: 'a=b' },
    metadata: { name: 'My box', project: 'apollo' },
    resourceLimits: { cpu: '500m', memory: '512Mi' },
    nanoCpus: 500_000_000,
    memoryBytes: 536_870_912,
    gpus: null,
    memoryReservationBytes: null,
    cpuShares: null,
    platform: null,
    timeoutSeconds: 600,
    volumes: [],
    pidsLimit: 2048,
    networkGroup: null,
    allowUnmanagedVolumes: false,
    ...overrides,
  };
}

const who: ContainerIdentity = {
  sandboxId: 'sbx-123',
  instanceId: 'inst-456',
  createdAt: '2026-01-02T03:04:05.000Z',
  expiresAt: '2026-01-02T03:14:05.000Z',
};

describe('containerName', () => {
  it('prefixes the sandbox id', () => {
    expect(containerName('abc')).toBe('sandlot-abc');
  });
});

describe('containerOptions', () => {
  it('sets image, entrypoint, an empty Cmd and env as KEY=value', () => {
    const o = containerOptions(spec(), who, []);
    expect(o.Image).toBe('127.0.0.1:5000/sandlot/private:latest');
    expect(o.Entrypoint).toEqual(['sleep', 'infinity']);
    expect(o.Cmd).toEqual([]);
    expect(o.Env).toEqual(['FOO=bar', 'EMPTY=', 'WITH_EQ=a=b']);
  });

  it('maps cpu and memory limits to NanoCpus, Memory and an equal MemorySwap', () => {
    const h = containerOptions(spec(), who, []).HostConfig;
    expect(h?.NanoCpus).toBe(500_000_000);
    expect(h?.Memory).toBe(536_870_912);
    expect(h?.MemorySwap).toBe(536_870_912);
  });

  it('leaves out what was not asked for: GPUs and requests', () => {
    const h = containerOptions(spec(), who, []).HostConfig;
    expect(h).toBeDefined();
    expect(h && 'DeviceRequests' in h).toBe(false);
    expect(h && 'MemoryReservation' in h).toBe(false);
    expect(h && 'CpuShares' in h).toBe(false);
  });

  it('maps requests to MemoryReservation and CpuShares', () => {
    const h = containerOptions(spec({ memoryReservationBytes: 268_435_456, cpuShares: 512 }), who, []).HostConfig;
    expect(h?.MemoryReservation).toBe(268_435_456);
    expect(h?.CpuShares).toBe(512);
  });

  it('hardens every container: init, no-new-privileges, dropped capabilities, pids limit, no restart', () => {
    const h = containerOptions(spec(), who, []).HostConfig;
    expect(h?.Init).toBe(true);
    expect(h?.SecurityOpt).toContain('no-new-privileges:true');
    expect(h?.CapDrop).toEqual(expect.arrayContaining(['NET_RAW', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP', 'SYS_CHROOT']));
    expect(h?.CapDrop).toEqual([...DROPPED_CAPABILITIES]);
    expect(h?.CapAdd).toBeUndefined();
    expect(h?.Privileged).toBeUndefined();
    expect(h?.PidsLimit).toBe(2048);
    expect(h?.RestartPolicy).toEqual({ Name: 'no' });
  });

  it('does not share the dropped-capabilities list with callers', () => {
    const h = containerOptions(spec(), who, []).HostConfig;
    h?.CapDrop?.push('ALL');
    expect([...DROPPED_CAPABILITIES]).not.toContain('ALL');
  });

  it('publishes every exposed port on 127.0.0.1 only, with a Docker-chosen host port', () => {
    const o = containerOptions(spec(), who, ['8080/tcp', '44772/tcp', '53/udp']);
    expect(o.ExposedPorts).toEqual({ '8080/tcp': {}, '44772/tcp': {}, '53/udp': {} });
    const bindings = o.HostConfig?.PortBindings as Record<string, Array<{ HostIp: string; HostPort: string }>>;
    expect(Object.keys(bindings).sort()).toEqual(['44772/tcp', '53/udp', '8080/tcp']);
    for (const list of Object.values(bindings)) {
      expect(list).toEqual([{ HostIp: '127.0.0.1', HostPort: '' }]);
    }
    expect(JSON.stringify(o)).not.toContain('0.0.0.0');
  });

  it('publishes nothing when the image exposes nothing', () => {
    const o = containerOptions(spec(), who, []);
    expect(o.ExposedPorts).toEqual({});
    expect(o.HostConfig?.PortBindings).toEqual({});
  });

  it('mounts host folders as bind mounts and pvcs as Docker volumes', () => {
    const volumes: VolumeMount[] = [
      { name: 'code', kind: 'host', source: '/home/me/code', identity: '2049:1234', mountPath: '/workspace', readOnly: true, createIfNotExists: false, deleteOnTermination: false },
      { name: 'cache', kind: 'pvc', source: 'cache-claim', identity: null, mountPath: '/cache', readOnly: false, createIfNotExists: true, deleteOnTermination: true },
    ];
    expect(containerOptions(spec({ volumes }), who, []).HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/home/me/code', Target: '/workspace', ReadOnly: true },
      { Type: 'volume', Source: 'cache-claim', Target: '/cache', ReadOnly: false },
    ]);
  });

  it("puts the container on Sandlot's network for its instance, or its group's", () => {
    expect(containerOptions(spec(), who, []).HostConfig?.NetworkMode).toBe('sandlot-inst-456');
    const grouped = containerOptions(spec({ networkGroup: 'web' }), who, []);
    expect(grouped.HostConfig?.NetworkMode).toBe('sandlot-inst-456-web');
    expect(grouped.Labels?.[LABEL.network]).toBe('web');
  });

  it('has no mounts when no volumes are given', () => {
    expect(containerOptions(spec(), who, []).HostConfig?.Mounts).toEqual([]);
  });

  it('requests GPUs as a device request with the gpu capability', () => {
    expect(containerOptions(spec({ gpus: 2 }), who, []).HostConfig?.DeviceRequests).toEqual([
      { Driver: '', Count: 2, Capabilities: [['gpu']] },
    ]);
    expect(containerOptions(spec({ gpus: -1 }), who, []).HostConfig?.DeviceRequests).toEqual([
      { Driver: '', Count: -1, Capabilities: [['gpu']] },
    ]);
  });

  it('never carries registry credentials anywhere in the create body', () => {
    const body = JSON.stringify(containerOptions(spec(), who, ['80/tcp']));
    expect(body).not.toContain(SECRET_USER);
    expect(body).not.toContain(SECRET_PASSWORD);
    expect(body.toLowerCase()).not.toContain('password');
  });

  it('carries the labels from sandboxLabels', () => {
    expect(containerOptions(spec(), who, []).Labels).toEqual(sandboxLabels(spec(), who));
  });
});

describe('sandboxLabels', () => {
  it('records the immutable facts under Sandlot’s own namespace', () => {
    const labels = sandboxLabels(spec({ platform: { os: 'linux', arch: 'arm64' } }), who);
    expect(labels).toEqual({
      [LABEL.managed]: 'true',
      [LABEL.instance]: 'inst-456',
      [LABEL.sandboxId]: 'sbx-123',
      [LABEL.createdAt]: '2026-01-02T03:04:05.000Z',
      [LABEL.image]: '127.0.0.1:5000/sandlot/private:latest',
      [LABEL.entrypoint]: '["sleep","infinity"]',
      [LABEL.metadata]: '{"name":"My box","project":"apollo"}',
      [LABEL.resources]: '{"cpu":"500m","memory":"512Mi"}',
      [LABEL.network]: 'isolated',
      [LABEL.platform]: 'linux/arm64',
      [LABEL.expiresAt]: '2026-01-02T03:14:05.000Z',
    });
  });

  it('uses no opensandbox.io labels', () => {
    for (const key of Object.keys(sandboxLabels(spec(), who))) {
      expect(key.startsWith('opensandbox.io')).toBe(false);
      expect(key.startsWith('dev.sandlot.')).toBe(true);
    }
  });

  it('leaves out platform and expiry when there are none', () => {
    const labels = sandboxLabels(spec({ platform: null }), { ...who, expiresAt: null });
    expect(labels[LABEL.platform]).toBeUndefined();
    expect(labels[LABEL.expiresAt]).toBeUndefined();
    expect(labels[LABEL.managed]).toBe('true');
  });

  it('contains no credentials and no env values', () => {
    const text = JSON.stringify(sandboxLabels(spec({ env: { TOKEN: 'env-secret-value-77' } }), who));
    expect(text).not.toContain(SECRET_USER);
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toContain('env-secret-value-77');
  });

  it('gives every label a string value', () => {
    for (const value of Object.values(sandboxLabels(spec({ platform: { os: 'linux', arch: 'amd64' } }), who))) {
      expect(typeof value).toBe('string');
    }
  });
});
