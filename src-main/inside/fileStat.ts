// Full metadata of paths inside a sandbox, the one place that assembles it for info, listing,
// search and the UI: type, size, mode and mtime from Docker's stat header (HEAD, ~1-5 ms each,
// many at once), owner ids from one `ls -lnd`, names from the sandbox's own passwd/group.
import type { FileType } from '../contract/inside';
import type { ArchiveApi, PathStat } from '../runtime/archive';
import { nameOf, type OwnerNames } from './fileOwners';
import type { Tools } from './fileTools';
import { ownerIds, type OwnerIds } from './fileWalk';
import { baseName } from './paths';

export interface FileStat {
  path: string;
  name: string;
  type: FileType;
  size: number;
  /** Permission bits as a number (0o755), with setuid/setgid/sticky. */
  mode: number;
  uid: number | null;
  gid: number | null;
  owner: string;
  group: string;
  /** RFC 3339 UTC. */
  modifiedAt: string;
  /** Where a symlink points (absolute, resolved inside the sandbox). */
  linkTarget?: string;
}

/** Octal digits as a decimal number, the execd way: 0o755 → 755. */
export const modeDigits = (mode: number): number => Number(mode.toString(8));

/** Runs `fn` over the items, at most `limit` at a time, keeping their order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Parallel HEADs: Docker answers them without the container lock that serializes GETs.
 * Measured on /bin of busybox (269 paths): 8 at a time 480-550 ms, 16 250-450, 32 200-340, 64 no better.
 */
const STAT_CONCURRENCY = 32;

export class StatReader {
  constructor(
    private readonly archive: ArchiveApi,
    private readonly tools: Tools,
    private readonly names: OwnerNames,
  ) {}

  /** Docker's stat of one path (no owner), null when it does not exist. */
  raw(containerId: string, path: string): Promise<PathStat | null> {
    return this.archive.stat(containerId, path);
  }

  /** Full metadata of each path; a path that does not exist maps to null. */
  async many(containerId: string, paths: string[]): Promise<Map<string, FileStat | null>> {
    // All three at once: Docker's stats, owner ids from `ls` (a path missing there is simply
    // absent from its answer), and the name tables.
    const [raws, ids, owners] = await Promise.all([
      mapLimit(paths, STAT_CONCURRENCY, (p) => this.archive.stat(containerId, p)),
      paths.length > 0 ? ownerIds(this.tools, containerId, paths) : Promise.resolve(new Map<string, OwnerIds>()),
      this.names.load(containerId),
    ]);
    const out = new Map<string, FileStat | null>();
    paths.forEach((path, i) => {
      const raw = raws[i];
      if (!raw) return out.set(path, null);
      const id = ids.get(path);
      out.set(path, {
        path,
        name: baseName(path) || '/',
        type: raw.kind,
        size: raw.size,
        mode: raw.mode,
        uid: id?.uid ?? null,
        gid: id?.gid ?? null,
        owner: id ? nameOf(owners.users, id.uid) : 'unknown',
        group: id ? nameOf(owners.groups, id.gid) : 'unknown',
        modifiedAt: raw.mtime,
        ...(raw.kind === 'symlink' ? { linkTarget: raw.linkTarget } : {}),
      });
    });
    return out;
  }
}
