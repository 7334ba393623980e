// Host bind mounts: only folders under the user's allowlist, with `..` and symlink escapes refused.
// What is checked is the real path (no symlink left in it) and the folder's identity (device and
// inode), so that a later check can tell whether the path still names the same folder.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { invalid } from './errors';

/** A host folder (or file) as checked: its real path and what it is on disk. */
export interface CheckedHostPath {
  /** The real path: absolute, without symlinks, `.` or `..`. This is what Docker is given. */
  source: string;
  /** `<device>:<inode>` when it was checked. */
  identity: string;
}

function hasDotDot(p: string): boolean {
  return p.split(/[\\/]+/).includes('..');
}

/** Whether `child` is `parent` or lies below it (both real, absolute paths). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  // `..foo` is a folder inside; only `..` itself (or `../...`) leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Whether `child` lies below `parent` and is not `parent` itself. */
export function isBelow(child: string, parent: string): boolean {
  return child !== parent && isInside(child, parent);
}

/** `<device>:<inode>` of what the path names now, or null when nothing is there. */
export async function identityOf(p: string): Promise<string | null> {
  try {
    const s = await stat(p, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Resolves a requested host folder (plus optional subPath) to the real folder it names and
 * checks it lies under one of the allowed folders, after following every symlink.
 */
export async function resolveHostPath(
  requested: string,
  subPath: string | undefined,
  allowlist: readonly string[],
  field: string,
): Promise<CheckedHostPath> {
  if (!path.isAbsolute(requested)) throw invalid(`${field}.host.path`, `"${requested}" is not an absolute path`);
  if (hasDotDot(requested)) throw invalid(`${field}.host.path`, `"${requested}" must not contain ".."`);
  if (subPath !== undefined && (path.isAbsolute(subPath) || hasDotDot(subPath))) {
    throw invalid(`${field}.subPath`, `"${subPath}" must be a relative path without ".."`);
  }
  if (allowlist.length === 0) {
    throw invalid(
      `${field}.host.path`,
      'host folders cannot be mounted until they are added to the host-path allowlist in settings',
    );
  }
  const joined = subPath ? path.join(requested, subPath) : requested;
  const real = await realpath(joined).catch(() => null);
  const identity = real === null ? null : await identityOf(real);
  if (real === null || identity === null) throw invalid(`${field}.host.path`, `"${joined}" does not exist on this machine`);
  for (const allowed of allowlist) {
    const allowedReal = await realpath(allowed).catch(() => null);
    if (allowedReal !== null && isInside(real, allowedReal)) return { source: real, identity };
  }
  throw invalid(
    `${field}.host.path`,
    `"${joined}" is not under an allowed folder (${allowlist.join(', ')})${real !== joined ? `; it resolves to "${real}"` : ''}`,
  );
}
