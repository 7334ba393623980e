// Settings on disk. Headless mode uses `conf`; the desktop app passes electron-store, which is
// `conf` underneath with the same file (config.json in the data folder) and format.
import { randomBytes, randomUUID } from 'node:crypto';
import Conf from 'conf';
import { cpuNanos, memoryBytes, type Quantity } from '../contract/quantities';
import { DEFAULT_ENGINE_SETTINGS, DEFAULT_SETTINGS, SETTING_BOUNDS, type EditableSettings, type Settings } from '../contract/settings';
import { invalid } from '../engine/errors';
import { parseHost } from '../runtime/discovery/hosts';
import { SETTINGS_FILE } from './paths';

/** The part of conf/electron-store that Sandlot uses, so either can back the settings. */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

export function openSettingsFile(home: string): KeyValueFile {
  return new Conf<Record<string, unknown>>({
    cwd: home,
    configName: SETTINGS_FILE.replace(/\.json$/, ''),
    configFileMode: 0o600,
    // Keys are flat; a dot in a value path must never be read as nesting.
    accessPropertiesByDotNotation: false,
  });
}

/** A remote OpenSandbox server as kept in the settings file; its key never leaves main. */
export interface RemoteContextRecord {
  id: string;
  name: string;
  url: string;
  apiKey: string;
}

const REMOTE_CONTEXTS_KEY = 'remoteContexts';
const CURRENT_CONTEXT_KEY = 'currentContext';

function isRemoteContextRecord(v: unknown): v is RemoteContextRecord {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  return ['id', 'name', 'url', 'apiKey'].every((k) => typeof o[k] === 'string' && o[k] !== '');
}

export function newApiKey(): string {
  return `sl_${randomBytes(24).toString('base64url')}`;
}

function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function checkQuantity(value: unknown, field: string, read: (v: string) => Quantity): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a quantity such as 1 or 512Mi');
  const q = read(value);
  if (!q.ok) throw invalid(field, q.problem);
  return value.trim();
}

/** Checks the Docker host setting: null (automatic) or a host the Docker CLI would accept. */
export function checkDockerHost(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 2048) throw invalid('dockerHost', 'must be a Docker host such as unix:///var/run/docker.sock, or automatic');
  try {
    parseHost(value);
  } catch (err) {
    throw invalid('dockerHost', (err as Error).message);
  }
  return value.trim();
}

/** Checks a partial settings change; throws a 400-kind error naming the field. */
export function checkSettingsPatch(patch: Partial<EditableSettings>): Partial<EditableSettings> {
  const out: Partial<EditableSettings> = {};
  const { timeoutSeconds: t, retentionSeconds: r, pidsLimit: p } = SETTING_BOUNDS;
  for (const [key, value] of Object.entries(patch) as Array<[keyof EditableSettings, unknown]>) {
    switch (key) {
      case 'defaultTimeoutSeconds':
      case 'maxTimeoutSeconds':
        out[key] = checkInteger(value, key, t.min, t.max);
        break;
      case 'terminatedRetentionSeconds':
        out[key] = checkInteger(value, key, r.min, r.max);
        break;
      case 'pidsLimit':
        out[key] = checkInteger(value, key, p.min, p.max);
        break;
      case 'defaultCpu':
        out[key] = checkQuantity(value, key, cpuNanos);
        break;
      case 'defaultMemory':
        out[key] = checkQuantity(value, key, memoryBytes);
        break;
      case 'allowNoExpiry':
      case 'allowUnmanagedVolumes':
        if (typeof value !== 'boolean') throw invalid(key, 'must be true or false');
        out[key] = value;
        break;
      case 'hostPathAllowlist':
        if (!Array.isArray(value) || value.some((p) => typeof p !== 'string' || !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p))) {
          throw invalid(key, 'must be a list of absolute folder paths');
        }
        out[key] = value as string[];
        break;
      case 'quitBehavior':
        if (value !== 'keep' && value !== 'pause' && value !== 'delete') throw invalid(key, 'must be keep, pause or delete');
        out[key] = value;
        break;
      case 'theme':
        if (value !== 'system' && value !== 'light' && value !== 'dark') throw invalid(key, 'must be system, light or dark');
        out[key] = value;
        break;
      default:
        throw invalid(String(key), 'is not a setting');
    }
  }
  return out;
}

export class SettingsStore {
  private current: Settings;
  private readonly keyFromEnv: boolean;

  constructor(
    private readonly file: KeyValueFile,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const read = <K extends keyof EditableSettings>(k: K): EditableSettings[K] => {
      const v = file.get(k);
      try {
        return v === undefined ? structuredClone(DEFAULT_SETTINGS[k]) : (checkSettingsPatch({ [k]: v })[k] as EditableSettings[K]);
      } catch {
        // A hand-edited bad value falls back to the default instead of stopping the app.
        return structuredClone(DEFAULT_SETTINGS[k]);
      }
    };
    const editable = Object.fromEntries(
      (Object.keys(DEFAULT_SETTINGS) as Array<keyof EditableSettings>).map((k) => [k, read(k)]),
    ) as unknown as EditableSettings;
    let apiKey = file.get('apiKey');
    if (typeof apiKey !== 'string' || apiKey.length < 16) {
      apiKey = newApiKey();
      file.set('apiKey', apiKey);
    }
    let instanceId = file.get('instanceId');
    if (typeof instanceId !== 'string' || instanceId === '') {
      instanceId = randomUUID();
      file.set('instanceId', instanceId);
    }
    // SANDLOT_API_KEY fixes the key for this run without rewriting the stored one.
    const envKey = env['SANDLOT_API_KEY'];
    this.keyFromEnv = Boolean(envKey);
    this.current = { ...editable, apiKey: envKey ? envKey : (apiKey as string), instanceId: instanceId as string };
  }

  get(): Readonly<Settings> {
    return this.current;
  }

  get path(): string {
    return this.file.path;
  }

  update(patch: Partial<EditableSettings>): Settings {
    const checked = checkSettingsPatch(patch);
    for (const [k, v] of Object.entries(checked)) this.file.set(k, v);
    this.current = { ...this.current, ...checked };
    return this.current;
  }

  /** Remote servers the user added (contexts/contexts.ts); a hand-broken entry is skipped. */
  remoteContexts(): RemoteContextRecord[] {
    const v = this.file.get(REMOTE_CONTEXTS_KEY);
    return Array.isArray(v) ? v.filter(isRemoteContextRecord).map(({ id, name, url, apiKey }) => ({ id, name, url, apiKey })) : [];
  }

  setRemoteContexts(list: readonly RemoteContextRecord[]): void {
    this.file.set(REMOTE_CONTEXTS_KEY, list);
  }

  /** The context the UI and tray manage, remembered across restarts; undefined: never chosen. */
  currentContext(): string | undefined {
    const v = this.file.get(CURRENT_CONTEXT_KEY);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  setCurrentContext(id: string): void {
    this.file.set(CURRENT_CONTEXT_KEY, id);
  }

  /** The Docker host the user picked; null is automatic. A hand-broken value counts as automatic. */
  dockerHost(): string | null {
    const v = this.file.get('dockerHost');
    try {
      return v === undefined ? DEFAULT_ENGINE_SETTINGS.dockerHost : checkDockerHost(v);
    } catch {
      return DEFAULT_ENGINE_SETTINGS.dockerHost;
    }
  }

  setDockerHost(host: string | null): string | null {
    const checked = checkDockerHost(host);
    this.file.set('dockerHost', checked);
    return checked;
  }

  regenerateApiKey(): string {
    if (this.keyFromEnv) throw invalid('apiKey', 'is fixed by SANDLOT_API_KEY for this run; change or unset that variable instead');
    const apiKey = newApiKey();
    this.file.set('apiKey', apiKey);
    this.current = { ...this.current, apiKey };
    return apiKey;
  }
}
