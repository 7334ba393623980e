// User and group names of a sandbox, from its own /etc/passwd and /etc/group (read through
// the archive API, so no `id` or `getent` is needed). Names go both ways: uid → name for
// listings, name → uid for uploads and chown. Cached per container, re-read when either file's
// size or mtime changes (a cheap HEAD), so a `useradd` inside the sandbox is seen at once.
import type { ArchiveApi } from '../runtime/archive';
import { badField } from './fileErrors';

export interface NameTable {
  byId: Map<number, string>;
  byName: Map<string, number>;
}

export interface Owners {
  users: NameTable;
  groups: NameTable;
}

/** `name:x:id:...` lines (passwd and group share the first three fields). */
export function parseNameFile(text: string): NameTable {
  const byId = new Map<number, string>();
  const byName = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, , idText] = line.split(':');
    const id = Number(idText);
    if (!name || idText === undefined || idText === '' || !Number.isInteger(id) || id < 0) continue;
    if (!byId.has(id)) byId.set(id, name);
    if (!byName.has(name)) byName.set(name, id);
  }
  return { byId, byName };
}

/** The name of an id, else the id itself as text (what `ls -l` shows for unknown ids). */
export function nameOf(table: NameTable, id: number): string {
  return table.byId.get(id) ?? String(id);
}

/** An owner or group given by name or by numeric id; a 400 naming the field when unknown. */
export function idOf(table: NameTable, kind: 'user' | 'group', field: string, value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const id = table.byName.get(value);
  if (id === undefined) throw badField(field, `"${value}" is not a ${kind} of this sandbox (see its /etc/${kind === 'group' ? 'group' : 'passwd'})`);
  return id;
}

const MAX_NAME_FILE = 4 * 1024 * 1024;
const EMPTY: NameTable = { byId: new Map(), byName: new Map() };

interface Cached {
  stamp: string;
  owners: Owners;
}

export class OwnerNames {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly archive: ArchiveApi) {}

  async load(containerId: string): Promise<Owners> {
    const [p, g] = await Promise.all([this.archive.stat(containerId, '/etc/passwd'), this.archive.stat(containerId, '/etc/group')]);
    const stamp = `${p?.size}:${p?.mtime}:${g?.size}:${g?.mtime}`;
    const hit = this.cache.get(containerId);
    if (hit?.stamp === stamp) return hit.owners;
    const [users, groups] = await Promise.all([this.table(containerId, p?.kind === 'symlink' ? p.linkTarget : '/etc/passwd', p !== null), this.table(containerId, g?.kind === 'symlink' ? g.linkTarget : '/etc/group', g !== null)]);
    const owners = { users, groups };
    // One entry per container; a handful of sandboxes, so no eviction beyond replacement.
    this.cache.set(containerId, { stamp, owners });
    return owners;
  }

  private async table(containerId: string, path: string, exists: boolean): Promise<NameTable> {
    if (!exists) return EMPTY;
    const bytes = await this.archive.readSmall(containerId, path, MAX_NAME_FILE).catch(() => null);
    return bytes ? parseNameFile(bytes.toString('utf8')) : EMPTY;
  }
}
