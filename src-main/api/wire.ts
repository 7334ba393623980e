// Engine records in the OpenSandbox wire shape.
import type { SandboxRecord } from '../contract/sandbox';
import type { CreateSandboxResponse, WireSandbox } from '../contract/schemas';

export function toCreateResponse(r: SandboxRecord): CreateSandboxResponse {
  return {
    id: r.id,
    status: r.status,
    metadata: r.metadata,
    createdAt: r.createdAt,
    entrypoint: r.entrypoint,
    ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}),
    ...(r.platform ? { platform: r.platform } : {}),
  };
}

export function toWire(r: SandboxRecord): WireSandbox {
  return { ...toCreateResponse(r), image: { uri: r.image } };
}
