// DOCKER_HOST, with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, read the way the Docker CLI reads
// them: when DOCKER_HOST is set it is what the user asked for.
import type { DockerEndpoint } from '../../contract/engines';
import { parseHost } from './hosts';
import { flavorOfHost } from './flavor';
import { join, type DiscoverySystem } from './system';

/** The Docker CLI's config folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(sys: DiscoverySystem): string {
  const dir = sys.env['DOCKER_CONFIG'];
  return dir && dir.trim() ? dir : join(sys.home, '.docker');
}

export function envEndpoint(sys: DiscoverySystem): DockerEndpoint | null {
  const host = sys.env['DOCKER_HOST']?.trim();
  if (!host) return null;
  const endpoint: DockerEndpoint = { host, name: 'DOCKER_HOST', source: 'env', flavor: flavorOfHost(host, sys.home) };
  let tcp = false;
  try {
    tcp = parseHost(host).kind === 'tcp';
  } catch {
    // Listed anyway: probing it says what is wrong with it.
  }
  const verify = Boolean(sys.env['DOCKER_TLS_VERIFY']) && sys.env['DOCKER_TLS_VERIFY'] !== '0';
  const certDir = sys.env['DOCKER_CERT_PATH']?.trim();
  if (tcp && (verify || certDir)) {
    // Like the CLI: with TLS on and no DOCKER_CERT_PATH, the certificates are in ~/.docker.
    const dir = certDir || dockerConfigDir(sys);
    endpoint.tls = { caPath: join(dir, 'ca.pem'), certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem'), verify };
  }
  return endpoint;
}
