// Domain types shared by the engine, the adapters (HTTP, IPC, tray) and the renderer.
// Type-only: nothing here runs.
import type { PlatformSpec, SandboxState, SandboxStatus } from './schemas';

export type { PlatformSpec, SandboxState, SandboxStatus };

/** States in which a sandbox has (or is getting) a container the user can reach. */
export const LIVE_STATES: readonly SandboxState[] = ['Pending', 'Running', 'Pausing', 'Paused', 'Resuming'];

/** States that are final: only the retention sweep changes them (by purging). */
export const FINAL_STATES: readonly SandboxState[] = ['Terminated', 'Failed'];

export interface ResourceLimits {
  cpu?: string;
  memory?: string;
  gpu?: string;
}

/** A named volume this sandbox mounts; `created` marks one Sandlot made for it. */
export interface SandboxVolume {
  name: string;
  kind: 'host' | 'pvc';
  source: string;
  mountPath: string;
  readOnly: boolean;
  created: boolean;
  deleteOnTermination: boolean;
}

/** Everything Sandlot knows about one sandbox; what the store keeps and events carry. */
export interface SandboxRecord {
  id: string;
  containerId: string | null;
  image: string;
  entrypoint: string[];
  metadata: Record<string, string>;
  resourceLimits: ResourceLimits;
  platform: PlatformSpec | null;
  volumes: SandboxVolume[];
  /** Container port → host port on 127.0.0.1, for the ports the image exposes. */
  ports: Record<string, number>;
  status: Required<SandboxStatus>;
  createdAt: string;
  /** null: no expiry (only when the "allow sandboxes without expiry" setting is on). */
  expiresAt: string | null;
  /** When it reached Terminated or Failed; the retention window counts from here. */
  finishedAt: string | null;
}

export type DockerState = 'connecting' | 'connected' | 'unreachable';

export interface EngineStatus {
  docker: DockerState;
  /** Docker's version when connected; the error in plain words when not. */
  detail: string;
  /** Where Sandlot looks for Docker (socket path or URL). */
  endpoint: string;
  /** The engine's name ("Docker Engine", "Colima", "Podman"), when known. */
  name?: string;
  since: string;
}

export type EngineEvent =
  | { type: 'sandbox'; sandbox: SandboxRecord }
  | { type: 'removed'; id: string }
  | { type: 'engine'; status: EngineStatus };
