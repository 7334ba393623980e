// Files inside a sandbox: listing, reading, writing, moving and removing. One implementation
// for the execd routes (SDKs) and the UI bridge. Contents and metadata go through Docker's
// archive API; POSIX tools (sh, ls, rm, mv, chmod, chown) through exec only where the archive
// API cannot help. Every path is checked by paths.ts before anything is touched, and a batch
// is checked whole before its first change.
import { Readable } from 'node:stream';
import type { FileEntry } from '../contract/inside';
import type { ArchiveApi } from '../runtime/archive';
import type { FirstEntry } from '../runtime/tarStream';
import type { InsideDeps } from './deps';
import { FileError, badField, badPath, fileNotFound } from './fileErrors';
import { globToRegExp } from './fileGlob';
import { OwnerNames } from './fileOwners';
import { checkPermission, resolveIds, type CheckedPermission } from './filePermission';
import { StatReader, modeDigits, type FileStat } from './fileStat';
import { Tools, toolFailed } from './fileTools';
import { walk } from './fileWalk';
import { NEW_FOLDER, putFile, putFolder, type FileWrite } from './fileWrite';
import { baseName, checkChangeablePath, checkPath, parentOf } from './paths';

export type { FileStat } from './fileStat';
export type { CheckedPermission } from './filePermission';

/** One file of an upload, its bytes already on Sandlot's disk (see api/execd/fileUpload.ts). */
export interface UploadItem {
  path: unknown;
  permission: CheckedPermission;
  size: number;
  content: () => Readable;
}

/** A file ready to stream out. */
export interface OpenedFile {
  /** The path asked for (a symlink is followed to its target for the bytes). */
  path: string;
  /** Where the bytes are: `path`, or the target of the symlink `path`. */
  realPath: string;
  name: string;
  size: number;
  modifiedAt: string;
  read(): Promise<FirstEntry>;
}

/** Text replacement reads the whole file into memory, so it has a cap. */
export const MAX_REPLACE_BYTES = 64 * 1024 * 1024;

/** Searches walk the whole tree under their root. */
const SEARCH_DEPTH = 1_000_000;

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Tree order: parents before children, siblings in byte order of their names. */
function treeOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = byteOrder(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

export function toFileEntry(s: FileStat): FileEntry {
  return {
    path: s.path,
    name: s.name,
    type: s.type,
    size: s.size,
    mode: modeDigits(s.mode),
    owner: s.owner,
    group: s.group,
    modifiedAt: s.modifiedAt,
    ...(s.linkTarget !== undefined ? { linkTarget: s.linkTarget } : {}),
  };
}

export class Files {
  private readonly archive: ArchiveApi;
  private readonly tools: Tools;
  private readonly names: OwnerNames;
  private readonly stats: StatReader;

  constructor(protected readonly deps: InsideDeps) {
    this.archive = deps.runtime.archive;
    this.tools = new Tools(deps.runtime.exec);
    this.names = new OwnerNames(this.archive);
    this.stats = new StatReader(this.archive, this.tools, this.names);
  }

  private container(id: string): string {
    return this.deps.engine.runningContainer(id);
  }

  // ---- the UI bridge ----

  /** A folder's entries for the UI: folders first, then by name. */
  async list(id: string, path: string): Promise<FileEntry[]> {
    const entries = await this.listTree(id, path, 1);
    const rank = (e: FileStat) => (e.type === 'directory' ? 0 : 1);
    return entries.sort((a, b) => rank(a) - rank(b) || byteOrder(a.name, b.name)).map(toFileEntry);
  }

  async mkdir(id: string, path: string): Promise<void> {
    await this.makeDirs(id, [{ path, permission: checkPermission('', undefined) }]);
  }

  /** Removes a file, a symlink or a whole folder; a path that is not there is a 404. */
  async remove(id: string, rawPath: string): Promise<void> {
    const path = checkChangeablePath('path', rawPath);
    const cid = this.container(id);
    const st = await this.stats.raw(cid, path);
    if (!st) throw fileNotFound('path', path);
    await this.tools.must(cid, st.kind === 'directory' ? ['rm', '-rf', '--', path] : ['rm', '-f', '--', path]);
  }

  // ---- reading ----

  /** Metadata of each path (symlinks are not followed); any missing path is a 404. */
  async info(id: string, rawPaths: unknown[]): Promise<Map<string, FileStat>> {
    const paths = rawPaths.map((p) => checkPath('path', p));
    const cid = this.container(id);
    const stats = await this.stats.many(cid, [...new Set(paths)]);
    const out = new Map<string, FileStat>();
    rawPaths.forEach((raw, i) => {
      const st = stats.get(paths[i] as string);
      if (!st) throw fileNotFound('path', paths[i] as string);
      out.set(raw as string, st);
    });
    return out;
  }

  /** Entries under a folder down to `depth` levels, in tree order; symlinks are not descended. */
  async listTree(id: string, rawPath: string, depth: number): Promise<FileStat[]> {
    const path = checkPath('path', rawPath);
    const cid = this.container(id);
    await this.requireFolder(cid, path);
    const paths = await walk(this.tools, cid, path, Math.max(1, depth));
    const stats = await this.stats.many(cid, paths.sort(treeOrder));
    // An entry removed between the walk and the stat is simply not there any more.
    return [...stats.values()].filter((s): s is FileStat => s !== null);
  }

  /** Files (not folders) under `path` whose name matches the glob, in tree order. */
  async search(id: string, rawPath: string, pattern: string): Promise<FileStat[]> {
    const path = checkPath('path', rawPath);
    const re = globToRegExp(pattern);
    const cid = this.container(id);
    await this.requireFolder(cid, path);
    const matches = (await walk(this.tools, cid, path, SEARCH_DEPTH)).filter((p) => re.test(baseName(p))).sort(treeOrder);
    const stats = await this.stats.many(cid, matches);
    return [...stats.values()].filter((s): s is FileStat => s !== null && s.type !== 'directory');
  }

  /** A regular file to stream (a symlink is followed). */
  async open(id: string, rawPath: string): Promise<OpenedFile> {
    const path = checkPath('path', rawPath);
    const cid = this.container(id);
    let st = await this.stats.raw(cid, path);
    let real = path;
    if (st?.kind === 'symlink') {
      real = checkPath('path', st.linkTarget);
      st = await this.stats.raw(cid, real);
    }
    if (!st) throw fileNotFound('path', path);
    if (st.kind === 'directory') throw new FileError(400, 'IS_A_DIRECTORY', `path: ${path} is a folder; list it with GET /directories/list`, 'path');
    if (st.kind !== 'file') throw badPath('path', `${path} is not a regular file`);
    const size = st.size;
    return {
      path,
      realPath: real,
      name: baseName(path),
      size,
      modifiedAt: st.mtime,
      read: async () => {
        const entry = await this.archive.read(cid, real);
        if (!entry) throw fileNotFound('path', path);
        return entry;
      },
    };
  }

  private async requireFolder(cid: string, path: string): Promise<void> {
    const st = await this.stats.raw(cid, path);
    if (!st) throw fileNotFound('path', path);
    if (st.kind === 'symlink') throw badPath('path', `${path} is a symlink (to ${st.linkTarget}); pass the real folder`);
    if (st.kind !== 'directory') throw new FileError(400, 'NOT_A_DIRECTORY', `path: ${path} is not a folder`, 'path');
  }

  // ---- writing ----

  /**
   * Writes uploaded files. Everything is checked first (paths, modes, owner names, targets), so a
   * refused request changes nothing. An existing file keeps its mode and owner unless given;
   * a new one is 0644 root's; missing parents are created 0755 root's.
   */
  async write(id: string, items: UploadItem[]): Promise<void> {
    const cid = this.container(id);
    // Names are needed only to resolve an owner or group given by name.
    const owners = items.some((i) => i.permission.owner !== undefined || i.permission.group !== undefined) ? await this.names.load(cid) : null;
    const plans: Array<{ path: string; exists: boolean; item: UploadItem; mode: number | undefined; uid: number | undefined; gid: number | undefined }> = [];
    for (const item of items) {
      const asked = checkChangeablePath('metadata.path', item.path);
      const ids = owners ? resolveIds(item.permission, owners, 'metadata') : { uid: undefined, gid: undefined };
      let path = asked;
      let st = await this.stats.raw(cid, path);
      if (st?.kind === 'symlink') {
        // Like writing through open(2): the link stays, its target gets the bytes.
        path = checkChangeablePath('metadata.path', st.linkTarget);
        st = await this.stats.raw(cid, path);
      }
      if (st && st.kind !== 'file') throw badPath('metadata.path', `${asked} is ${st.kind === 'directory' ? 'a folder' : 'not a regular file'}`);
      plans.push({ path, exists: st !== null, item, mode: item.permission.mode ?? st?.mode, ...ids });
    }
    for (const { path, exists, item, mode, uid, gid } of plans) {
      const write = { path, size: item.size, content: item.content, mode: mode ?? 0o644, uid: uid ?? 0, gid: gid ?? 0 };
      const givenNothing = item.permission.mode === undefined && uid === undefined && gid === undefined;
      if (exists && givenNothing && (await this.overwrite(cid, write))) continue;
      // Docker's archive API replaces a file with its header's mode and owner: an existing
      // file's own owner fills in what is not given (a new file is 0644 root's).
      const current = exists && (uid === undefined || gid === undefined) ? (await this.stats.many(cid, [path])).get(path) : null;
      await putFile(this.archive, cid, 'metadata.path', { ...write, uid: uid ?? current?.uid ?? 0, gid: gid ?? current?.gid ?? 0 });
    }
  }

  /**
   * Rewrites an existing file's bytes in place, the way execd's open(O_TRUNC) does: its inode,
   * mode, owner and hard links stay, and it is one exec instead of an owner lookup plus an archive
   * put. False when the image has no shell or `cat` (Tools' 501); the archive API then does it.
   */
  private async overwrite(cid: string, w: FileWrite): Promise<boolean> {
    let r;
    try {
      r = await this.tools.run(cid, ['/bin/sh', '-c', 'exec cat > "$1"', 'sh', w.path], w.content());
    } catch (err) {
      if (err instanceof FileError && err.status === 501) return false;
      throw err;
    }
    if (r.exitCode !== 0) throw toolFailed('cat', r.stderr);
    return true;
  }

  /** mkdir -p; the last folder gets the mode (default 0755) and owner; existing ones are left as they are. */
  async makeDirs(id: string, items: Array<{ path: unknown; permission: CheckedPermission }>): Promise<void> {
    const cid = this.container(id);
    const owners = await this.names.load(cid);
    const plans = items.map((item) => ({ path: checkChangeablePath('path', item.path), ...item.permission, ...resolveIds(item.permission, owners) }));
    for (const p of plans) {
      const st = await this.stats.raw(cid, p.path);
      if (st?.kind === 'directory') continue;
      if (st && !(st.kind === 'symlink' && (await this.stats.raw(cid, st.linkTarget))?.kind === 'directory')) {
        throw new FileError(409, 'FILE_EXISTS', `path: ${p.path} exists and is not a folder`, 'path');
      }
      if (st) continue;
      await putFolder(this.archive, cid, 'path', p.path, { mode: p.mode ?? NEW_FOLDER.mode, uid: p.uid ?? NEW_FOLDER.uid, gid: p.gid ?? NEW_FOLDER.gid });
    }
  }

  /** Removes files and symlinks (never folders); paths that are not there are skipped, like execd. */
  async removeFiles(id: string, rawPaths: unknown[]): Promise<void> {
    await this.removeExisting(id, rawPaths, false);
  }

  /** rm -rf of folders; paths that are not there are skipped, like execd. */
  async removeDirs(id: string, rawPaths: unknown[]): Promise<void> {
    await this.removeExisting(id, rawPaths, true);
  }

  /** Removes the paths that exist, after checking each is (or is not) a folder as asked. */
  private async removeExisting(id: string, rawPaths: unknown[], folders: boolean): Promise<void> {
    const paths = rawPaths.map((p) => checkChangeablePath('path', p));
    const cid = this.container(id);
    const present: string[] = [];
    for (const path of paths) {
      const st = await this.stats.raw(cid, path);
      if (!st) continue;
      const isFolder = st.kind === 'directory';
      if (isFolder && !folders) throw new FileError(400, 'IS_A_DIRECTORY', `path: ${path} is a folder; remove it with DELETE /directories`, 'path');
      if (!isFolder && folders) throw new FileError(400, 'NOT_A_DIRECTORY', `path: ${path} is not a folder; remove it with DELETE /files`, 'path');
      present.push(path);
    }
    if (present.length > 0) await this.tools.must(cid, ['rm', folders ? '-rf' : '-f', '--', ...present]);
  }

  /** Renames/moves; the destination must not exist; its missing parent folders are created. */
  async move(id: string, items: Array<{ src: unknown; dest: unknown }>): Promise<void> {
    const checked = items.map((it, i) => ({ src: checkChangeablePath(`[${i}].src`, it.src), dest: checkChangeablePath(`[${i}].dest`, it.dest), i }));
    const cid = this.container(id);
    for (const { src, dest, i } of checked) {
      if (!(await this.stats.raw(cid, src))) throw fileNotFound(`[${i}].src`, src);
      if (await this.stats.raw(cid, dest)) throw new FileError(409, 'FILE_EXISTS', `[${i}].dest: ${dest} already exists`, `[${i}].dest`);
      const parent = parentOf(dest);
      if (!(await this.stats.raw(cid, parent))) await putFolder(this.archive, cid, `[${i}].dest`, parent, NEW_FOLDER);
      await this.tools.must(cid, ['mv', '--', src, dest]);
    }
  }

  /** chmod and/or chown; owner and group are names (or numeric ids) of the sandbox. */
  async chmod(id: string, items: Array<{ path: unknown; permission: CheckedPermission }>): Promise<void> {
    const cid = this.container(id);
    const owners = await this.names.load(cid);
    const plans = items.map((item) => ({ path: checkChangeablePath('path', item.path), mode: item.permission.mode, ...resolveIds(item.permission, owners) }));
    for (const p of plans) {
      if (!(await this.stats.raw(cid, p.path))) throw fileNotFound('path', p.path);
    }
    for (const p of plans) {
      // chown first: the kernel clears setuid/setgid on a chown, so chmod must come after.
      if (p.uid !== undefined || p.gid !== undefined) {
        await this.tools.must(cid, ['chown', `${p.uid ?? ''}${p.gid !== undefined ? `:${p.gid}` : ''}`, '--', p.path]);
      }
      if (p.mode !== undefined) await this.tools.must(cid, ['chmod', p.mode.toString(8), '--', p.path]);
    }
  }

  /**
   * Replaces every occurrence of `old` with `new` (bytes of their UTF-8 text) in each file,
   * keeping its mode and owner. Returns the count per path.
   */
  async replace(id: string, items: Array<{ path: unknown; old: unknown; new: unknown }>): Promise<Map<string, number>> {
    const checked = items.map((it) => {
      const path = checkChangeablePath('path', it.path);
      if (typeof it.old !== 'string' || it.old === '') throw badField('old', `must be non-empty text (for ${path})`);
      if (typeof it.new !== 'string') throw badField('new', `must be text (for ${path})`);
      return { raw: it.path as string, path, old: Buffer.from(it.old), new: Buffer.from(it.new) };
    });
    const cid = this.container(id);
    const counts = new Map<string, number>();
    for (const it of checked) {
      const file = await this.open(id, it.path);
      if (file.size > MAX_REPLACE_BYTES) throw new FileError(413, 'FILE_TOO_LARGE', `path: ${it.path} is ${file.size} bytes; replace works on files up to ${MAX_REPLACE_BYTES}`, 'path');
      const entry = await file.read();
      const chunks: Buffer[] = [];
      for await (const c of entry.content) chunks.push(c as Buffer);
      entry.close();
      const { header } = entry;
      const { bytes, count } = replaceAll(Buffer.concat(chunks), it.old, it.new);
      counts.set(it.raw, count);
      if (count === 0) continue;
      await putFile(this.archive, cid, 'path', {
        path: file.realPath,
        mode: header.mode,
        uid: header.uid,
        gid: header.gid,
        size: bytes.length,
        content: () => Readable.from([bytes]),
      });
    }
    return counts;
  }
}

export function replaceAll(haystack: Buffer, old: Buffer, replacement: Buffer): { bytes: Buffer; count: number } {
  const parts: Buffer[] = [];
  let count = 0;
  let from = 0;
  for (let at = haystack.indexOf(old, from); at >= 0; at = haystack.indexOf(old, from)) {
    parts.push(haystack.subarray(from, at), replacement);
    from = at + old.length;
    count++;
  }
  parts.push(haystack.subarray(from));
  return { bytes: count === 0 ? haystack : Buffer.concat(parts), count };
}
