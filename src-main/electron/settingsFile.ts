// Settings through electron-store: the same file and options as headless mode's conf
// (store/settings.ts openSettingsFile), i.e. <home>/config.json, mode 0600, flat keys.
import Store from 'electron-store';
import { SETTINGS_FILE } from '../store/paths';
import type { KeyValueFile } from '../store/settings';

export function openElectronSettingsFile(home: string): KeyValueFile {
  const store = new Store<Record<string, unknown>>({
    cwd: home,
    name: SETTINGS_FILE.replace(/\.json$/, ''),
    configFileMode: 0o600,
    // Keys are flat; a dot in a value path must never be read as nesting.
    accessPropertiesByDotNotation: false,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    get path() {
      return store.path;
    },
  };
}
