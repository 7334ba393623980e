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

/** Records are replaced, never changed in place, so each one's wire shape is made once (lists repeat them). */
const wired = new WeakMap<SandboxRecord, WireSandbox>();

export function toWire(r: SandboxRecord): WireSandbox {
  let w = wired.get(r);
  if (!w) {
    w = { ...toCreateResponse(r), image: { uri: r.image } };
    wired.set(r, w);
  }
  return w;
}
