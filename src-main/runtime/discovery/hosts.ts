// Docker host strings as the Docker CLI spells them (unix://, npipe://, tcp://, ssh://), parsed
// once so the connection, the de-duplication and the validation of a typed host agree.

export type ParsedHost =
  | { kind: 'unix'; path: string }
  | { kind: 'npipe'; path: string }
  | { kind: 'tcp'; host: string; port: number; https: boolean }
  | { kind: 'ssh'; host: string; port: number; user: string | undefined };

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_NPIPE = 'npipe:////./pipe/docker_engine';

export function unixHost(path: string): string {
  return `unix://${path}`;
}

/** Parses a host; throws with words a person understands when it is not one Docker accepts. */
export function parseHost(host: string): ParsedHost {
  const h = host.trim();
  if (h.startsWith('unix://')) {
    const path = h.slice('unix://'.length);
    if (!path.startsWith('/')) throw new Error(`"${host}" needs an absolute socket path (unix:///path/to/docker.sock)`);
    return { kind: 'unix', path };
  }
  if (h.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine names the pipe //./pipe/docker_engine.
    const path = h.slice('npipe://'.length).replace(/\\/g, '/');
    if (!/^\/\/\.\/pipe\/.+/.test(path)) throw new Error(`"${host}" is not a named pipe (npipe:////./pipe/docker_engine)`);
    return { kind: 'npipe', path };
  }
  const scheme = /^([a-z]+):\/\//.exec(h)?.[1];
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https' || scheme === 'ssh') {
    let url: URL;
    try {
      url = new URL(h.replace(/^tcp:/, 'http:'));
    } catch {
      throw new Error(`"${host}" is not a valid address`);
    }
    if (!url.hostname) throw new Error(`"${host}" has no host name`);
    if (scheme === 'ssh') {
      return { kind: 'ssh', host: url.hostname, port: url.port ? Number(url.port) : 22, user: url.username ? decodeURIComponent(url.username) : undefined };
    }
    // The Docker CLI's convention: 2376 is the TLS port, 2375 plain.
    const port = url.port ? Number(url.port) : scheme === 'https' ? 2376 : 2375;
    return { kind: 'tcp', host: url.hostname, port, https: scheme === 'https' || port === 2376 };
  }
  throw new Error(`"${host}" is not a Docker host: use unix://, npipe://, tcp:// or ssh://`);
}

/** The socket file or pipe a local host names, for existence checks and symlink de-duplication. */
export function socketPathOf(host: string): string | null {
  try {
    const p = parseHost(host);
    return p.kind === 'unix' || p.kind === 'npipe' ? p.path : null;
  } catch {
    return null;
  }
}
