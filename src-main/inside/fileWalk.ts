// Names under a folder, and the owner ids of paths, read with the sandbox's own shell.
// Docker's archive API would stream whole subtrees (file contents included) just to name the
// entries of one folder, so names come from /bin/sh globbing (builtins only: for, [, printf),
// NUL-separated so any byte but NUL survives. Symlinks are reported, never descended into.
// Owner ids are the one thing neither the shell nor Docker's stat header gives: they come
// from POSIX `ls -lnd`, once for many paths.
import { FileError } from './fileErrors';
import type { Tools } from './fileTools';

const WALK = `
walk() {
  for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    if [ -L "$f" ] || [ -e "$f" ]; then
      printf '%s\\0' "$f"
      if [ "$2" -gt 1 ] && [ -d "$f" ] && [ ! -L "$f" ]; then walk "$f" $(($2 - 1)); fi
    fi
  done
}
walk "$1" "$2"
`;

/** Listings and searches stop here rather than exhaust memory on a huge tree. */
export const MAX_WALK_ENTRIES = 100_000;

/** Every path under `dir` down to `depth` levels (1 = its children), in no particular order. */
export async function walk(tools: Tools, containerId: string, dir: string, depth: number): Promise<string[]> {
  // The root is passed as "" so the globs read "/*", not "//*".
  const r = await tools.run(containerId, ['/bin/sh', '-c', WALK, 'sh', dir === '/' ? '' : dir, String(depth)]);
  if (r.exitCode !== 0 && r.stdout.length === 0) throw new FileError(500, 'RUNTIME_ERROR', `Listing ${dir} failed: ${r.stderr || `exit ${r.exitCode}`}`);
  const paths = r.stdout.toString('utf8').split('\0').filter(Boolean);
  if (paths.length > MAX_WALK_ENTRIES) {
    throw new FileError(400, 'TOO_MANY_ENTRIES', `path: ${dir} holds over ${MAX_WALK_ENTRIES} entries at that depth; list a smaller folder or a smaller depth`, 'path');
  }
  return paths;
}

export interface OwnerIds {
  uid: number;
  gid: number;
}

/** Fields 3 and 4 of an `ls -ln` line: numeric uid and gid. */
function idsOfLine(line: string): OwnerIds | null {
  const f = line.trim().split(/\s+/);
  const uid = Number(f[2]);
  const gid = Number(f[3]);
  return f.length >= 4 && Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Whether `ls -lnd` printed this line for this path (plain, or a symlink's "path -> target"). */
const lineIsFor = (line: string, path: string): boolean => line.endsWith(` ${path}`) || line.includes(` ${path} -> `);

/** ARG_MAX is 2 MiB or more on Linux; batches stay far below. */
const BATCH_BYTES = 64 * 1024;

/**
 * Owner ids of many paths. Fast path: one `ls -lnd` per batch, whose lines come in byte order
 * of the operands (LC_ALL=C), each checked to end with its path. A name with a newline, or
 * any line that does not match, makes that batch fall back to one `ls` per path.
 * A path that vanished meanwhile, or no `ls` at all, leaves its ids unknown (absent).
 */
export async function ownerIds(tools: Tools, containerId: string, paths: string[]): Promise<Map<string, OwnerIds>> {
  const out = new Map<string, OwnerIds>();
  const sorted = [...new Set(paths)].sort(byteOrder);
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const p of sorted) {
    if (batch.length > 0 && bytes + p.length > BATCH_BYTES) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(p);
    bytes += p.length + 1;
  }
  if (batch.length > 0) batches.push(batch);
  try {
    for (const b of batches) await ownerIdsOfBatch(tools, containerId, b, out);
  } catch (err) {
    // Without `ls` the listing still works; owners then read as unknown.
    if (err instanceof FileError && err.status === 501) return out;
    throw err;
  }
  return out;
}

async function ownerIdsOfBatch(tools: Tools, containerId: string, batch: string[], out: Map<string, OwnerIds>): Promise<void> {
  if (!batch.some((p) => p.includes('\n'))) {
    const r = await tools.run(containerId, ['/bin/sh', '-c', 'LC_ALL=C exec ls -lnd -- "$@"', 'sh', ...batch]);
    const lines = r.stdout.toString('utf8').split('\n').filter(Boolean);
    if (lines.length === batch.length && batch.every((p, i) => lineIsFor(lines[i] ?? '', p))) {
      batch.forEach((p, i) => {
        const ids = idsOfLine(lines[i] ?? '');
        if (ids) out.set(p, ids);
      });
      return;
    }
  }
  const r = await tools.run(containerId, ['/bin/sh', '-c', `for f; do LC_ALL=C ls -lnd -- "$f"; printf '\\0'; done`, 'sh', ...batch]);
  const records = r.stdout.toString('utf8').split('\0');
  batch.forEach((p, i) => {
    const ids = idsOfLine(records[i] ?? '');
    if (ids) out.set(p, ids);
  });
}
