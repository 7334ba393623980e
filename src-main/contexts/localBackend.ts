// The local engine as a SandboxBackend: a thin pass-through, plus the endpoint link the UI
// opens (a direct loopback URL, or a one-time sign-in link to Sandlot's proxy route).
import type { EndpointLink } from '../contract/bridge';
import type { SandboxEngine } from '../engine/engine';
import type { SandboxBackend } from './backend';

type EngineFace = Pick<SandboxEngine, 'snapshot' | 'status' | 'subscribe' | 'create' | 'delete' | 'pause' | 'resume' | 'renew' | 'patchMetadata' | 'endpoint'>;

export function localBackend(engine: EngineFace, proxyLink: (sandboxId: string, port: number) => string): SandboxBackend {
  return {
    snapshot: () => engine.snapshot(),
    get status() {
      return engine.status;
    },
    refresh: async () => undefined,
    subscribe: (listener) => engine.subscribe(listener),
    create: (req) => engine.create(req),
    delete: (id) => engine.delete(id),
    pause: (id) => engine.pause(id),
    resume: (id) => engine.resume(id),
    renew: (id, expiresAt) => engine.renew(id, expiresAt),
    patchMetadata: (id, patch) => engine.patchMetadata(id, patch),
    async endpoint(id, port): Promise<EndpointLink> {
      const endpoint = engine.endpoint(id, port, false);
      const direct = !endpoint.includes('/');
      return { endpoint, direct, url: direct ? `http://${endpoint}/` : proxyLink(id, port) };
    },
    close: () => undefined,
  };
}
