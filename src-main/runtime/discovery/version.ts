// What answered: Docker's /version says which product serves the API. Podman's Docker-compatible
// socket answers with a "Podman Engine" component, so a podman-docker socket at
// /var/run/docker.sock is still named Podman.
import type { DockerEndpoint } from '../../contract/engines';

/** The parts of Docker's /version answer that Sandlot reads. */
export interface VersionAnswer {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: Array<{ Name?: string; Version?: string }>;
}

export interface EngineIdentity {
  product: 'Docker' | 'Podman';
  version: string;
  /** "Docker 27.3.1 (API 1.47, linux/amd64)", "Podman 5.2.0 (API 1.41, linux/arm64)". */
  detail: string;
}

export function identify(v: VersionAnswer): EngineIdentity {
  const podmanPart = (v.Components ?? []).find((c) => /podman/i.test(c.Name ?? ''));
  const podman = Boolean(podmanPart) || /podman/i.test(v.Platform?.Name ?? '');
  const product = podman ? 'Podman' : 'Docker';
  const version = (podman ? podmanPart?.Version : undefined) ?? v.Version ?? 'unknown';
  const where = [v.ApiVersion ? `API ${v.ApiVersion}` : '', v.Os && v.Arch ? `${v.Os}/${v.Arch}` : ''].filter(Boolean).join(', ');
  return { product, version, detail: `${product} ${version}${where ? ` (${where})` : ''}` };
}

/** The endpoint, renamed when Podman turned out to serve it under a Docker name. */
export function withIdentity(e: DockerEndpoint, id: EngineIdentity): DockerEndpoint {
  if (id.product !== 'Podman' || e.flavor === 'podman') return e;
  const generic = e.flavor === 'docker' || e.flavor === 'unknown' || e.flavor === 'rootless-docker';
  return { ...e, flavor: 'podman', name: generic ? 'Podman' : `${e.name} (Podman)` };
}
