// The Lifecycle API's sandbox (wire) as Sandlot's SandboxRecord, so the renderer and the tray
// show a remote server's sandboxes with the same code as local ones. Pure. What the wire does
// not carry (container, ports, volumes, limits) stays empty, except what this app asked for
// when it created the sandbox itself (`known`).
import { FINAL_STATES, type ResourceLimits, type SandboxRecord } from '../contract/sandbox';
import type { CreateSandboxResponse, WireSandbox } from '../contract/schemas';

/** What the create request said, for fields the server does not answer with. */
export interface KnownFacts {
  image?: string;
  resourceLimits?: ResourceLimits;
}

export function recordFromWire(w: WireSandbox | CreateSandboxResponse, known: KnownFacts = {}): SandboxRecord {
  const state = w.status.state;
  const lastTransitionAt = w.status.lastTransitionAt ?? w.createdAt;
  const image = 'image' in w && typeof w.image?.uri === 'string' ? w.image.uri : (known.image ?? '');
  return {
    id: w.id,
    containerId: null,
    image,
    entrypoint: Array.isArray(w.entrypoint) ? w.entrypoint : [],
    metadata: w.metadata ?? {},
    resourceLimits: known.resourceLimits ?? {},
    platform: w.platform ?? null,
    volumes: [],
    ports: {},
    status: { state, reason: w.status.reason ?? '', message: w.status.message ?? '', lastTransitionAt },
    createdAt: w.createdAt,
    expiresAt: w.expiresAt ?? null,
    finishedAt: FINAL_STATES.includes(state) ? lastTransitionAt : null,
  };
}

/**
 * Checks the few fields a sandbox cannot do without; servers differ in the rest, which the
 * mapping defaults. A list item that fails is skipped rather than failing the whole list.
 */
export function isWireSandbox(v: unknown): v is WireSandbox {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const status = o['status'] as Record<string, unknown> | undefined;
  return typeof o['id'] === 'string' && typeof o['createdAt'] === 'string' && typeof status === 'object' && status !== null && typeof status['state'] === 'string';
}
