// Docker engines Sandlot can use: what discovery found (the Docker CLI's order: DOCKER_HOST,
// the current Docker context, then the sockets of known distributions), whether each answers,
// and which one is in use. Types, plus one pure helper the tray and the renderer share.

/** Why a candidate is on the list. */
export type EngineSource = 'env' | 'context' | 'socket' | 'custom';

/** Which product serves the socket, when it can be told (Podman is detected from its version). */
export type EngineFlavor =
  | 'docker'
  | 'docker-desktop'
  | 'orbstack'
  | 'colima'
  | 'rancher-desktop'
  | 'podman'
  | 'rootless-docker'
  | 'remote'
  | 'unknown';

export interface DockerEndpoint {
  /** As DOCKER_HOST spells it: unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://user@host. */
  host: string;
  /** What the user sees: "Docker Desktop", "Colima", "context: staging", "DOCKER_HOST". */
  name: string;
  source: EngineSource;
  flavor: EngineFlavor;
  /** TLS material for tcp:// hosts (from a Docker context or DOCKER_CERT_PATH). */
  tls?: { caPath?: string; certPath?: string; keyPath?: string; verify: boolean };
}

export interface EngineCandidate {
  endpoint: DockerEndpoint;
  reachable: boolean;
  /** The engine's version when it answers ("Docker 27.3.1", "Podman 5.2.0"), else why not. */
  detail: string;
}

export interface EngineChoice {
  candidates: EngineCandidate[];
  /** The host the user picked, remembered in settings; null means "automatic" (first that answers). */
  selected: string | null;
  /** The host the engine uses right now. */
  active: string;
}

/** "Docker 27.3.1" or "Podman 5.2.0" from an engine status's detail; null when it names none. */
export function productVersion(detail: string): string | null {
  const m = /^(Docker|Podman) (\d+\.\d+(?:\.\d+)?)/.exec(detail);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** What the header badge shows for a connected engine: "Docker 27.3.1 · Colima". */
export function engineSummary(name: string | undefined, detail: string): string | null {
  const version = productVersion(detail);
  if (!version) return name ?? null;
  // "Podman 5.2.0 · Podman" would say the same thing twice.
  return name && !version.startsWith(`${name} `) ? `${version} · ${name}` : version;
}
