// The sockets that known Docker distributions create, in the order Sandlot prefers them on each
// platform. Only sockets that exist are listed, except the platform's default (the Docker CLI's
// own fallback), so the list always names at least one place to look.
import type { DockerEndpoint, EngineFlavor } from '../../contract/engines';
import { DEFAULT_NPIPE, DEFAULT_UNIX_SOCKET, unixHost } from './hosts';
import { join, type DiscoverySystem } from './system';

interface Known {
  host: string;
  name: string;
  flavor: EngineFlavor;
  /** The default is listed even when nothing is there yet. */
  always?: boolean;
}

function sock(path: string, name: string, flavor: EngineFlavor, always = false): Known {
  return { host: unixHost(path), name, flavor, always };
}

/** Colima: the default profile first, then every other profile (~/.colima/<profile>/docker.sock). */
function colima(sys: DiscoverySystem): Known[] {
  const root = join(sys.home, '.colima');
  const out = [sock(join(root, 'default', 'docker.sock'), 'Colima', 'colima'), sock(join(root, 'docker.sock'), 'Colima', 'colima')];
  for (const profile of sys.listDir(root).sort()) {
    if (profile === 'default' || profile.startsWith('_')) continue;
    out.push(sock(join(root, profile, 'docker.sock'), `Colima (${profile})`, 'colima'));
  }
  return out;
}

/** Podman machines on macOS: ~/.local/share/containers/podman/machine/<machine or provider>/podman.sock */
function podmanMachines(sys: DiscoverySystem): Known[] {
  const root = join(sys.home, '.local', 'share', 'containers', 'podman', 'machine');
  return sys
    .listDir(root)
    .sort()
    .map((m) => sock(join(root, m, 'podman.sock'), `Podman machine (${m})`, 'podman'));
}

function runtimeDir(sys: DiscoverySystem): string | null {
  const dir = sys.env['XDG_RUNTIME_DIR'];
  return dir && dir.startsWith('/') ? dir : null;
}

function linux(sys: DiscoverySystem): Known[] {
  const xdg = runtimeDir(sys);
  return [
    sock(DEFAULT_UNIX_SOCKET, 'Docker Engine', 'docker', true),
    ...(xdg ? [sock(join(xdg, 'docker.sock'), 'Rootless Docker', 'rootless-docker')] : []),
    sock(join(sys.home, '.docker', 'desktop', 'docker.sock'), 'Docker Desktop', 'docker-desktop'),
    ...colima(sys),
    sock(join(sys.home, '.rd', 'docker.sock'), 'Rancher Desktop', 'rancher-desktop'),
    ...(xdg ? [sock(join(xdg, 'podman', 'podman.sock'), 'Podman', 'podman')] : []),
    sock('/run/podman/podman.sock', 'Podman (rootful)', 'podman'),
  ];
}

function macos(sys: DiscoverySystem): Known[] {
  return [
    sock(join(sys.home, '.docker', 'run', 'docker.sock'), 'Docker Desktop', 'docker-desktop'),
    // Often a symlink that another product installed; de-duplication gives it that product's name.
    sock(DEFAULT_UNIX_SOCKET, 'Default socket', 'docker', true),
    sock(join(sys.home, '.orbstack', 'run', 'docker.sock'), 'OrbStack', 'orbstack'),
    ...colima(sys),
    sock(join(sys.home, '.rd', 'docker.sock'), 'Rancher Desktop', 'rancher-desktop'),
    ...podmanMachines(sys),
  ];
}

function windows(): Known[] {
  return [
    { host: DEFAULT_NPIPE, name: 'Docker Desktop', flavor: 'docker-desktop', always: true },
    { host: 'npipe:////./pipe/dockerDesktopLinuxEngine', name: 'Docker Desktop (Linux engine)', flavor: 'docker-desktop' },
    { host: 'npipe:////./pipe/podman-machine-default', name: 'Podman machine', flavor: 'podman' },
  ];
}

/** Windows checks a pipe as \\.\pipe\name; a unix socket is checked at its path. */
function localPath(host: string): string {
  if (host.startsWith('npipe://')) return host.slice('npipe://'.length).replace(/\//g, '\\');
  return host.slice('unix://'.length);
}

export function knownSockets(sys: DiscoverySystem): DockerEndpoint[] {
  const list = sys.platform === 'win32' ? windows() : sys.platform === 'darwin' ? macos(sys) : linux(sys);
  return list
    .filter((k) => k.always || sys.exists(localPath(k.host)))
    .map((k) => ({ host: k.host, name: k.name, source: 'socket', flavor: k.flavor }));
}
