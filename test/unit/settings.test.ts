import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EditableSettings } from '../../src-main/contract/settings';
import { SETTINGS_FILE } from '../../src-main/store/paths';
import { SettingsStore, checkSettingsPatch, newApiKey, openSettingsFile } from '../../src-main/store/settings';
import { engineError, tempDir } from './support';

const KEY_FORMAT = /^sl_[A-Za-z0-9_-]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let home: { dir: string; remove: () => void };
beforeEach(() => {
  home = tempDir('sandlot-settings-');
});
afterEach(() => home.remove());

const open = (env: NodeJS.ProcessEnv = {}) => new SettingsStore(openSettingsFile(home.dir), env);
const configPath = () => path.join(home.dir, SETTINGS_FILE);
const onDisk = () => JSON.parse(readFileSync(configPath(), 'utf8')) as Record<string, unknown>;

describe('newApiKey', () => {
  it('makes a prefixed, URL-safe key with 192 bits of randomness, different each time', () => {
    const keys = new Set(Array.from({ length: 20 }, () => newApiKey()));
    expect(keys.size).toBe(20);
    for (const k of keys) expect(k).toMatch(KEY_FORMAT);
  });
});

describe('SettingsStore on a real folder', () => {
  it('writes config.json on first run with a generated key and instance id', () => {
    const store = open();
    const s = store.get();
    expect(s.apiKey).toMatch(KEY_FORMAT);
    expect(s.instanceId).toMatch(UUID);
    expect(store.path).toBe(configPath());
    expect(onDisk()).toMatchObject({ apiKey: s.apiKey, instanceId: s.instanceId });
  });

  it('keeps the key and instance id stable across reopen', () => {
    const first = open().get();
    const second = open().get();
    expect(second.apiKey).toBe(first.apiKey);
    expect(second.instanceId).toBe(first.instanceId);
  });

  it('gives different folders different keys', () => {
    const other = tempDir('sandlot-settings-other-');
    try {
      const a = open().get();
      const b = new SettingsStore(openSettingsFile(other.dir), {}).get();
      expect(b.apiKey).not.toBe(a.apiKey);
      expect(b.instanceId).not.toBe(a.instanceId);
    } finally {
      other.remove();
    }
  });

  it('keeps config.json readable by its owner only (mode 0600), also after changes', () => {
    const store = open();
    expect(statSync(configPath()).mode & 0o777).toBe(0o600);
    store.update({ theme: 'dark' });
    store.regenerateApiKey();
    expect(statSync(configPath()).mode & 0o777).toBe(0o600);
  });

  it('starts from the defaults', () => {
    const s = open().get();
    const editable: EditableSettings = {
      defaultTimeoutSeconds: s.defaultTimeoutSeconds,
      maxTimeoutSeconds: s.maxTimeoutSeconds,
      allowNoExpiry: s.allowNoExpiry,
      terminatedRetentionSeconds: s.terminatedRetentionSeconds,
      hostPathAllowlist: s.hostPathAllowlist,
      allowUnmanagedVolumes: s.allowUnmanagedVolumes,
      defaultCpu: s.defaultCpu,
      defaultMemory: s.defaultMemory,
      pidsLimit: s.pidsLimit,
      quitBehavior: s.quitBehavior,
      theme: s.theme,
    };
    expect(editable).toEqual(DEFAULT_SETTINGS);
    expect(s.maxTimeoutSeconds).toBe(86400);
    expect(s.allowNoExpiry).toBe(false);
    expect(s.terminatedRetentionSeconds).toBe(3600);
  });

  it('lets SANDLOT_API_KEY override the key for this run without rewriting the stored one', () => {
    const stored = open().get().apiKey;
    const withEnv = open({ SANDLOT_API_KEY: 'fixed-key-from-env-123' });
    expect(withEnv.get().apiKey).toBe('fixed-key-from-env-123');
    expect(onDisk()['apiKey']).toBe(stored);
    expect(open().get().apiKey).toBe(stored);
  });

  it('refuses to regenerate a key fixed by SANDLOT_API_KEY, keeping the env key', () => {
    const stored = open().get().apiKey;
    const store = new SettingsStore(openSettingsFile(home.dir), { SANDLOT_API_KEY: 'fixed-key-123456789' });
    const err = engineError(() => store.regenerateApiKey());
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('apiKey');
    expect(err.message).toContain('SANDLOT_API_KEY');
    expect(store.get().apiKey).toBe('fixed-key-123456789');
    expect(onDisk()['apiKey']).toBe(stored);
  });

  it('gives each store its own allowlist: mutating one changes neither the defaults nor another store', () => {
    const other = tempDir('sandlot-settings-other-');
    const defaultAllowlist = [...DEFAULT_SETTINGS.hostPathAllowlist];
    try {
      open().get().hostPathAllowlist.push('/leaked');
      expect(DEFAULT_SETTINGS.hostPathAllowlist).toEqual(defaultAllowlist);
      expect(new SettingsStore(openSettingsFile(other.dir), {}).get().hostPathAllowlist).toEqual(defaultAllowlist);
    } finally {
      // Undo a leak into the shared defaults so a failure here does not spread to other tests.
      DEFAULT_SETTINGS.hostPathAllowlist.splice(0, DEFAULT_SETTINGS.hostPathAllowlist.length, ...defaultAllowlist);
      other.remove();
    }
  });

  it('ignores an empty SANDLOT_API_KEY', () => {
    const stored = open().get().apiKey;
    expect(open({ SANDLOT_API_KEY: '' }).get().apiKey).toBe(stored);
  });

  it('regenerates the key: new, stored, and stable across reopen', () => {
    const store = open();
    const before = store.get().apiKey;
    const after = store.regenerateApiKey();
    expect(after).toMatch(KEY_FORMAT);
    expect(after).not.toBe(before);
    expect(store.get().apiKey).toBe(after);
    expect(onDisk()['apiKey']).toBe(after);
    expect(open().get().apiKey).toBe(after);
  });

  it('keeps the instance id when the key is regenerated', () => {
    const store = open();
    const id = store.get().instanceId;
    store.regenerateApiKey();
    expect(store.get().instanceId).toBe(id);
    expect(open().get().instanceId).toBe(id);
  });

  it('persists updates and returns the new settings', () => {
    const store = open();
    const next = store.update({ maxTimeoutSeconds: 7200, allowNoExpiry: true, hostPathAllowlist: ['/srv/code'], quitBehavior: 'pause', theme: 'light' });
    expect(next).toMatchObject({ maxTimeoutSeconds: 7200, allowNoExpiry: true, hostPathAllowlist: ['/srv/code'], quitBehavior: 'pause', theme: 'light' });
    expect(store.get()).toEqual(next);
    const reopened = open().get();
    expect(reopened).toMatchObject({ maxTimeoutSeconds: 7200, allowNoExpiry: true, hostPathAllowlist: ['/srv/code'], quitBehavior: 'pause', theme: 'light' });
    expect(reopened.apiKey).toBe(next.apiKey);
  });

  it('changes nothing when an update is refused', () => {
    const store = open();
    const before = store.get();
    const err = engineError(() => store.update({ theme: 'dark', maxTimeoutSeconds: 1 }));
    expect(err.field).toBe('maxTimeoutSeconds');
    expect(store.get()).toEqual(before);
    expect(open().get().theme).toBe(DEFAULT_SETTINGS.theme);
  });

  it('falls back to the default for a hand-edited bad value and keeps the good ones', () => {
    const first = open().get();
    const raw = onDisk();
    writeFileSync(configPath(), JSON.stringify({ ...raw, maxTimeoutSeconds: 'lots', theme: 'dark', quitBehavior: 'explode' }));
    const s = open().get();
    expect(s.maxTimeoutSeconds).toBe(DEFAULT_SETTINGS.maxTimeoutSeconds);
    expect(s.quitBehavior).toBe(DEFAULT_SETTINGS.quitBehavior);
    expect(s.theme).toBe('dark');
    expect(s.apiKey).toBe(first.apiKey);
  });

  it('replaces a stored key that is too short to be safe', () => {
    open();
    writeFileSync(configPath(), JSON.stringify({ ...onDisk(), apiKey: 'short' }));
    const s = open().get();
    expect(s.apiKey).toMatch(KEY_FORMAT);
    expect(onDisk()['apiKey']).toBe(s.apiKey);
  });
});

describe('checkSettingsPatch', () => {
  it('passes valid values through', () => {
    const patch: Partial<EditableSettings> = {
      defaultTimeoutSeconds: 60,
      maxTimeoutSeconds: 30 * 86400,
      terminatedRetentionSeconds: 0,
      allowNoExpiry: true,
      hostPathAllowlist: ['/home/me', 'C:\\Users\\me', 'D:/data'],
      allowUnmanagedVolumes: true,
      defaultCpu: '500m',
      defaultMemory: '2Gi',
      pidsLimit: 64,
      quitBehavior: 'delete',
      theme: 'system',
    };
    expect(checkSettingsPatch(patch)).toEqual(patch);
    expect(checkSettingsPatch({})).toEqual({});
    expect(checkSettingsPatch({ hostPathAllowlist: [] })).toEqual({ hostPathAllowlist: [] });
  });

  // Values a UI or hand-written JSON could send; typed loosely on purpose.
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a timeout below 60', { defaultTimeoutSeconds: 59 }, 'defaultTimeoutSeconds'],
    ['a timeout over 30 days', { maxTimeoutSeconds: 30 * 86400 + 1 }, 'maxTimeoutSeconds'],
    ['a fractional timeout', { maxTimeoutSeconds: 3600.5 }, 'maxTimeoutSeconds'],
    ['a string timeout', { maxTimeoutSeconds: '3600' }, 'maxTimeoutSeconds'],
    ['a negative retention', { terminatedRetentionSeconds: -1 }, 'terminatedRetentionSeconds'],
    ['a retention over 30 days', { terminatedRetentionSeconds: 30 * 86400 + 1 }, 'terminatedRetentionSeconds'],
    ['a non-boolean allowNoExpiry', { allowNoExpiry: 'yes' }, 'allowNoExpiry'],
    ['a relative allowlist folder', { hostPathAllowlist: ['relative/dir'] }, 'hostPathAllowlist'],
    ['a non-list allowlist', { hostPathAllowlist: '/home/me' }, 'hostPathAllowlist'],
    ['a non-string in the allowlist', { hostPathAllowlist: ['/ok', 5] }, 'hostPathAllowlist'],
    ['a non-boolean allowUnmanagedVolumes', { allowUnmanagedVolumes: 1 }, 'allowUnmanagedVolumes'],
    ['a default CPU that is no quantity', { defaultCpu: 'lots' }, 'defaultCpu'],
    ['a default CPU below 10m', { defaultCpu: '1m' }, 'defaultCpu'],
    ['a default CPU as a number', { defaultCpu: 1 }, 'defaultCpu'],
    ['a default memory that is no quantity', { defaultMemory: '1 GB' }, 'defaultMemory'],
    ['a default memory below 6Mi', { defaultMemory: '1Mi' }, 'defaultMemory'],
    ['a pids limit below 64', { pidsLimit: 63 }, 'pidsLimit'],
    ['a pids limit that is no whole number', { pidsLimit: 100.5 }, 'pidsLimit'],
    ['no pids limit at all', { pidsLimit: null }, 'pidsLimit'],
    ['an unknown quit behavior', { quitBehavior: 'explode' }, 'quitBehavior'],
    ['an unknown theme', { theme: 'blue' }, 'theme'],
    ['the api key', { apiKey: 'sl_mine' }, 'apiKey'],
    ['the instance id', { instanceId: 'x' }, 'instanceId'],
    ['an unknown setting', { colour: 'red' }, 'colour'],
  ];

  it.each(bad)('refuses %s, naming the field', (_label, patch, field) => {
    const err = engineError(() => checkSettingsPatch(patch as Partial<EditableSettings>));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
  });

  it('gives the bounds in the message', () => {
    expect(engineError(() => checkSettingsPatch({ maxTimeoutSeconds: 1 })).message).toContain(`60 to ${30 * 86400}`);
  });
});
