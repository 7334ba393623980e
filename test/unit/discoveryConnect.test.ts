// Hosts, connection options, Podman detection and the choice of engine (with fake probes), the
// remembered setting, and records kept per engine.
import { describe, expect, it } from 'vitest';
import type { DockerEndpoint, EngineCandidate } from '../../src-main/contract/engines';
import { connectionOptions } from '../../src-main/runtime/discovery/connection';
import { parseHost } from '../../src-main/runtime/discovery/hosts';
import { resolveEndpoint } from '../../src-main/runtime/discovery/resolve';
import { identify, withIdentity } from '../../src-main/runtime/discovery/version';
import { RecordStore } from '../../src-main/store/records';
import { checkDockerHost, SettingsStore, type KeyValueFile } from '../../src-main/store/settings';
import { engineError, record, tempDir } from './support';

const ep = (host: string, name: string, source: DockerEndpoint['source'] = 'socket'): DockerEndpoint => ({ host, name, source, flavor: 'docker' });

describe('parseHost', () => {
  it('reads every kind the Docker CLI accepts', () => {
    expect(parseHost('unix:///var/run/docker.sock')).toEqual({ kind: 'unix', path: '/var/run/docker.sock' });
    expect(parseHost('npipe:////./pipe/docker_engine')).toEqual({ kind: 'npipe', path: '//./pipe/docker_engine' });
    expect(parseHost('tcp://10.0.0.1:2375')).toEqual({ kind: 'tcp', host: '10.0.0.1', port: 2375, https: false });
    expect(parseHost('tcp://box:2376')).toMatchObject({ port: 2376, https: true });
    expect(parseHost('tcp://box')).toMatchObject({ port: 2375, https: false });
    expect(parseHost('ssh://me@build.example:2222')).toEqual({ kind: 'ssh', host: 'build.example', port: 2222, user: 'me' });
    expect(parseHost('ssh://build.example')).toEqual({ kind: 'ssh', host: 'build.example', port: 22, user: undefined });
  });

  it('refuses what is not a Docker host, saying what would be', () => {
    expect(() => parseHost('/var/run/docker.sock')).toThrow(/unix:\/\//);
    expect(() => parseHost('unix://relative.sock')).toThrow(/absolute/);
    expect(() => parseHost('ftp://x')).toThrow(/not a Docker host/);
    expect(() => parseHost('npipe://docker')).toThrow(/named pipe/);
  });
});

describe('connectionOptions', () => {
  const read = (p: string) => Buffer.from(`pem:${p}`);
  // DOCKER_HOST in the environment must not leak into a chosen endpoint's connection.
  const env = { DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CERT_PATH: '/nope' };

  it('connects to a unix socket or a named pipe by path, and nothing else', () => {
    const o = connectionOptions(ep('unix:///home/me/.colima/default/docker.sock', 'Colima'), read, env);
    expect(o.socketPath).toBe('/home/me/.colima/default/docker.sock');
    expect(o).toHaveProperty('host', undefined);
    expect(o).toHaveProperty('ca', undefined);
    expect(connectionOptions(ep('npipe:////./pipe/docker_engine', 'Docker Desktop'), read, env).socketPath).toBe('//./pipe/docker_engine');
  });

  it('uses https with the TLS files of a context, and skips verification only when asked', () => {
    const tls = { caPath: '/c/ca.pem', certPath: '/c/cert.pem', keyPath: '/c/key.pem', verify: true };
    const o = connectionOptions({ ...ep('tcp://box:2376', 'context: box', 'context'), tls }, read, env);
    expect(o).toMatchObject({ host: 'box', port: 2376, protocol: 'https' });
    expect(String(o.ca)).toBe('pem:/c/ca.pem');
    expect(String(o.key)).toBe('pem:/c/key.pem');
    expect(o.agent).toBeUndefined();
    const skip = connectionOptions({ ...ep('tcp://box:2376', 'lab', 'context'), tls: { ...tls, verify: false } }, read, env);
    expect(skip.agent?.options.rejectUnauthorized).toBe(false);
    expect(connectionOptions(ep('tcp://box:2375', 'plain'), read, env)).toMatchObject({ protocol: 'http', ca: undefined });
  });

  it('speaks ssh through docker-modem with the ssh agent', () => {
    const o = connectionOptions(ep('ssh://me@build:2222', 'build'), read, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(o).toMatchObject({ protocol: 'ssh', host: 'build', port: 2222, username: 'me', sshOptions: { agent: '/tmp/agent.sock' } });
  });
});

describe('Podman posing as Docker', () => {
  it('is told from the version answer\'s components or platform name', () => {
    expect(identify({ Version: '27.3.1', ApiVersion: '1.47', Os: 'linux', Arch: 'amd64', Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine', Version: '27.3.1' }] })).toEqual({
      product: 'Docker',
      version: '27.3.1',
      detail: 'Docker 27.3.1 (API 1.47, linux/amd64)',
    });
    const podman = identify({ Version: '5.2.0', ApiVersion: '1.41', Os: 'linux', Arch: 'arm64', Components: [{ Name: 'Podman Engine', Version: '5.2.0' }] });
    expect(podman).toMatchObject({ product: 'Podman', detail: 'Podman 5.2.0 (API 1.41, linux/arm64)' });
    expect(identify({ Version: '4.9.3', Platform: { Name: 'linux/amd64/podman' } }).product).toBe('Podman');
  });

  it('renames a socket with a Docker name, and keeps a product name beside Podman', () => {
    const id = identify({ Components: [{ Name: 'Podman Engine', Version: '5.2.0' }] });
    expect(withIdentity(ep('unix:///var/run/docker.sock', 'Docker Engine'), id)).toMatchObject({ name: 'Podman', flavor: 'podman' });
    expect(withIdentity({ ...ep('unix:///x', 'Rancher Desktop'), flavor: 'rancher-desktop' }, id)).toMatchObject({ name: 'Rancher Desktop (Podman)', flavor: 'podman' });
    const docker = identify({ Version: '27.0.0' });
    const e = ep('unix:///var/run/docker.sock', 'Docker Engine');
    expect(withIdentity(e, docker)).toBe(e);
  });
});

describe('resolveEndpoint', () => {
  const engine = ep('unix:///var/run/docker.sock', 'Docker Engine');
  const colima = { ...ep('unix:///h/.colima/default/docker.sock', 'Colima'), flavor: 'colima' as const };
  const probeWith = (answering: string[]) => async (e: DockerEndpoint): Promise<EngineCandidate> => ({ endpoint: e, reachable: answering.includes(e.host), detail: '' });
  const base = { home: '/h', platform: 'linux' as const };

  it('uses the remembered host without probing, even one discovery does not list', async () => {
    const never = async (): Promise<EngineCandidate> => {
      throw new Error('must not probe');
    };
    expect((await resolveEndpoint({ ...base, dockerHost: colima.host, endpoints: [engine, colima], probe: never })).endpoint).toBe(colima);
    const custom = await resolveEndpoint({ ...base, dockerHost: 'tcp://10.1.1.1:2375', endpoints: [engine], probe: never });
    expect(custom.endpoint).toEqual({ host: 'tcp://10.1.1.1:2375', name: 'Remote Docker', source: 'custom', flavor: 'remote' });
  });

  it('automatic: DOCKER_HOST as it is, else the first that answers, else the first', async () => {
    const env = ep('unix:///tmp/relay.sock', 'DOCKER_HOST', 'env');
    expect((await resolveEndpoint({ ...base, dockerHost: null, endpoints: [env, engine], probe: probeWith([]) })).endpoint).toBe(env);
    const second = await resolveEndpoint({ ...base, dockerHost: null, endpoints: [engine, colima], probe: probeWith([colima.host]) });
    expect(second.endpoint).toBe(colima);
    expect(second.candidates?.map((c) => c.reachable)).toEqual([false, true]);
    expect((await resolveEndpoint({ ...base, dockerHost: null, endpoints: [engine, colima], probe: probeWith([engine.host, colima.host]) })).endpoint).toBe(engine);
    expect((await resolveEndpoint({ ...base, dockerHost: null, endpoints: [colima, engine], probe: probeWith([]) })).endpoint).toBe(colima);
    expect((await resolveEndpoint({ ...base, dockerHost: null, endpoints: [], probe: probeWith([]) })).endpoint.host).toBe('unix:///var/run/docker.sock');
  });
});

describe('the dockerHost setting', () => {
  function memoryFile(init: Record<string, unknown> = {}): KeyValueFile & { data: Record<string, unknown> } {
    const data = { ...init };
    return { data, path: '/mem/config.json', get: (k) => data[k], set: (k, v) => void (data[k] = v) };
  }

  it('defaults to automatic, is remembered, and a hand-broken value counts as automatic', () => {
    const file = memoryFile();
    const store = new SettingsStore(file, {});
    expect(store.dockerHost()).toBeNull();
    store.setDockerHost('unix:///h/.colima/default/docker.sock');
    expect(new SettingsStore(file, {}).dockerHost()).toBe('unix:///h/.colima/default/docker.sock');
    store.setDockerHost(null);
    expect(store.dockerHost()).toBeNull();
    expect(new SettingsStore(memoryFile({ dockerHost: 42 }), {}).dockerHost()).toBeNull();
    expect(new SettingsStore(memoryFile({ dockerHost: 'nonsense' }), {}).dockerHost()).toBeNull();
  });

  it('refuses what is not a Docker host, naming the field', () => {
    expect(checkDockerHost(' ssh://me@box ')).toBe('ssh://me@box');
    expect(engineError(() => checkDockerHost('docker.sock')).field).toBe('dockerHost');
    expect(engineError(() => checkDockerHost('')).message).toMatch(/dockerHost/);
  });
});

describe('records kept per engine', () => {
  it('shows only the active engine\'s records; the others stay on disk, untouched', async () => {
    const home = tempDir('sandlot-records-engines-');
    try {
      const store = new RecordStore(home.dir);
      await store.load();
      await store.put(record({ id: 'legacy' })); // written before engines could switch: no host
      const a = new RecordStore(home.dir);
      await a.load();
      a.useEngine('unix:///a.sock');
      expect(a.all().map((r) => r.id)).toEqual(['legacy']); // claimed by the first engine used
      await a.put(record({ id: 'on-a' }));
      a.useEngine('unix:///b.sock');
      expect(a.all()).toEqual([]);
      expect(a.get('on-a')).toBeUndefined();
      await a.put(record({ id: 'on-b' }));
      const again = new RecordStore(home.dir);
      await again.load();
      again.useEngine('unix:///a.sock');
      expect(again.all().map((r) => r.id).sort()).toEqual(['legacy', 'on-a']);
      expect(again.get('on-a')).not.toHaveProperty('engineHost');
      // Both hosts reach one daemon: B's container shows up on A, so its record moves to A.
      expect(again.claim('on-b')?.id).toBe('on-b');
      expect(again.claim('on-a')).toBeUndefined();
      expect(again.all().map((r) => r.id).sort()).toEqual(['legacy', 'on-a', 'on-b']);
    } finally {
      home.remove();
    }
  });
});
