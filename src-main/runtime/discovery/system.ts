// What discovery reads from the machine, behind one small interface: the environment, the home
// folder, the platform and a few filesystem calls. Unit tests pass a fake home folder and env;
// the app passes the real ones (nodeSystem).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';

export interface DiscoverySystem {
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  /** A file's text, or null when it cannot be read. */
  readText(path: string): string | null;
  /** True when something (file, socket, named pipe) is at the path. */
  exists(path: string): boolean;
  /** Names in a folder; empty when it cannot be read. */
  listDir(path: string): string[];
  /** The path with symlinks resolved; the path itself when that fails. */
  realpath(path: string): string;
}

export function nodeSystem(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), platform = process.platform): DiscoverySystem {
  return {
    env,
    home,
    platform,
    readText(p) {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return null;
      }
    },
    exists: (p) => existsSync(p),
    listDir(p) {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
    realpath(p) {
      try {
        return realpathSync(p);
      } catch {
        return p;
      }
    },
  };
}

/** Joins with forward slashes: the paths here are Docker hosts and fake-home test paths alike. */
export function join(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}
