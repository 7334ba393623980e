// Which endpoint to use: the one the user picked (remembered in settings), else automatic:
// DOCKER_HOST when set (the Docker CLI's rule: what the environment asks for is used even when
// it does not answer yet), else the first candidate in order that answers, else the first one.
import type { DockerEndpoint, EngineCandidate, EngineFlavor } from '../../contract/engines';
import { flavorOfHost } from './flavor';
import { DEFAULT_NPIPE, DEFAULT_UNIX_SOCKET, unixHost } from './hosts';
import { probeAll, type Probe } from './probe';

const FLAVOR_NAMES: Record<EngineFlavor, string> = {
  docker: 'Docker Engine',
  'docker-desktop': 'Docker Desktop',
  orbstack: 'OrbStack',
  colima: 'Colima',
  'rancher-desktop': 'Rancher Desktop',
  podman: 'Podman',
  'rootless-docker': 'Rootless Docker',
  remote: 'Remote Docker',
  unknown: 'Docker',
};

/** An endpoint for a host discovery did not list (typed by hand, or gone since). */
export function customEndpoint(host: string, home: string): DockerEndpoint {
  const flavor = flavorOfHost(host, home);
  return { host, name: FLAVOR_NAMES[flavor], source: 'custom', flavor };
}

export function platformDefault(platform: NodeJS.Platform): DockerEndpoint {
  const host = platform === 'win32' ? DEFAULT_NPIPE : unixHost(DEFAULT_UNIX_SOCKET);
  return { host, name: FLAVOR_NAMES[platform === 'win32' ? 'docker-desktop' : 'docker'], source: 'socket', flavor: platform === 'win32' ? 'docker-desktop' : 'docker' };
}

export interface Resolution {
  endpoint: DockerEndpoint;
  /** The probed candidates, when resolving needed them (automatic without DOCKER_HOST). */
  candidates: EngineCandidate[] | null;
}

export interface ResolveInput {
  /** The setting: a host, or null for automatic. */
  dockerHost: string | null;
  endpoints: DockerEndpoint[];
  home: string;
  platform: NodeJS.Platform;
  probe?: Probe;
}

export async function resolveEndpoint(input: ResolveInput): Promise<Resolution> {
  const { dockerHost, endpoints } = input;
  if (dockerHost !== null) {
    return { endpoint: endpoints.find((e) => e.host === dockerHost) ?? customEndpoint(dockerHost, input.home), candidates: null };
  }
  const first = endpoints[0];
  if (first?.source === 'env') return { endpoint: first, candidates: null };
  const candidates = await probeAll(endpoints, input.probe);
  const answering = candidates.find((c) => c.reachable);
  return { endpoint: answering?.endpoint ?? first ?? platformDefault(input.platform), candidates };
}
