// Discovery's resolution order, with fake home folders (real temporary folders holding the files
// and sockets each Docker distribution makes) and fake environments.
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DockerEndpoint } from '../../src-main/contract/engines';
import { findEndpoints } from '../../src-main/runtime/discovery/candidates';
import { contextDirName } from '../../src-main/runtime/discovery/contexts';
import { nodeSystem, type DiscoverySystem } from '../../src-main/runtime/discovery/system';
import { tempDir } from './support';

let home: { dir: string; remove: () => void };
let xdg: { dir: string; remove: () => void };
beforeEach(() => {
  home = tempDir('sandlot-home-');
  xdg = tempDir('sandlot-xdg-');
});
afterEach(() => {
  home.remove();
  xdg.remove();
});

/** Creates a file (a stand-in for a socket: discovery only checks it is there) under the fake home. */
function touch(rel: string, text = ''): string {
  const p = path.isAbsolute(rel) ? rel : path.join(home.dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function sys(env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux'): DiscoverySystem {
  return nodeSystem(env, home.dir, platform);
}

const hosts = (list: DockerEndpoint[]) => list.map((e) => e.host);
const names = (list: DockerEndpoint[]) => list.map((e) => e.name);
const unix = (rel: string) => `unix://${path.join(home.dir, rel)}`;

function writeContext(name: string, host: string, opts: { skipTls?: boolean; tls?: string[] } = {}): void {
  const dir = createHash('sha256').update(name).digest('hex');
  touch(`.docker/contexts/meta/${dir}/meta.json`, JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTls ?? false } } }));
  for (const f of opts.tls ?? []) touch(`.docker/contexts/tls/${dir}/docker/${f}`, 'pem');
}

describe('discovery on Linux', () => {
  it('always offers the Docker Engine default socket, first', () => {
    const list = findEndpoints(sys());
    expect(list[0]).toEqual({ host: 'unix:///var/run/docker.sock', name: 'Docker Engine', source: 'socket', flavor: 'docker' });
    expect(list).toHaveLength(1);
  });

  it('lists every known socket that exists, in order', () => {
    touch('.docker/desktop/docker.sock');
    touch('.colima/default/docker.sock');
    touch('.colima/docker.sock');
    touch('.colima/work/docker.sock');
    touch('.colima/_lima/whatever');
    touch('.rd/docker.sock');
    touch(path.join(xdg.dir, 'docker.sock'));
    touch(path.join(xdg.dir, 'podman/podman.sock'));
    const list = findEndpoints(sys({ XDG_RUNTIME_DIR: xdg.dir }));
    expect(names(list)).toEqual(['Docker Engine', 'Rootless Docker', 'Docker Desktop', 'Colima', 'Colima', 'Colima (work)', 'Rancher Desktop', 'Podman']);
    expect(hosts(list)).toEqual([
      'unix:///var/run/docker.sock',
      `unix://${xdg.dir}/docker.sock`,
      unix('.docker/desktop/docker.sock'),
      unix('.colima/default/docker.sock'),
      unix('.colima/docker.sock'),
      unix('.colima/work/docker.sock'),
      unix('.rd/docker.sock'),
      `unix://${xdg.dir}/podman/podman.sock`,
    ]);
    expect(list.map((e) => e.flavor)).toEqual(['docker', 'rootless-docker', 'docker-desktop', 'colima', 'colima', 'colima', 'rancher-desktop', 'podman']);
    expect(list.every((e) => e.source === 'socket')).toBe(true);
  });

  it('skips sockets that are not there', () => {
    mkdirSync(path.join(home.dir, '.colima/default'), { recursive: true });
    expect(hosts(findEndpoints(sys({ XDG_RUNTIME_DIR: xdg.dir })))).toEqual(['unix:///var/run/docker.sock']);
  });

  it('names a symlinked socket once (the first in order keeps its place, the product its name)', () => {
    const target = touch('.colima/default/docker.sock');
    mkdirSync(path.join(home.dir, '.rd'));
    symlinkSync(target, path.join(home.dir, '.rd/docker.sock'));
    const list = findEndpoints(sys());
    expect(names(list)).toEqual(['Docker Engine', 'Colima']);
  });
});

describe('DOCKER_HOST', () => {
  it('comes first and wins over contexts and sockets', () => {
    touch('.colima/default/docker.sock');
    touch('.docker/config.json', JSON.stringify({ currentContext: 'colima' }));
    writeContext('colima', unix('.colima/default/docker.sock'));
    const list = findEndpoints(sys({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }));
    expect(list[0]).toEqual({ host: 'tcp://10.0.0.5:2375', name: 'DOCKER_HOST', source: 'env', flavor: 'remote' });
    expect(list[1]?.name).toBe('context: colima');
  });

  it('takes TLS files from DOCKER_CERT_PATH, or ~/.docker when only DOCKER_TLS_VERIFY is set', () => {
    const [withPath] = findEndpoints(sys({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }));
    expect(withPath?.tls).toEqual({ caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true });
    const [noPath] = findEndpoints(sys({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }));
    expect(noPath?.tls?.caPath).toBe(`${home.dir}/.docker/ca.pem`);
    const [certsOnly] = findEndpoints(sys({ DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: '/certs' }));
    expect(certsOnly?.tls?.verify).toBe(false);
    const [plain] = findEndpoints(sys({ DOCKER_HOST: 'tcp://h:2375' }));
    expect(plain?.tls).toBeUndefined();
  });

  it('is de-duplicated with the socket it names, keeping its place and source', () => {
    const list = findEndpoints(sys({ DOCKER_HOST: 'unix:///var/run/docker.sock' }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ source: 'env', name: 'DOCKER_HOST', flavor: 'docker' });
  });

  it('names the product its socket belongs to by flavour', () => {
    const [e] = findEndpoints(sys({ DOCKER_HOST: unix('.colima/default/docker.sock') }));
    expect(e?.flavor).toBe('colima');
  });
});

describe('Docker contexts', () => {
  it('reads the current context from config.json, with meta under sha256(name)', () => {
    expect(contextDirName('colima')).toBe(createHash('sha256').update('colima').digest('hex'));
    touch('.docker/config.json', JSON.stringify({ auths: {}, currentContext: 'colima' }));
    writeContext('colima', unix('.colima/default/docker.sock'));
    const list = findEndpoints(sys());
    expect(list[0]).toEqual({ host: unix('.colima/default/docker.sock'), name: 'context: colima', source: 'context', flavor: 'colima' });
    expect(list[1]?.host).toBe('unix:///var/run/docker.sock');
  });

  it('prefers DOCKER_CONTEXT to config.json, and DOCKER_CONFIG moves the folder', () => {
    touch('.docker/config.json', JSON.stringify({ currentContext: 'colima' }));
    writeContext('colima', unix('.colima/default/docker.sock'));
    writeContext('staging', 'tcp://staging.example:2376', { tls: ['ca.pem', 'cert.pem', 'key.pem'] });
    const list = findEndpoints(sys({ DOCKER_CONTEXT: 'staging' }));
    const tlsDir = `${home.dir}/.docker/contexts/tls/${contextDirName('staging')}/docker`;
    expect(list[0]).toEqual({
      host: 'tcp://staging.example:2376',
      name: 'context: staging',
      source: 'context',
      flavor: 'remote',
      tls: { caPath: `${tlsDir}/ca.pem`, certPath: `${tlsDir}/cert.pem`, keyPath: `${tlsDir}/key.pem`, verify: true },
    });
    // The other contexts come last, after the sockets.
    expect(list.at(-1)?.name).toBe('context: colima');
    const moved = findEndpoints(sys({ DOCKER_CONFIG: path.join(home.dir, 'nowhere') }));
    expect(moved.some((e) => e.source === 'context')).toBe(false);
  });

  it('honours SkipTLSVerify', () => {
    writeContext('lab', 'tcp://lab:2376', { skipTls: true, tls: ['ca.pem'] });
    const [e] = findEndpoints(sys({ DOCKER_CONTEXT: 'lab' }));
    expect(e?.tls).toEqual({ caPath: `${home.dir}/.docker/contexts/tls/${contextDirName('lab')}/docker/ca.pem`, verify: false });
  });

  it('treats "default" as no context', () => {
    touch('.docker/config.json', JSON.stringify({ currentContext: 'default' }));
    expect(findEndpoints(sys()).some((e) => e.source === 'context')).toBe(false);
    writeContext('colima', unix('.colima/default/docker.sock'));
    expect(findEndpoints(sys({ DOCKER_CONTEXT: 'default' }))[0]?.source).toBe('socket');
  });

  it('survives a broken config.json, a broken meta.json and a context that is not there', () => {
    touch('.docker/config.json', '{ not json');
    expect(hosts(findEndpoints(sys()))).toEqual(['unix:///var/run/docker.sock']);
    touch('.docker/config.json', JSON.stringify({ currentContext: 'ghost' }));
    expect(hosts(findEndpoints(sys()))).toEqual(['unix:///var/run/docker.sock']);
    touch(`.docker/contexts/meta/${contextDirName('broken')}/meta.json`, '{');
    expect(hosts(findEndpoints(sys({ DOCKER_CONTEXT: 'broken' })))).toEqual(['unix:///var/run/docker.sock']);
    touch(`.docker/contexts/meta/${contextDirName('nohost')}/meta.json`, JSON.stringify({ Name: 'nohost', Endpoints: {} }));
    expect(hosts(findEndpoints(sys({ DOCKER_CONTEXT: 'nohost' })))).toEqual(['unix:///var/run/docker.sock']);
  });

  it('ignores a meta folder whose name is not the sha256 of its context', () => {
    touch('.docker/contexts/meta/not-a-hash/meta.json', JSON.stringify({ Name: 'odd', Endpoints: { docker: { Host: 'tcp://odd:2375' } } }));
    expect(findEndpoints(sys()).some((e) => e.host === 'tcp://odd:2375')).toBe(false);
  });
});

describe('discovery on macOS', () => {
  it('orders Docker Desktop, the default socket, OrbStack, Colima, Rancher Desktop and Podman machines', () => {
    touch('.docker/run/docker.sock');
    touch('.orbstack/run/docker.sock');
    touch('.colima/default/docker.sock');
    touch('.rd/docker.sock');
    touch('.local/share/containers/podman/machine/qemu/podman.sock');
    touch('.local/share/containers/podman/machine/applehv/podman.sock');
    const list = findEndpoints(sys({}, 'darwin'));
    expect(names(list)).toEqual([
      'Docker Desktop',
      'Default socket',
      'OrbStack',
      'Colima',
      'Rancher Desktop',
      'Podman machine (applehv)',
      'Podman machine (qemu)',
    ]);
    expect(list[0]?.host).toBe(unix('.docker/run/docker.sock'));
    expect(list.at(-1)?.flavor).toBe('podman');
  });

  it('gives /var/run/docker.sock the name of the product it links to', () => {
    const orb = touch('.orbstack/run/docker.sock');
    const base = sys({}, 'darwin');
    const linked: DiscoverySystem = { ...base, realpath: (p) => (p === '/var/run/docker.sock' ? orb : base.realpath(p)) };
    const list = findEndpoints(linked);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ host: 'unix:///var/run/docker.sock', name: 'OrbStack', flavor: 'orbstack' });
  });
});

describe('discovery on Windows', () => {
  it('offers Docker Desktop\'s pipe, and the Linux engine and Podman pipes when they exist', () => {
    const base = sys({}, 'win32');
    expect(hosts(findEndpoints({ ...base, exists: () => false }))).toEqual(['npipe:////./pipe/docker_engine']);
    const list = findEndpoints({ ...base, exists: (p) => p.startsWith('\\\\.\\pipe\\') });
    expect(hosts(list)).toEqual(['npipe:////./pipe/docker_engine', 'npipe:////./pipe/dockerDesktopLinuxEngine', 'npipe:////./pipe/podman-machine-default']);
    expect(names(list)).toEqual(['Docker Desktop', 'Docker Desktop (Linux engine)', 'Podman machine']);
  });
});
