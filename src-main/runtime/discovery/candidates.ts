// Every Docker endpoint worth offering, in the Docker CLI's order: DOCKER_HOST, the current
// context, the sockets of known distributions, then the other contexts. De-duplicated by host,
// and by the real path of local sockets (macOS's /var/run/docker.sock is usually a symlink).
import type { DockerEndpoint } from '../../contract/engines';
import { contextEndpoint, currentContextName, otherContextEndpoints } from './contexts';
import { envEndpoint } from './envHost';
import { socketPathOf } from './hosts';
import { knownSockets } from './sockets';
import type { DiscoverySystem } from './system';

/** Generic names that give way to a product's name when both reach the same socket. */
const GENERIC = new Set(['docker', 'unknown']);

export function dedupe(list: DockerEndpoint[], realpath: (p: string) => string): DockerEndpoint[] {
  const out: DockerEndpoint[] = [];
  const byKey = new Map<string, number>();
  for (const e of list) {
    const local = e.host.startsWith('unix://') ? socketPathOf(e.host) : null;
    const keys = [e.host, ...(local ? [`real:${realpath(local)}`] : [])];
    const seen = keys.map((k) => byKey.get(k)).find((i) => i !== undefined);
    if (seen === undefined) {
      for (const k of keys) byKey.set(k, out.length);
      out.push(e);
      continue;
    }
    const first = out[seen] as DockerEndpoint;
    // The first keeps its place and host; a plain socket takes the product's name it leads to.
    if (first.source === 'socket' && GENERIC.has(first.flavor) && !GENERIC.has(e.flavor)) {
      out[seen] = { ...first, name: e.name, flavor: e.flavor };
    }
  }
  return out;
}

export function findEndpoints(sys: DiscoverySystem): DockerEndpoint[] {
  const env = envEndpoint(sys);
  const current = currentContextName(sys);
  const context = current ? contextEndpoint(sys, current) : null;
  const list = [...(env ? [env] : []), ...(context ? [context] : []), ...knownSockets(sys), ...otherContextEndpoints(sys, current)];
  return dedupe(list, (p) => sys.realpath(p));
}
