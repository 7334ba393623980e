// Turns a create request into a checked, normalized SandboxSpec, or a 400 naming the field.
// The HTTP schema has already checked shapes and types; this checks meaning.
import path from 'node:path';
import type { CreateSandboxRequest, PlatformSpec } from '../contract/schemas';
import type { ResourceLimits } from '../contract/sandbox';
import type { Settings } from '../contract/settings';
import { parseImageRef } from '../runtime/imageRef';
import { invalid, unsupported } from './errors';
import { resolveHostPath } from './hostPaths';
import { checkMetadata } from './metadata';
import { parseCpu, parseGpu, parseMemory } from './quantities';
import { NETWORK_EXTENSION, networkGroup } from './sandboxNetworks';

export interface RegistryAuth {
  username: string;
  password: string;
}

export interface VolumeMount {
  name: string;
  kind: 'host' | 'pvc';
  /** Real host folder (host) or Docker volume name (pvc). */
  source: string;
  /** The host folder's `<device>:<inode>` when it was checked; null for pvc. */
  identity: string | null;
  mountPath: string;
  readOnly: boolean;
  createIfNotExists: boolean;
  deleteOnTermination: boolean;
}

/** What the runtime needs to make the container; credentials live here only in memory. */
export interface SandboxSpec {
  image: string;
  auth: RegistryAuth | null;
  entrypoint: string[];
  env: Record<string, string>;
  metadata: Record<string, string>;
  resourceLimits: ResourceLimits;
  /** Always set: the request's limits or the defaults of settings. */
  nanoCpus: number;
  memoryBytes: number;
  gpus: number | null;
  memoryReservationBytes: number | null;
  cpuShares: number | null;
  platform: PlatformSpec | null;
  timeoutSeconds: number | null;
  volumes: VolumeMount[];
  /** Docker's pids limit, from settings. */
  pidsLimit: number;
  /** The network group the sandbox joins, or null: isolated from every other sandbox. */
  networkGroup: string | null;
  /** Whether pvc volumes may be Docker volumes Sandlot did not create (settings, at the request). */
  allowUnmanagedVolumes: boolean;
}

const LIMIT_KEYS = ['cpu', 'memory', 'gpu'] as const;
const REQUEST_KEYS = ['cpu', 'memory'] as const;
const MAX_ENV = 1024;
/** The `extensions` keys Sandlot understands. */
const EXTENSIONS: readonly string[] = [NETWORK_EXTENSION];

function checkKeys(map: Record<string, string>, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) {
      throw unsupported(`${field}.${key}`, `"${key}" is not supported (supported: ${allowed.join(', ')})`);
    }
  }
}

function checkEnv(env: Record<string, string>): void {
  const keys = Object.keys(env);
  if (keys.length > MAX_ENV) throw invalid('env', `at most ${MAX_ENV} variables are allowed`);
  for (const key of keys) {
    if (key === '' || key.includes('=') || key.includes('\0') || key.length > 1024) {
      throw invalid(`env.${key}`, 'variable names are 1-1024 characters without "=" or NUL');
    }
    if ((env[key] ?? '').includes('\0')) throw invalid(`env.${key}`, 'values must not contain NUL');
  }
}

/**
 * The limits a sandbox gets: what the request gives, the defaults of settings for cpu and memory
 * it leaves out. A sandbox without limits could take the whole machine.
 */
function withDefaults(given: ResourceLimits, settings: Settings): ResourceLimits {
  return { ...given, cpu: given.cpu ?? settings.defaultCpu, memory: given.memory ?? settings.defaultMemory };
}

function checkTimeout(timeout: number | null | undefined, settings: Settings): number | null {
  if (timeout === undefined || timeout === null) {
    if (settings.allowNoExpiry) return null;
    throw invalid(
      'timeout',
      `is required: a number of seconds from 60 to ${settings.maxTimeoutSeconds} (sandboxes without expiry are off in settings)`,
    );
  }
  if (!Number.isInteger(timeout) || timeout < 60) {
    throw invalid('timeout', `${timeout} must be a whole number of seconds, at least 60`);
  }
  if (timeout > settings.maxTimeoutSeconds) {
    throw invalid('timeout', `${timeout} is longer than the maximum of ${settings.maxTimeoutSeconds} seconds`);
  }
  return timeout;
}

function checkUnsupported(req: CreateSandboxRequest): void {
  if (req.snapshotId !== undefined) throw unsupported('snapshotId', 'restoring from snapshots is not supported yet');
  if (req.networkPolicy && Object.keys(req.networkPolicy).length > 0) {
    throw unsupported('networkPolicy', 'egress network policies are not supported yet');
  }
  if (req.credentialProxy && req.credentialProxy['enabled'] === true) {
    throw unsupported('credentialProxy', 'the credential proxy is not supported yet');
  }
  if (req.secureAccess === true) throw unsupported('secureAccess', 'secured endpoint access is not supported yet');
  for (const key of Object.keys(req.extensions ?? {})) {
    if (EXTENSIONS.includes(key)) continue;
    const what = key === 'poolRef' ? 'sandbox pools are' : `the extension "${key}" is`;
    throw unsupported(`extensions.${key}`, `${what} not supported yet`);
  }
}

async function checkVolumes(req: CreateSandboxRequest, settings: Settings): Promise<VolumeMount[]> {
  const volumes = req.volumes ?? [];
  const names = new Set<string>();
  const mountPaths = new Set<string>();
  const mounts: VolumeMount[] = [];
  for (const [i, v] of volumes.entries()) {
    const field = `volumes[${i}]`;
    if (names.has(v.name)) throw invalid(`${field}.name`, `"${v.name}" is used by another volume`);
    names.add(v.name);
    // `/data/` and `/data` are one mount point to Docker.
    const mountPath = path.posix.normalize(v.mountPath).replace(/\/+$/, '') || '/';
    if (v.mountPath.split('/').includes('..')) throw invalid(`${field}.mountPath`, 'must not contain ".."');
    if (mountPath === '/') throw invalid(`${field}.mountPath`, 'cannot be the root folder');
    if (mountPaths.has(mountPath)) throw invalid(`${field}.mountPath`, `"${mountPath}" is used by another volume`);
    mountPaths.add(mountPath);
    const backends = [v.host, v.pvc, v.ossfs].filter((b) => b !== undefined).length;
    if (backends !== 1) throw invalid(field, 'give exactly one backend: host or pvc');
    if (v.ossfs) throw unsupported(`${field}.ossfs`, 'OSS volumes are not supported on the local Docker engine');
    const readOnly = v.readOnly ?? false;
    if (v.host) {
      const { source, identity } = await resolveHostPath(v.host.path, v.subPath, settings.hostPathAllowlist, field);
      mounts.push({ name: v.name, kind: 'host', source, identity, mountPath, readOnly, createIfNotExists: false, deleteOnTermination: false });
    } else if (v.pvc) {
      if (v.subPath !== undefined) throw unsupported(`${field}.subPath`, 'subPath is not supported for pvc volumes yet');
      mounts.push({
        name: v.name,
        kind: 'pvc',
        source: v.pvc.claimName,
        identity: null,
        mountPath,
        readOnly,
        createIfNotExists: v.pvc.createIfNotExists ?? true,
        deleteOnTermination: v.pvc.deleteOnSandboxTermination ?? false,
      });
    }
  }
  return mounts;
}

export async function buildSandboxSpec(req: CreateSandboxRequest, settings: Settings): Promise<SandboxSpec> {
  checkUnsupported(req);
  if (!req.image) throw invalid('image', 'is required (give image.uri)');
  const uri = req.image.uri.trim();
  if (!parseImageRef(uri)) throw invalid('image.uri', `"${req.image.uri}" is not a valid image reference`);
  const auth = req.image.auth;
  if (auth && (auth.username === undefined) !== (auth.password === undefined)) {
    throw invalid('image.auth', 'give both username and password');
  }
  if (!req.entrypoint) throw invalid('entrypoint', 'is required when image is given (e.g. ["sleep", "infinity"])');
  if (req.entrypoint[0] === '') throw invalid('entrypoint[0]', 'the command must not be empty');
  if (!req.resourceLimits) throw invalid('resourceLimits', 'is required (e.g. {"cpu": "1", "memory": "1Gi"}; {} takes the defaults in settings)');
  checkKeys(req.resourceLimits, LIMIT_KEYS, 'resourceLimits');
  const requests = req.resourceRequests ?? {};
  checkKeys(requests, REQUEST_KEYS, 'resourceRequests');
  const limits = withDefaults(req.resourceLimits as ResourceLimits, settings);
  const env = req.env ?? {};
  checkEnv(env);
  const metadata = req.metadata ?? {};
  checkMetadata(metadata);
  const timeoutSeconds = checkTimeout(req.timeout, settings);
  const memoryBytes = parseMemory(limits.memory ?? settings.defaultMemory, 'resourceLimits.memory');
  const memoryReservationBytes =
    requests.memory !== undefined ? parseMemory(requests.memory, 'resourceRequests.memory') : null;
  if (memoryReservationBytes !== null && memoryReservationBytes > memoryBytes) {
    throw invalid('resourceRequests.memory', `must not be more than the memory limit (${limits.memory})`);
  }
  const cpuRequest = requests.cpu !== undefined ? parseCpu(requests.cpu, 'resourceRequests.cpu') : null;
  const nanoCpus = parseCpu(limits.cpu ?? settings.defaultCpu, 'resourceLimits.cpu');
  if (cpuRequest !== null && cpuRequest > nanoCpus) {
    throw invalid('resourceRequests.cpu', `must not be more than the CPU limit (${limits.cpu})`);
  }
  return {
    image: uri,
    auth: auth?.username !== undefined && auth.password !== undefined ? { username: auth.username, password: auth.password } : null,
    entrypoint: req.entrypoint,
    env,
    metadata,
    resourceLimits: { ...limits },
    nanoCpus,
    memoryBytes,
    gpus: limits.gpu !== undefined ? parseGpu(limits.gpu, 'resourceLimits.gpu') : null,
    memoryReservationBytes,
    // Docker's relative weight: 1024 per requested core.
    cpuShares: cpuRequest !== null ? Math.max(2, Math.round((cpuRequest / 1e9) * 1024)) : null,
    platform: req.platform ?? null,
    timeoutSeconds,
    volumes: await checkVolumes(req, settings),
    pidsLimit: settings.pidsLimit,
    networkGroup: networkGroup(req.extensions),
    allowUnmanagedVolumes: settings.allowUnmanagedVolumes,
  };
}
