// dockerode options for an endpoint. Every connection field is set explicitly: docker-modem
// merges DOCKER_HOST and friends from the environment under what it is given, and an endpoint
// the user picked must not be bent by those.
import { Agent as HttpsAgent } from 'node:https';
import type Docker from 'dockerode';
import type { DockerEndpoint } from '../../contract/engines';
import { parseHost } from './hosts';

/** What docker-modem reads, beyond dockerode's declared options. */
export type ConnectionOptions = Docker.DockerOptions & { agent?: HttpsAgent; pathPrefix?: string };

export function connectionOptions(
  e: DockerEndpoint,
  readFile: (path: string) => Buffer,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionOptions {
  const p = parseHost(e.host);
  const blank: ConnectionOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    username: undefined,
    pathPrefix: undefined,
  };
  switch (p.kind) {
    case 'unix':
    case 'npipe':
      return { ...blank, socketPath: p.path };
    case 'ssh':
      // docker-modem runs `docker system dial-stdio` on the far side; keys come from the ssh agent.
      return {
        ...blank,
        protocol: 'ssh',
        host: p.host,
        port: p.port,
        username: p.user,
        sshOptions: { agent: env['SSH_AUTH_SOCK'] },
      };
    case 'tcp': {
      const tls = e.tls;
      const https = p.https || Boolean(tls);
      const out: ConnectionOptions = { ...blank, host: p.host, port: p.port, protocol: https ? 'https' : 'http', pathPrefix: '/' };
      if (tls?.caPath) out.ca = readFile(tls.caPath);
      if (tls?.certPath) out.cert = readFile(tls.certPath);
      if (tls?.keyPath) out.key = readFile(tls.keyPath);
      // SkipTLSVerify in a context: encrypted, but the server's certificate is not checked.
      if (https && tls && !tls.verify) out.agent = new HttpsAgent({ rejectUnauthorized: false, ca: out.ca, cert: out.cert, key: out.key } as ConstructorParameters<typeof HttpsAgent>[0]);
      return out;
    }
  }
}
