// Host bind mounts: only folders under the user's allowlist, with `..` and symlink escapes refused.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { invalid } from './errors';

function hasDotDot(p: string): boolean {
  return p.split(/[\\/]+/).includes('..');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  // `..foo` is a folder inside; only `..` itself (or `../...`) leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
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
): Promise<string> {
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
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    throw invalid(`${field}.host.path`, `"${joined}" does not exist on this machine`);
  }
  for (const allowed of allowlist) {
    const allowedReal = await realpath(allowed).catch(() => null);
    if (allowedReal !== null && isInside(real, allowedReal)) return real;
  }
  throw invalid(
    `${field}.host.path`,
    `"${joined}" is not under an allowed folder (${allowlist.join(', ')})${real !== joined ? `; it resolves to "${real}"` : ''}`,
  );
}
