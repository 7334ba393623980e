// Writing into a sandbox through Docker's archive API: a tar put at the deepest folder that
// already exists, holding only the folders that are missing (so existing folders never get
// re-chmodded or re-owned) and then the file. Docker applies each header's uid/gid/mode.
import type { Readable } from 'node:stream';
import type { ArchiveApi, PathStat, TarEntry } from '../runtime/archive';
import { dockerMessage } from '../runtime/docker';
import { FileError, badPath } from './fileErrors';
import { baseName, checkPath, parentOf } from './paths';

/** New parent folders are made like execd's MkdirAll: root's, 0755. */
export const NEW_FOLDER = { mode: 0o755, uid: 0, gid: 0 } as const;

export interface Placement {
  /** The existing folder the tar is put into. */
  base: string;
  /** Folders to create under `base`, outermost first (paths relative to base). */
  missing: string[];
}

const relativeTo = (base: string, path: string): string => (base === '/' ? path.slice(1) : path.slice(base.length + 1));

/**
 * Where a new `path` goes: its deepest existing ancestor (a folder, or a symlink to one) and the
 * folders missing below it. `field` names the request field in errors.
 */
export async function place(archive: ArchiveApi, containerId: string, field: string, path: string): Promise<Placement> {
  const missing: string[] = [];
  let dir = parentOf(path);
  for (;;) {
    const st = await archive.stat(containerId, dir);
    if (st) {
      const base = await asFolder(archive, containerId, field, dir, st);
      return { base, missing: missing.reverse().map((m) => relativeTo(dir, m)) };
    }
    missing.push(dir);
    dir = parentOf(dir);
  }
}

/** The folder a path stands for: itself, or the folder its symlink points to. */
async function asFolder(archive: ArchiveApi, containerId: string, field: string, dir: string, st: PathStat): Promise<string> {
  if (st.kind === 'directory') return dir;
  if (st.kind === 'symlink') {
    const target = checkPath(field, st.linkTarget);
    const t = await archive.stat(containerId, target);
    if (t?.kind === 'directory') return target;
  }
  throw new FileError(400, 'NOT_A_DIRECTORY', `${field}: ${dir} is not a folder`, field);
}

export interface FileWrite {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  content: () => Readable;
}

/** Creates or replaces one file, with its missing parent folders. */
export async function putFile(archive: ArchiveApi, containerId: string, field: string, w: FileWrite): Promise<void> {
  const { base, missing } = await place(archive, containerId, field, w.path);
  const entries: TarEntry[] = [
    ...missing.map((name): TarEntry => ({ name, type: 'directory', ...NEW_FOLDER })),
    { name: entryName(w.path, missing), type: 'file', mode: w.mode, uid: w.uid, gid: w.gid, size: w.size, content: w.content },
  ];
  await put(archive, containerId, field, base, entries);
}

/** Creates a folder (and its missing parents); the folder itself gets `mode`/`uid`/`gid`. */
export async function putFolder(archive: ArchiveApi, containerId: string, field: string, path: string, own: { mode: number; uid: number; gid: number }): Promise<void> {
  const { base, missing } = await place(archive, containerId, field, path);
  const entries: TarEntry[] = [
    ...missing.map((name): TarEntry => ({ name, type: 'directory', ...NEW_FOLDER })),
    { name: entryName(path, missing), type: 'directory', ...own },
  ];
  await put(archive, containerId, field, base, entries);
}

/** The tar name of `path` itself: under the deepest missing folder, else right in the base. */
function entryName(path: string, missing: string[]): string {
  const deepest = missing[missing.length - 1];
  const name = baseName(path);
  return deepest === undefined ? name : `${deepest}/${name}`;
}

async function put(archive: ArchiveApi, containerId: string, field: string, base: string, entries: TarEntry[]): Promise<void> {
  try {
    await archive.write(containerId, base, entries);
  } catch (err) {
    const msg = dockerMessage(err);
    if (/read-only|permission denied/i.test(msg)) throw new FileError(403, 'PERMISSION_DENIED', `${field}: ${msg}`, field);
    if (/not a directory|cannot overwrite/i.test(msg)) throw badPath(field, msg);
    throw err;
  }
}
