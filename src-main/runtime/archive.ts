// File contents and metadata inside a container through Docker's archive API (GET/PUT/HEAD
// /containers/{id}/archive): works for any image, with no tool inside it. Docker resolves
// symlinks inside the container's root, so nothing here can reach the host.
// Costs measured on the build machine: HEAD ~1-5 ms, GET ~100 ms (Docker serializes GETs of
// one container), PUT ~100 ms; so HEAD is the way to stat many paths.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { firstEntry, packEntries, type FirstEntry, type TarEntry } from './tarStream';

export type { TarEntry } from './tarStream';

export type PathKind = 'file' | 'directory' | 'symlink' | 'other';

/** What Docker's stat header tells about a path (the path itself: a symlink is not followed). */
export interface PathStat {
  name: string;
  kind: PathKind;
  size: number;
  /** Permission bits with setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  mode: number;
  /** RFC 3339 UTC. */
  mtime: string;
  /** A symlink's target, resolved by Docker to an absolute path inside the container. */
  linkTarget: string;
}

// Go's os.FileMode bits, as Docker encodes them in X-Docker-Container-Path-Stat.
const GO = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  sticky: 2 ** 20,
};
/** Device, named pipe, socket, char device, irregular: reported as `other`. */
const OTHER_TYPES = [2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];

const has = (mode: number, bit: number): boolean => Math.floor(mode / bit) % 2 === 1;

export function decodeGoMode(goMode: number): { kind: PathKind; mode: number } {
  const kind: PathKind = has(goMode, GO.dir) ? 'directory' : has(goMode, GO.symlink) ? 'symlink' : OTHER_TYPES.some((bit) => has(goMode, bit)) ? 'other' : 'file';
  let mode = goMode % 512;
  if (has(goMode, GO.setuid)) mode |= 0o4000;
  if (has(goMode, GO.setgid)) mode |= 0o2000;
  if (has(goMode, GO.sticky)) mode |= 0o1000;
  return { kind, mode };
}

/** Docker's HTTP status on a failed call (dockerode's modem error); docker.ts imports this file. */
const statusCode = (err: unknown): number | undefined => (err as { statusCode?: number } | null)?.statusCode;

const parentDir = (path: string): string => path.slice(0, Math.max(1, path.lastIndexOf('/')));

interface RawStat {
  name?: string;
  size?: number;
  mode?: number;
  mtime?: string;
  linkTarget?: string;
}

export class ArchiveApi {
  constructor(protected readonly docker: Docker) {}

  /** Stats a path without following a final symlink; null when it does not exist. */
  async stat(containerId: string, path: string): Promise<PathStat | null> {
    let res: { headers?: Record<string, string | string[] | undefined> };
    try {
      res = (await this.docker.getContainer(containerId).infoArchive({ path })) as typeof res;
    } catch (err) {
      if (statusCode(err) === 404) return null;
      // Docker answers a path under a file (ENOTDIR) with a bare 500: that path does not exist.
      if (statusCode(err) === 500 && path !== '/' && (await this.stat(containerId, parentDir(path)))?.kind === 'file') return null;
      throw err;
    }
    const header = res.headers?.['x-docker-container-path-stat'];
    if (typeof header !== 'string') throw new Error(`Docker sent no stat for ${path}`);
    const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as RawStat;
    const { kind, mode } = decodeGoMode(raw.mode ?? 0);
    const mtime = raw.mtime ? new Date(raw.mtime) : new Date(0);
    return {
      name: raw.name ?? '',
      kind,
      size: raw.size ?? 0,
      mode,
      mtime: (Number.isNaN(mtime.getTime()) ? new Date(0) : mtime).toISOString(),
      linkTarget: raw.linkTarget ?? '',
    };
  }

  /**
   * The first entry of the archive of `path`: for a file, its header and bytes; for a folder,
   * its own header (the caller closes before the tree streams). Null when it does not exist.
   */
  async read(containerId: string, path: string): Promise<FirstEntry | null> {
    let archive: Readable;
    try {
      archive = (await this.docker.getContainer(containerId).getArchive({ path })) as unknown as Readable;
    } catch (err) {
      if (statusCode(err) === 404) return null;
      throw err;
    }
    return firstEntry(archive);
  }

  /** A whole small file in memory (config files, text to edit); null when it does not exist. */
  async readSmall(containerId: string, path: string, maxBytes: number): Promise<Buffer | null> {
    const entry = await this.read(containerId, path);
    if (!entry) return null;
    if (entry.header.size > maxBytes) {
      entry.close();
      throw new RangeError(`${path} is ${entry.header.size} bytes, over the ${maxBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    for await (const c of entry.content) chunks.push(c as Buffer);
    entry.close();
    return Buffer.concat(chunks);
  }

  /**
   * Extracts entries into the existing folder `dir`, with the uid/gid/mode of their headers.
   * An existing file is replaced; an existing folder keeps its own mode and owner only when
   * no entry names it, so callers list only the folders they create.
   */
  async write(containerId: string, dir: string, entries: TarEntry[]): Promise<void> {
    await this.docker.getContainer(containerId).putArchive(packEntries(entries), { path: dir });
  }
}
