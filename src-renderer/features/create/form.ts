// The create form as plain data, its turning into a CreateSandboxRequest (with the checks the
// browser can make before asking), and where the engine's field errors belong in it.
import type { CreateSandboxRequest, VolumeSpec } from '../../../src-main/contract/schemas';
import type { EditableSettings } from '../../../src-main/contract/settings';
import { checkMetadataValue } from '../../../src-main/engine/metadata';
import { shellSplit, ShellSplitError } from '../../lib/shellSplit';
import { engineMessage } from '../../lib/errors';
import { newTagRow, validateTagRows, type TagRow } from '../../lib/tags';

export const DEFAULT_ENTRYPOINT = 'sleep infinity';

export interface VolumeRow {
  rowId: string;
  kind: 'pvc' | 'host';
  source: string;
  mountPath: string;
  readOnly: boolean;
}

export interface CreateForm {
  image: string;
  username: string;
  password: string;
  entrypoint: string;
  name: string;
  env: TagRow[];
  tags: TagRow[];
  cpu: string;
  memory: string;
  gpu: string;
  /** Seconds; null: no expiry. */
  timeout: number | null;
  volumes: VolumeRow[];
}

let nextVolume = 0;
export function newVolumeRow(): VolumeRow {
  nextVolume += 1;
  return { rowId: `vol-${nextVolume}`, kind: 'pvc', source: '', mountPath: '', readOnly: false };
}

/** A new form, proposing the defaults of settings (a blank limit takes them too). */
export function emptyForm(settings: Pick<EditableSettings, 'defaultTimeoutSeconds' | 'defaultCpu' | 'defaultMemory'>): CreateForm {
  return {
    image: '', username: '', password: '', entrypoint: '', name: '',
    env: [], tags: [], cpu: settings.defaultCpu, memory: settings.defaultMemory, gpu: '', timeout: settings.defaultTimeoutSeconds, volumes: [],
  };
}

/** Error messages keyed by form slot: image, username, password, entrypoint, name, cpu, memory,
 *  gpu, timeout, env, tags, volumes, env:<rowId>, tag:<rowId>, volume:<rowId>. */
export type FormErrors = Record<string, string>;

function volumeSpec(v: VolumeRow, i: number): VolumeSpec {
  const base = { name: `volume-${i + 1}`, mountPath: v.mountPath.trim(), ...(v.readOnly ? { readOnly: true } : {}) };
  return v.kind === 'host' ? { ...base, host: { path: v.source.trim() } } : { ...base, pvc: { claimName: v.source.trim() } };
}

/** The request, or the errors found before sending. */
export function toRequest(f: CreateForm): { request: CreateSandboxRequest; errors: null } | { request: null; errors: FormErrors } {
  const errors: FormErrors = {};
  if (f.image.trim() === '') errors['image'] = 'give an image, e.g. python:3.12-slim';
  if ((f.username === '') !== (f.password === '')) errors[f.username === '' ? 'username' : 'password'] = 'give both user and password, or neither';
  let entrypoint: string[] = [];
  try {
    entrypoint = shellSplit(f.entrypoint.trim() === '' ? DEFAULT_ENTRYPOINT : f.entrypoint);
    if (entrypoint.length === 0 || entrypoint[0] === '') errors['entrypoint'] = 'the command must not be empty';
  } catch (err) {
    if (!(err instanceof ShellSplitError)) throw err;
    errors['entrypoint'] = err.message;
  }
  const name = f.name.trim();
  const nameError = name === '' ? undefined : engineMessage(() => checkMetadataValue('name', name, 'metadata'));
  if (nameError) errors['name'] = nameError;
  const tagRows = f.tags.filter((t) => t.key.trim() !== '' || t.value !== '');
  const withName = name === '' ? tagRows : [...tagRows, newTagRow('name', name)];
  for (const [rowId, e] of validateTagRows(withName)) {
    if (f.tags.some((t) => t.rowId === rowId)) errors[`tag:${rowId}`] = e.key ?? e.value ?? '';
    else if (e.key) errors['name'] = 'is given both here and as a "name" tag';
  }
  const env: Record<string, string> = {};
  for (const row of f.env) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (key === '' || key.includes('=')) errors[`env:${row.rowId}`] = 'a variable name is needed, without "="';
    else if (key in env) errors[`env:${row.rowId}`] = `"${key}" is set twice`;
    else env[key] = row.value;
  }
  f.volumes.forEach((v) => {
    if (v.source.trim() === '') errors[`volume:${v.rowId}`] = v.kind === 'host' ? 'give the host folder' : 'give the volume (claim) name';
    else if (!v.mountPath.trim().startsWith('/')) errors[`volume:${v.rowId}`] = 'the mount path must start with /';
  });
  if (Object.keys(errors).length > 0) return { request: null, errors };

  const metadata: Record<string, string> = {};
  for (const t of withName) metadata[t.key.trim()] = t.value;
  // A blank limit is left out: Sandlot applies the default of settings.
  const resourceLimits: Record<string, string> = {};
  if (f.cpu.trim() !== '') resourceLimits['cpu'] = f.cpu.trim();
  if (f.memory.trim() !== '') resourceLimits['memory'] = f.memory.trim();
  if (f.gpu.trim() !== '') resourceLimits['gpu'] = f.gpu.trim();
  const request: CreateSandboxRequest = {
    image: { uri: f.image.trim(), ...(f.username !== '' ? { auth: { username: f.username, password: f.password } } : {}) },
    entrypoint,
    resourceLimits,
    timeout: f.timeout,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(f.volumes.length > 0 ? { volumes: f.volumes.map(volumeSpec) } : {}),
  };
  return { request, errors: null };
}

/** Where an engine error with `field` goes in the form, or null for the top of the form. */
export function slotForField(field: string, f: CreateForm): string | null {
  if (field === 'image' || field === 'image.uri') return 'image';
  if (field === 'image.auth' || field === 'image.auth.username') return 'username';
  if (field === 'image.auth.password') return 'password';
  if (field === 'entrypoint' || field.startsWith('entrypoint[')) return 'entrypoint';
  if (field === 'timeout') return 'timeout';
  if (field === 'resourceLimits' || field === 'resourceLimits.cpu' || field === 'resourceRequests.cpu') return 'cpu';
  if (field === 'resourceLimits.memory' || field === 'resourceRequests.memory') return 'memory';
  if (field === 'resourceLimits.gpu') return 'gpu';
  if (field === 'metadata.name') return 'name';
  if (field.startsWith('metadata.')) {
    const key = field.slice('metadata.'.length);
    const row = f.tags.find((t) => t.key.trim() === key);
    return row ? `tag:${row.rowId}` : 'tags';
  }
  if (field === 'metadata') return 'tags';
  if (field.startsWith('env.')) {
    const key = field.slice('env.'.length);
    const row = f.env.find((t) => t.key.trim() === key);
    return row ? `env:${row.rowId}` : 'env';
  }
  if (field === 'env') return 'env';
  const vol = /^volumes\[(\d+)\]/.exec(field);
  if (vol) {
    const row = f.volumes[Number(vol[1])];
    return row ? `volume:${row.rowId}` : 'volumes';
  }
  if (field === 'volumes') return 'volumes';
  return null;
}
