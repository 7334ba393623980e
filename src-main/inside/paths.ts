// The one rule for paths inside a sandbox, used by every file operation (execd routes and the
// UI bridge alike):
// - absolute, non-empty, at most 4096 bytes, no NUL byte;
// - no `.` or `..` segment: Docker resolves symlinks inside the container, so a lexical `..`
//   and the kernel's `..` can name different folders; refusing them keeps what the caller
//   sees and what is touched the same (`//` and a trailing `/` are harmless and normalized);
// - nothing at or under /proc, /sys or /dev (400 PATH_FORBIDDEN, reads too): those are kernel
//   filesystems mounted at run time, which Docker's archive API does not see (a write there
//   lands in the image's hidden folder and a read finds nothing), so they are out of reach;
// - the root itself is never changed (removed, moved, re-permissioned).
import { badPath, forbiddenPath } from './fileErrors';

export const MAX_PATH_BYTES = 4096;

/** Kernel filesystems the archive API cannot reach. */
export const UNREACHABLE_ROOTS = ['/proc', '/sys', '/dev'] as const;

/** A checked, normalized absolute path (`/a/b`, or `/` for the root). */
export function checkPath(field: string, raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw badPath(field, 'a path is required');
  if (raw.includes('\0')) throw badPath(field, 'must not contain a NUL byte');
  if (Buffer.byteLength(raw) > MAX_PATH_BYTES) throw badPath(field, `must be at most ${MAX_PATH_BYTES} bytes`);
  if (!raw.startsWith('/')) throw badPath(field, `must be absolute (start with /), got "${raw}"`);
  const parts = raw.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) throw badPath(field, `must not contain "." or ".." segments, got "${raw}"`);
  const path = `/${parts.join('/')}`;
  for (const root of UNREACHABLE_ROOTS) {
    if (path === root || path.startsWith(`${root}/`)) {
      throw forbiddenPath(field, `${path} is under ${root}, a kernel filesystem that the file API cannot reach; use a command instead`);
    }
  }
  return path;
}

/** A path that may be changed (written, removed, moved): also never the root itself. */
export function checkChangeablePath(field: string, raw: unknown): string {
  const path = checkPath(field, raw);
  if (path === '/') throw forbiddenPath(field, 'the root folder itself cannot be changed');
  return path;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
