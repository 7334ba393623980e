// User settings: the same keys in electron-store (desktop) and conf (headless), one file.

export type QuitBehavior = 'keep' | 'pause' | 'delete';
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** The key every /v1 request must carry in OPEN-SANDBOX-API-KEY. Generated on first run. */
  apiKey: string;
  /** Identifies this Sandlot's containers among others on the same Docker engine. */
  instanceId: string;
  /** Timeout the UI proposes for new sandboxes, in seconds. */
  defaultTimeoutSeconds: number;
  /** Longest timeout or renewal allowed, in seconds from now. */
  maxTimeoutSeconds: number;
  /** When on, a create without timeout makes a sandbox that never expires. */
  allowNoExpiry: boolean;
  /** How long Terminated and Failed sandboxes stay visible before they are purged. */
  terminatedRetentionSeconds: number;
  /** Host folders that `host` volumes may mount (the folder or anything below it). */
  hostPathAllowlist: string[];
  /** When on, `pvc` volumes may name Docker volumes Sandlot did not create (another app's data). */
  allowUnmanagedVolumes: boolean;
  /** CPU limit of a sandbox whose request gives none (a Kubernetes quantity: 500m, 1, 2.5). */
  defaultCpu: string;
  /** Memory limit of a sandbox whose request gives none (512Mi, 1Gi, 500M). */
  defaultMemory: string;
  /** Most processes and threads one sandbox may run at once (Docker's pids limit). */
  pidsLimit: number;
  quitBehavior: QuitBehavior;
  theme: Theme;
}

/** The settings a user may change; the key and instance id have their own operations. */
export type EditableSettings = Omit<Settings, 'apiKey' | 'instanceId'>;

export const DEFAULT_SETTINGS: EditableSettings = {
  defaultTimeoutSeconds: 3600,
  maxTimeoutSeconds: 86400,
  allowNoExpiry: false,
  terminatedRetentionSeconds: 3600,
  hostPathAllowlist: [],
  allowUnmanagedVolumes: false,
  defaultCpu: '1',
  defaultMemory: '1Gi',
  pidsLimit: 4096,
  quitBehavior: 'keep',
  theme: 'system',
};

/** Bounds shared by settings validation (store) and by the UI. */
export const SETTING_BOUNDS = {
  timeoutSeconds: { min: 60, max: 30 * 86400 },
  retentionSeconds: { min: 0, max: 30 * 86400 },
  pidsLimit: { min: 64, max: 1_000_000 },
} as const;

/**
 * Which Docker engine Sandlot uses, in the same settings file. Changed through the bridge's
 * `engines.select` (which checks the engine answers and switches to it), not `settings.update`.
 */
export interface EngineSettings {
  /** A Docker host (unix://, npipe://, tcp://, ssh://); null means automatic (see docs/decisions.md). */
  dockerHost: string | null;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = { dockerHost: null };
