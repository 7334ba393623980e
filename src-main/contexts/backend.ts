// What the dispatcher and the tray need from "where the sandboxes live": the local engine
// (localBackend.ts) or a remote OpenSandbox server (remote/remoteBackend.ts). Both speak in
// SandboxRecords and EngineEvents, so the renderer and the tray have one path for either.
import type { EndpointLink } from '../contract/bridge';
import type { EngineEvent, EngineStatus, SandboxRecord } from '../contract/sandbox';
import type { CreateSandboxRequest, MetadataPatch } from '../contract/schemas';

export interface SandboxBackend {
  /** What it knows now, newest first (a remote one: as of its last poll). */
  snapshot(): SandboxRecord[];
  /** Docker's state for the local engine; the server's reachability for a remote one. */
  readonly status: EngineStatus;
  /** Brings snapshot() and status up to date (a remote one polls now; the local one always is). */
  refresh(): Promise<void>;
  /** Events as they happen; a remote backend polls only while someone listens. */
  subscribe(listener: (e: EngineEvent) => void): () => void;
  create(req: CreateSandboxRequest): Promise<SandboxRecord>;
  delete(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  renew(id: string, expiresAt: string): Promise<SandboxRecord>;
  patchMetadata(id: string, patch: MetadataPatch): Promise<SandboxRecord>;
  endpoint(id: string, port: number): Promise<EndpointLink>;
  /** Stops timers; the sandboxes themselves are untouched. */
  close(): void;
}
