// Where Sandlot keeps its files: the folder Electron's app.getPath('userData') gives for
// "Sandlot", so the desktop app and headless mode share one data folder. SANDLOT_HOME overrides.
import os from 'node:os';
import path from 'node:path';

export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env['SANDLOT_HOME']) return path.resolve(env['SANDLOT_HOME']);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Sandlot');
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Sandlot');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Sandlot');
}

export const SETTINGS_FILE = 'config.json';
export const RECORDS_FILE = 'sandboxes.json';
/** Changes since the snapshot in RECORDS_FILE, one JSON line each (see store/records.ts). */
export const RECORDS_LOG = 'sandboxes.log';
export const DISCOVERY_FILE = 'server.json';
