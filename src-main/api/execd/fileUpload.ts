// POST /files/upload's multipart body: pairs of a `metadata` part (JSON FileMetadata, sent by
// the SDK as a file part, by curl -F as a field) and a `file` part. Files are streamed to a
// private temp folder on Sandlot's disk, never held in memory; nothing is written into the
// sandbox until the whole request has arrived and checked out, so a refused or broken upload
// leaves nothing half-written there.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { FileError, badField } from '../../inside/fileErrors';
import { checkPermission } from '../../inside/filePermission';
import type { UploadItem } from '../../inside/files';
import { checkChangeablePath } from '../../inside/paths';

/** Default cap per file; SANDLOT_UPLOAD_LIMIT_BYTES overrides it (tests use a small one). */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 1024 * 1024 * 1024;
export const MAX_METADATA_BYTES = 64 * 1024;
export const MAX_FILES_PER_UPLOAD = 1000;

export function uploadLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env['SANDLOT_UPLOAD_LIMIT_BYTES']);
  return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_UPLOAD_LIMIT_BYTES;
}

export interface ReceivedUpload {
  items: UploadItem[];
  /** Removes the temp files; always call it. */
  cleanup(): Promise<void>;
}

export function tooLarge(limit: number): FileError {
  return new FileError(413, 'FILE_TOO_LARGE', `file: an uploaded file is over the ${limit}-byte limit; nothing was written`, 'file');
}

async function metadataOf(part: Multipart): Promise<{ path: string; permission: ReturnType<typeof checkPermission> }> {
  let text: string;
  if (part.type === 'file') {
    const bytes = await part.toBuffer();
    if (bytes.length > MAX_METADATA_BYTES) throw badField('metadata', `must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
    text = bytes.toString('utf8');
  } else {
    if (part.valueTruncated) throw badField('metadata', `must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
    text = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw badField('metadata', 'must be JSON like {"path":"/workspace/a.txt","mode":644}');
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) throw badField('metadata', 'must be a JSON object with path, mode, owner, group');
  const m = meta as Record<string, unknown>;
  // Checked here, before any byte of the file is stored, and again when written.
  const p = checkChangeablePath('metadata.path', m['path']);
  return { path: p, permission: checkPermission('metadata', { mode: m['mode'], owner: m['owner'], group: m['group'] }) };
}

export async function receiveUpload(req: FastifyRequest, limit: number): Promise<ReceivedUpload> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sandlot-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const items: UploadItem[] = [];
  try {
    if (!req.isMultipart()) throw badField('body', 'must be multipart/form-data with a metadata part, then a file part');
    let pending: Awaited<ReturnType<typeof metadataOf>> | null = null;
    for await (const part of req.parts({ limits: { fileSize: Math.max(limit, MAX_METADATA_BYTES), fieldSize: MAX_METADATA_BYTES, files: MAX_FILES_PER_UPLOAD * 2 } })) {
      if (part.fieldname === 'metadata') {
        if (pending) throw badField('file', `no file part follows the metadata of ${pending.path}`);
        pending = await metadataOf(part);
        continue;
      }
      if (part.fieldname !== 'file') throw badField(part.fieldname, 'unknown part; send "metadata" then "file", repeated');
      if (!pending) throw badField('metadata', 'each file part must come right after its metadata part');
      const tmp = path.join(dir, String(items.length));
      if (part.type === 'file') {
        let size = 0;
        part.file.on('data', (c: Buffer) => (size += c.length));
        await pipeline(part.file, createWriteStream(tmp, { mode: 0o600 }));
        if (part.file.truncated || size > limit) throw tooLarge(limit);
        items.push({ path: pending.path, permission: pending.permission, size, content: () => createReadStream(tmp) });
      } else {
        // A plain form field (curl -F file=text): small by the field limit, kept in memory.
        const bytes = Buffer.from(String(part.value ?? ''));
        items.push({ path: pending.path, permission: pending.permission, size: bytes.length, content: () => Readable.from([bytes]) });
      }
      pending = null;
    }
    if (pending) throw badField('file', `no file part follows the metadata of ${pending.path}`);
    if (items.length === 0) throw badField('metadata', 'the upload holds no metadata and file parts');
    return { items, cleanup };
  } catch (err) {
    await cleanup();
    const e = err as { code?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') throw new FileError(413, 'TOO_MANY_FILES', `file: at most ${MAX_FILES_PER_UPLOAD} files per upload`, 'file');
    // The multipart parser's own complaints (truncated body, bad part header) carry no code: a 400.
    if (err instanceof Error && !(err instanceof FileError) && e.code === undefined) throw badField('body', `is not well-formed multipart/form-data (${err.message})`);
    throw err;
  }
}
