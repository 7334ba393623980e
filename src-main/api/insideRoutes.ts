// Sandlot's own routes about the inside of a sandbox (not in the OpenSandbox spec): logs and
// usage. The terminal WebSocket is an upgrade (api/terminalSocket.ts), not a route.
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LogLine } from '../contract/inside';
import { invalid } from '../engine/errors';
import type { Inside } from '../inside/inside';
import { parseLogQuery } from '../inside/logs';
import { openSse } from './execd/sse';

type Query = Record<string, string | undefined>;
const MAX_USAGE_IDS = 500;
/** SSE comment heartbeat: keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

function wantsSse(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

async function logs(inside: Inside, req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>, reply: FastifyReply): Promise<void> {
  const q = parseLogQuery(req.query);
  const sse = wantsSse(req);
  const res = reply.raw;
  let send: (l: LogLine) => boolean = () => false;
  let end: () => void = () => undefined;
  // Opens Docker's stream first, so that 404 / 409 / 503 are still plain JSON answers.
  const feed = await inside.logs.open(req.params.id, q, (l) => send(l), () => end());
  const backpressure = () => {
    // A slow reader: stop reading Docker until the socket drains.
    if (res.writableNeedDrain) {
      feed.pause();
      res.once('drain', () => feed.resume());
    }
  };
  if (sse) {
    const stream = openSse(reply, { heartbeatMs: HEARTBEAT_MS });
    send = (l) => {
      const ok = stream.send(l);
      backpressure();
      return ok;
    };
    end = () => stream.close();
    stream.onClientGone(() => feed.stop());
  } else {
    reply.hijack();
    res.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.flushHeaders();
    send = (l) => {
      if (res.destroyed || res.writableEnded) return false;
      res.write(`${q.timestamps && l.at ? `${l.at} ` : ''}${l.text}\n`);
      backpressure();
      return true;
    };
    end = () => {
      if (!res.destroyed && !res.writableEnded) res.end();
    };
    res.once('close', () => feed.stop());
  }
  feed.start();
}

function usageIds(raw: string | undefined): string[] {
  const ids = [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw invalid('ids', 'name at least one sandbox id (ids=a,b)');
  if (ids.length > MAX_USAGE_IDS) throw invalid('ids', `at most ${MAX_USAGE_IDS} sandboxes per stream`);
  return ids;
}

export function insideRoutes(app: FastifyInstance, inside: Inside): void {
  app.get<{ Params: { id: string }; Querystring: Query }>('/v1/sandboxes/:id/logs', { schema: { hide: true } }, (req, reply) => logs(inside, req, reply));

  app.get<{ Params: { id: string } }>('/v1/sandboxes/:id/usage', { schema: { hide: true } }, async (req, reply) => {
    return reply.header('cache-control', 'no-store').send(await inside.usage.sample(req.params.id));
  });

  app.get<{ Querystring: Query }>('/v1/usage', { schema: { hide: true } }, async (req, reply) => {
    const ids = usageIds(req.query['ids']);
    const stream = openSse(reply, { heartbeatMs: 0 });
    const feed = inside.usage.frames(ids, (f) => stream.send(f));
    stream.onClientGone(() => feed.stop());
  });
}
