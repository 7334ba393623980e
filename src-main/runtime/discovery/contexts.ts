// Docker CLI contexts: the current one (DOCKER_CONTEXT, else config.json's currentContext) and
// the others the user made. Each lives in contexts/meta/<sha256(name)>/meta.json; its TLS files,
// if any, in contexts/tls/<sha256(name)>/docker/.
import { createHash } from 'node:crypto';
import type { DockerEndpoint } from '../../contract/engines';
import { dockerConfigDir } from './envHost';
import { flavorOfHost } from './flavor';
import { join, type DiscoverySystem } from './system';

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function readJson(sys: DiscoverySystem, path: string): unknown {
  const text = sys.readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A hand-edited, broken file is treated as absent, as if the context were not there.
    return null;
  }
}

/** The context the Docker CLI would use; null for "default" (DOCKER_HOST or the default socket). */
export function currentContextName(sys: DiscoverySystem): string | null {
  const fromEnv = sys.env['DOCKER_CONTEXT']?.trim();
  if (fromEnv) return fromEnv === 'default' ? null : fromEnv;
  const config = readJson(sys, join(dockerConfigDir(sys), 'config.json'));
  const name = config && typeof config === 'object' ? (config as { currentContext?: unknown }).currentContext : undefined;
  return typeof name === 'string' && name !== '' && name !== 'default' ? name : null;
}

/** A context's Docker endpoint, with its TLS files when the context has them. */
export function contextEndpoint(sys: DiscoverySystem, name: string): DockerEndpoint | null {
  const dir = contextDirName(name);
  const root = dockerConfigDir(sys);
  const meta = readJson(sys, join(root, 'contexts', 'meta', dir, 'meta.json')) as ContextMeta | null;
  const docker = meta && typeof meta === 'object' ? meta.Endpoints?.docker : undefined;
  const host = typeof docker?.Host === 'string' ? docker.Host.trim() : '';
  if (!host) return null;
  const endpoint: DockerEndpoint = { host, name: `context: ${name}`, source: 'context', flavor: flavorOfHost(host, sys.home) };
  const tls = join(root, 'contexts', 'tls', dir, 'docker');
  const file = (f: string) => (sys.exists(join(tls, f)) ? join(tls, f) : undefined);
  const caPath = file('ca.pem');
  const certPath = file('cert.pem');
  const keyPath = file('key.pem');
  const skip = docker?.SkipTLSVerify === true;
  if (caPath || certPath || keyPath || skip) {
    endpoint.tls = { ...(caPath ? { caPath } : {}), ...(certPath ? { certPath } : {}), ...(keyPath ? { keyPath } : {}), verify: !skip };
  }
  return endpoint;
}

/** Every context the user made, by name, except the one named `except`. */
export function otherContextEndpoints(sys: DiscoverySystem, except: string | null): DockerEndpoint[] {
  const metaRoot = join(dockerConfigDir(sys), 'contexts', 'meta');
  const out: DockerEndpoint[] = [];
  for (const dir of sys.listDir(metaRoot).sort()) {
    const meta = readJson(sys, join(metaRoot, dir, 'meta.json')) as ContextMeta | null;
    const name = meta && typeof meta === 'object' && typeof meta.Name === 'string' ? meta.Name : null;
    if (!name || name === except || contextDirName(name) !== dir) continue;
    const e = contextEndpoint(sys, name);
    if (e) out.push(e);
  }
  return out;
}
