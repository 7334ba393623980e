// Sandlot's own Docker label namespace. Never `opensandbox.io/*`: an OpenSandbox server on the
// same daemon and Sandlot must not touch each other's containers.
export const LABEL = {
  managed: 'dev.sandlot.managed',
  instance: 'dev.sandlot.instance',
  sandboxId: 'dev.sandlot.sandbox-id',
  createdAt: 'dev.sandlot.created-at',
  image: 'dev.sandlot.image',
  entrypoint: 'dev.sandlot.entrypoint',
  metadata: 'dev.sandlot.metadata',
  resources: 'dev.sandlot.resources',
  platform: 'dev.sandlot.platform',
  expiresAt: 'dev.sandlot.expires-at',
  /** On a sandbox's container and on Sandlot's networks: `isolated`, or the network group's name. */
  network: 'dev.sandlot.network',
} as const;
