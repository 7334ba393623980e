// The kernel's own account of mounts (/proc/<pid>/mountinfo): which filesystem (major:minor) and
// which folder inside it (root) a mount shows. Unlike a path, this cannot be redirected by a
// symlink, so it tells what Docker really mounted in a container.
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** A place in a filesystem: the device and the folder's path from that filesystem's root. */
export interface FsLocation {
  majmin: string;
  root: string;
}

export interface MountEntry extends FsLocation {
  /** Where it is mounted, as the process reading mountinfo sees its own root. */
  mountPoint: string;
}

/** mountinfo escapes space, tab, newline and backslash as three octal digits. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Lines: `id parent major:minor root mountPoint options ... - type source superOptions`. */
export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5 || !/^\d+:\d+$/.test(f[2] ?? '')) continue;
    out.push({ majmin: f[2] ?? '', root: unescape(f[3] ?? ''), mountPoint: unescape(f[4] ?? '') });
  }
  return out;
}

/** The mount at exactly this point; the last one wins, since a later mount covers an earlier. */
export function mountedAt(entries: readonly MountEntry[], mountPoint: string): MountEntry | null {
  return entries.filter((e) => e.mountPoint === mountPoint).at(-1) ?? null;
}

const MAX_LINKS = 40;

/**
 * Where a path inside a container really is, resolving its symlinks as the container would (an
 * absolute link starts again at the container's root, `..` stops there): Docker mounts a volume
 * at the resolved place when the image has a symlink on the way (`/var/run` → `/run`). Read
 * through the container's root from the host, one component at a time, never letting the host
 * follow a link itself. Null when it cannot be read or loops.
 */
export async function resolveInContainer(pid: number, inside: string): Promise<string | null> {
  const root = `/proc/${pid}/root`;
  let done: string[] = [];
  let rest = inside.split('/').filter((c) => c !== '' && c !== '.');
  for (let links = 0; rest.length > 0; ) {
    const part = rest.shift() ?? '';
    if (part === '..') {
      done = done.slice(0, -1);
      continue;
    }
    const here = `/${[...done, part].join('/')}`;
    const info = await lstat(`${root}${here}`).catch(() => null);
    if (info === null) return `/${[...done, part, ...rest].join('/')}`;
    if (!info.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++links > MAX_LINKS) return null;
    const target = await readlink(`${root}${here}`).catch(() => null);
    if (target === null) return null;
    if (target.startsWith('/')) done = [];
    rest = [...target.split('/').filter((c) => c !== '' && c !== '.'), ...rest];
  }
  return `/${done.join('/')}`;
}

/** Where a real (symlink-free) path lies: in the deepest mount that holds it, the last at that point. */
export function locate(entries: readonly MountEntry[], realPath: string): FsLocation | null {
  let best: MountEntry | null = null;
  for (const e of entries) {
    const rel = path.posix.relative(e.mountPoint, realPath);
    if (rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(rel)) continue;
    if (best === null || e.mountPoint.length >= best.mountPoint.length) best = e;
  }
  if (!best) return null;
  return { majmin: best.majmin, root: path.posix.join(best.root, path.posix.relative(best.mountPoint, realPath)) };
}

async function readOrNull(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** Where a host path lies, from Sandlot's own mount table; null where there is none (not Linux). */
export async function hostLocation(realPath: string): Promise<FsLocation | null> {
  const text = await readOrNull('/proc/self/mountinfo');
  return text === null ? null : locate(parseMountInfo(text), realPath);
}

/**
 * The mounts a container's first process sees, read from the host. Null when that process is
 * not visible from here (the engine runs on another machine or in a VM, as with Docker Desktop):
 * the pid must be one whose cgroup names the container.
 */
export async function containerMountTable(pid: number, containerId: string): Promise<MountEntry[] | null> {
  if (!Number.isInteger(pid) || pid <= 0 || !/^[0-9a-f]{12,64}$/.test(containerId)) return null;
  const cgroup = await readOrNull(`/proc/${pid}/cgroup`);
  if (cgroup === null || !cgroup.includes(containerId)) return null;
  const text = await readOrNull(`/proc/${pid}/mountinfo`);
  return text === null ? null : parseMountInfo(text);
}
