// Tar in and out of Docker's archive API, with tar-stream: the first entry of a GET (a file's
// header and content), and a tar to PUT built from entries whose content comes from a stream.
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';

export interface TarHeader {
  name: string;
  type: string;
  size: number;
  /** Permission bits, with setuid/setgid/sticky. */
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
  linkname: string | null;
}

export interface TarEntry {
  /** Relative to the folder the tar is put into. */
  name: string;
  type: 'file' | 'directory';
  mode: number;
  uid: number;
  gid: number;
  mtime?: Date;
  /** Files: byte count and content. */
  size?: number;
  content?: () => Readable;
}

export interface FirstEntry {
  header: TarHeader;
  /** The entry's bytes; must be consumed or `close()`d. */
  content: Readable;
  /** Stops reading the archive (the rest of the tar is not wanted). */
  close(): void;
}

/** Reads the archive up to its first entry; rejects when the archive has none. */
export function firstEntry(archive: Readable): Promise<FirstEntry> {
  const extract = tar.extract();
  const close = () => {
    archive.destroy();
    extract.destroy();
  };
  return new Promise((resolve, reject) => {
    let seen = false;
    extract.on('entry', (h, stream) => {
      if (seen) return stream.resume();
      seen = true;
      resolve({
        header: {
          name: h.name,
          type: h.type ?? 'file',
          size: h.size ?? 0,
          mode: h.mode ?? 0,
          uid: h.uid ?? 0,
          gid: h.gid ?? 0,
          mtime: h.mtime ?? new Date(0),
          linkname: h.linkname ?? null,
        },
        // tar-stream's entry is a streamx Readable, which pipes and iterates like a Node one.
        content: stream as unknown as Readable,
        close,
      });
    });
    extract.on('error', (err: Error) => (seen ? undefined : reject(err)));
    extract.on('finish', () => (seen ? undefined : reject(new Error('the archive Docker sent is empty'))));
    archive.on('error', (err: Error) => (seen ? undefined : reject(err)));
    archive.pipe(extract as unknown as NodeJS.WritableStream);
  });
}

/** A tar stream of the entries, written in order (parents before children). */
export function packEntries(entries: TarEntry[]): Readable {
  const pack = tar.pack();
  void (async () => {
    try {
      for (const e of entries) {
        const header = { name: e.name, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime ?? new Date() };
        if (e.type === 'directory') {
          pack.entry({ ...header, size: 0 });
          continue;
        }
        if (!e.content) {
          pack.entry({ ...header, size: 0 }, Buffer.alloc(0));
          continue;
        }
        const sink = pack.entry({ ...header, size: e.size ?? 0 });
        await pipeline(e.content(), sink as unknown as NodeJS.WritableStream);
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  return pack as unknown as Readable;
}
