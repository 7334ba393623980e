// Which product a host belongs to, told from where its socket lives. Podman serving a socket
// under another name is only known once it answers (see version.ts).
import type { EngineFlavor } from '../../contract/engines';
import { DEFAULT_UNIX_SOCKET } from './hosts';

export function flavorOfHost(host: string, home: string): EngineFlavor {
  if (!host.startsWith('unix://') && !host.startsWith('npipe://')) return 'remote';
  const path = host.replace(/^(unix|npipe):\/\//, '');
  const h = home.replace(/\/+$/, '');
  if (path.includes('podman')) return 'podman';
  if (path.startsWith(`${h}/.colima/`)) return 'colima';
  if (path.startsWith(`${h}/.orbstack/`)) return 'orbstack';
  if (path.startsWith(`${h}/.rd/`)) return 'rancher-desktop';
  if (path.startsWith(`${h}/.docker/`) || /dockerDesktop|docker_engine/.test(path)) return 'docker-desktop';
  if (path === DEFAULT_UNIX_SOCKET || path === '/run/docker.sock') return 'docker';
  if (/\/run\/user\/\d+\/docker\.sock$/.test(path)) return 'rootless-docker';
  return 'unknown';
}
