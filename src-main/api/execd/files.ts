// execd's file and directory routes (../shared/specs/execd-api.yaml, Filesystem), served from
// Docker through inside/files.ts, the same implementation the UI's file tab uses.
// They live in an encapsulated plugin: multipart parsing (with its own limits, far above the
// API's 1 MiB JSON body limit) and the error mapping below apply to these routes only.
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import { FileError, badField } from '../../inside/fileErrors';
import { checkPermission } from '../../inside/filePermission';
import type { Inside } from '../../inside/inside';
import { errorBody } from '../errors';
import { contentDisposition, parseRange } from './fileRange';
import { receiveUpload, uploadLimitBytes } from './fileUpload';
import { bodyMap, queryInt, queryList, queryOne, toWire } from './fileWire';
import { EXECD_ROUTE } from './prefix';

interface Params {
  sandboxId: string;
}

type Req = FastifyRequest<{ Params: Params }>;

export function execdFileRoutes(app: FastifyInstance, inside: Inside): void {
  void app.register(async (scope) => {
    const limit = uploadLimitBytes();
    await scope.register(multipart, { limits: { fileSize: limit } });
    scope.setErrorHandler(fileErrorHandler);
    fileRoutes(scope, inside, limit);
  });
}

/** FileErrors carry their own status (403, 413, 416, 501 have no engine kind); the rest goes up. */
function fileErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof FileError) return reply.status(err.status).send(errorBody(err.code, err.message));
  if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return reply.status(400).send(errorBody('INVALID_REQUEST', 'body: must be multipart/form-data with a metadata part, then a file part'));
  }
  throw err;
}

function fileRoutes(app: FastifyInstance, inside: Inside, uploadLimit: number): void {
  const files = inside.files;
  const at = (p: string) => `${EXECD_ROUTE}${p}`;
  const ok = (reply: FastifyReply) => reply.status(200).send();

  app.get(at('/files/info'), async (req: Req) => {
    const stats = await files.info(req.params.sandboxId, queryList(req.query, 'path'));
    return Object.fromEntries([...stats].map(([p, s]) => [p, toWire(s)]));
  });

  app.get(at('/directories/list'), async (req: Req) => {
    const depth = queryInt(req.query, 'depth', 0) ?? 1;
    return (await files.listTree(req.params.sandboxId, queryOne(req.query, 'path', true), depth)).map(toWire);
  });

  app.get(at('/files/search'), async (req: Req) => {
    const pattern = queryOne(req.query, 'pattern', false) || '**';
    return (await files.search(req.params.sandboxId, queryOne(req.query, 'path', true), pattern)).map(toWire);
  });

  app.get(at('/files/download'), (req: Req, reply) => download(inside, req, reply));

  app.post(at('/files/upload'), async (req: Req, reply) => {
    const upload = await receiveUpload(req, uploadLimit);
    try {
      await files.write(req.params.sandboxId, upload.items);
    } finally {
      await upload.cleanup();
    }
    return ok(reply);
  });

  app.delete(at('/files'), async (req: Req, reply) => {
    await files.removeFiles(req.params.sandboxId, queryList(req.query, 'path'));
    return ok(reply);
  });

  app.delete(at('/directories'), async (req: Req, reply) => {
    await files.removeDirs(req.params.sandboxId, queryList(req.query, 'path'));
    return ok(reply);
  });

  app.post(at('/directories'), async (req: Req, reply) => {
    const items = bodyMap(req.body).map(([path, perm]) => ({ path, permission: checkPermission(path, perm) }));
    await files.makeDirs(req.params.sandboxId, items);
    return ok(reply);
  });

  app.post(at('/files/permissions'), async (req: Req, reply) => {
    const items = bodyMap(req.body).map(([path, perm]) => ({ path, permission: checkPermission(path, perm) }));
    await files.chmod(req.params.sandboxId, items);
    return ok(reply);
  });

  app.post(at('/files/mv'), async (req: Req, reply) => {
    if (!Array.isArray(req.body)) throw badField('body', 'must be a JSON array of {src, dest}');
    const items = (req.body as unknown[]).map((it, i) => {
      if (!it || typeof it !== 'object') throw badField(`[${i}]`, 'must be an object {src, dest}');
      const { src, dest } = it as Record<string, unknown>;
      return { src, dest };
    });
    await files.move(req.params.sandboxId, items);
    return ok(reply);
  });

  app.post(at('/files/replace'), async (req: Req, reply) => {
    const verbose = queryOne(req.query, 'verbose', false) === 'true';
    const items = bodyMap(req.body).map(([path, it]) => {
      if (!it || typeof it !== 'object') throw badField(path, 'must be an object {old, new}');
      const r = it as Record<string, unknown>;
      return { path, old: r['old'], new: r['new'] };
    });
    const counts = await files.replace(req.params.sandboxId, items);
    if (!verbose) return ok(reply);
    return Object.fromEntries([...counts].map(([p, n]) => [p, { replacedCount: n }]));
  });
}

/** GET /files/download: the bytes (or one Range of them, or lines offset..offset+limit-1). */
async function download(inside: Inside, req: Req, reply: FastifyReply): Promise<FastifyReply> {
  const file = await inside.files.open(req.params.sandboxId, queryOne(req.query, 'path', true));
  const offset = queryInt(req.query, 'offset', 1);
  const lines = queryInt(req.query, 'limit', 1);
  if ((offset === undefined) !== (lines === undefined)) throw badField(offset === undefined ? 'offset' : 'limit', 'offset and limit go together (1-based first line, line count)');
  const entry = await file.read();
  // However the response ends (done, client gone), the Docker stream is let go.
  reply.raw.once('close', entry.close);
  // The tar header is the size of the bytes that will really stream.
  const size = entry.header.size;
  if (offset !== undefined && lines !== undefined) {
    return reply.type('text/plain; charset=utf-8').send(entry.content.pipe(lineSlice(offset, lines, entry.close)));
  }
  const range = parseRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    entry.close();
    void reply.header('Content-Range', `bytes */${size}`);
    throw new FileError(416, 'RANGE_NOT_SATISFIABLE', `Range: "${req.headers.range ?? ''}" does not fit ${file.path} (${size} bytes)`, 'Range');
  }
  void reply
    .type('application/octet-stream')
    .header('Content-Disposition', contentDisposition(file.name))
    .header('Accept-Ranges', 'bytes')
    .header('Last-Modified', new Date(file.modifiedAt).toUTCString());
  if (range.kind === 'whole') {
    void reply.header('Content-Length', String(size));
    return reply.send(entry.content);
  }
  const length = range.end - range.start + 1;
  void reply.status(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`).header('Content-Length', String(length));
  return reply.send(entry.content.pipe(byteSlice(range.start, length, entry.close)));
}

/** Passes bytes [start, start+length) of the stream, then ends and stops the source. */
function byteSlice(start: number, length: number, stop: () => void): Transform {
  let pos = 0;
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      // Chunks already in flight after the end are dropped.
      if (sent >= length) return done();
      const from = Math.max(0, start - pos);
      pos += chunk.length;
      if (from < chunk.length && sent < length) {
        const piece = chunk.subarray(from, from + (length - sent));
        sent += piece.length;
        this.push(piece);
      }
      if (sent >= length) {
        this.push(null);
        stop();
      }
      done();
    },
  });
}

/** Passes lines offset..offset+count-1 (1-based), each with its newline, like execd. */
function lineSlice(offset: number, count: number, stop: () => void): Transform {
  let line = 1;
  let written = 0;
  let rest = Buffer.alloc(0);
  const emit = (t: Transform, text: Buffer) => {
    if (line >= offset && written < count) {
      t.push(Buffer.concat([text, Buffer.from('\n')]));
      written++;
    }
    line++;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (written >= count) return done();
      let buf = Buffer.concat([rest, chunk]);
      for (let nl = buf.indexOf(10); nl >= 0 && written < count; nl = buf.indexOf(10)) {
        emit(this, buf.subarray(0, nl));
        buf = buf.subarray(nl + 1);
      }
      rest = buf;
      if (written >= count) {
        this.push(null);
        stop();
      }
      done();
    },
    flush(done) {
      if (rest.length > 0 && written < count) emit(this, rest);
      done();
    },
  });
}

