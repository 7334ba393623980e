// Docker image references: what to pull, and which registry credentials belong to.

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`,
);

export interface ImageRef {
  /** Registry host, e.g. `docker.io` or `127.0.0.1:5000`. */
  registry: string;
  /** The reference to pull: always with a tag or digest, so Docker never pulls every tag. */
  pullRef: string;
}

/** Parses a reference like the Docker CLI does; null when it is not a valid reference. */
export function parseImageRef(uri: string): ImageRef | null {
  const m = REFERENCE.exec(uri);
  if (!m) return null;
  const [, first, path, tag, digest] = m;
  // The first component is a registry only if it looks like a host (Docker's rule).
  const isHost = first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (first !== undefined && !isHost && !new RegExp(`^${COMPONENT}$`).test(first)) return null;
  // index.docker.io and registry-1.docker.io are Docker Hub under other names.
  const registry = !isHost || first === 'index.docker.io' || first === 'registry-1.docker.io' ? 'docker.io' : first;
  if (path === undefined) return null;
  const repo = first !== undefined && !isHost ? `${first}/${path}` : path;
  const name = isHost ? `${first}/${repo}` : repo;
  if (name.length > 255) return null;
  const pullRef = digest ? `${name}@${digest}` : `${name}:${tag ?? 'latest'}`;
  return { registry, pullRef };
}

/** The server address Docker expects in registry credentials. */
export function authServerAddress(registry: string): string {
  return registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
}
