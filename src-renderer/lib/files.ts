// Paths and permissions inside a sandbox, as the Files tab shows them. Paths are POSIX and
// absolute; the root is '/'.
import type { FileEntry } from '../../src-main/contract/inside';

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

/** The breadcrumb trail: '/', then each folder down to `path`. */
export function crumbs(path: string): Array<{ name: string; path: string }> {
  const out = [{ name: '/', path: '/' }];
  let at = '';
  for (const part of path.split('/').filter(Boolean)) {
    at += `/${part}`;
    out.push({ name: part, path: at });
  }
  return out;
}

/** A name a folder or an uploaded file may have: no slashes, not `.` or `..`. */
export function validName(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'Give it a name';
  if (n.includes('/')) return 'A name cannot contain /';
  if (n === '.' || n === '..') return 'That name is taken by the folder itself';
  return null;
}

const RWX = ['---', '--x', '-w-', '-wx', 'r--', 'r-x', 'rw-', 'rwx'];

/** execd's mode (octal digits written as a decimal number, 755) as `rwxr-xr-x`. */
export function modeString(mode: number): string {
  const digits = String(mode).padStart(3, '0').slice(-3);
  return [...digits].map((d) => RWX[Number(d)] ?? '???').join('');
}

export function typeLetter(type: FileEntry['type']): string {
  return type === 'directory' ? 'd' : type === 'symlink' ? 'l' : type === 'other' ? '?' : '-';
}
