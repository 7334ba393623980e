// The loopback HTTP server: the OpenSandbox Lifecycle API at /v1 and the server proxy.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { BridgeDispatcher } from '../bridge/dispatcher';
import type { SandboxEngine } from '../engine/engine';
import type { Inside } from '../inside/inside';
import { authorize, isRefusal, type Allowed } from './access';
import { errorBody, installErrorHandling } from './errors';
import { execdRoutes } from './execd/routes';
import { requestId } from './guards';
import { insideRoutes } from './insideRoutes';
import { proxyRoutes, proxyUpgrade } from './proxy';
import { sandboxRoutes } from './sandboxRoutes';
import { terminalUpgrade } from './terminalSocket';
import { withoutTicket } from './tickets';
import { webBridge } from './webBridge';
import type { WebSessions } from './webSessions';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ApiOptions {
  engine: SandboxEngine;
  inside: Inside;
  dispatcher: BridgeDispatcher;
  sessions: WebSessions;
  /** Read on every request, so a regenerated key takes effect at once. */
  apiKey: () => string;
  version: string;
  /** The built renderer to serve at / (headless mode); null serves no UI. */
  uiRoot: string | null;
}

/** One method + URL pattern the server answers (HEAD and wildcard routes included). */
export interface RouteEntry {
  method: string;
  url: string;
}

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on an API built by buildApi, as Fastify registered it. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/**
 * Requests Node's parser refuses before Fastify sees them (bytes a URL may not hold, a header
 * block over the limit, broken chunked framing...) still get a JSON {code, message} answer.
 */
export function clientErrorAnswer(err: { code?: string }): { status: number; code: string; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time' };
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'HEADERS_TOO_LARGE', message: 'The request line and headers are larger than the server accepts (16 KiB)' };
  return { status: 400, code: 'BAD_HTTP_REQUEST', message: `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'})` };
}

function onClientError(err: Error & { code?: string; rawPacket?: unknown }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  const a = clientErrorAnswer(err);
  const body = JSON.stringify(errorBody(a.code, a.message));
  // An answer to HEAD has no body (the client would read it as a next response).
  const head = Buffer.isBuffer(err.rawPacket) && err.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  // end, not destroy: the answer is flushed before the connection closes.
  socket.end(
    `HTTP/1.1 ${a.status} ${http.STATUS_CODES[a.status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
  );
  setTimeout(() => socket.destroy(), 2000).unref();
}

declare module 'fastify' {
  interface FastifyRequest {
    access: Allowed['via'];
    /** performance.now() when the request reached its first hook (for Server-Timing). */
    startedAt: number;
  }
}

export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    routerOptions: { maxParamLength: 256 },
    forceCloseConnections: true,
    // Shapes are checked exactly as sent: no coercion of "60" into 60, no dropped fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    clientErrorHandler: onClientError,
    // Node would answer a missing Host with an empty 400; Sandlot's own check gives the JSON 403.
    http: { requireHostHeader: false },
  });
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) table.push({ method, url: r.url });
  });

  // JSON bodies, where an empty body means "no body" (SDKs send a JSON content type on pause).
  const json = app.getDefaultJsonParser('error', 'error');
  // The API speaks JSON only; other types get a 415 that says so.
  app.removeAllContentTypeParsers();
  for (const type of ['application/json', 'application/merge-patch+json']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (req, body, done) => {
      if (body === '') return done(null, undefined);
      json(req, body as string, done);
    });
  }

  installErrorHandling(app);
  // An Expect other than 100-continue: Node would answer an empty 417; this one says why.
  app.server.on('checkExpectation', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.stringify(errorBody('EXPECTATION_FAILED', `Expect: "${String(req.headers.expect ?? '')}" is not supported; only 100-continue is`));
    res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId(req.headers['x-request-id']), connection: 'close' });
    res.end(body);
  });

  app.decorateRequest('access', 'none');
  app.decorateRequest('startedAt', 0);
  app.addHook('onRequest', async (req, reply) => {
    req.startedAt = performance.now();
    void reply.header('X-Request-ID', req.id);
    const verdict = authorize(req.raw, opts.apiKey(), opts.sessions);
    // A ticket (presigned link) comes from the cross-origin UI, which may read the answer; the
    // ticket itself is the capability, so no credentials are involved.
    if (isRefusal(verdict) ? verdict.cors : verdict.via === 'ticket') void reply.header('access-control-allow-origin', '*');
    if (isRefusal(verdict)) return reply.status(verdict.status).send(errorBody(verdict.code, verdict.message));
    req.access = verdict.via;
    // Routing and the query are done; a used ticket goes no further (error logs print the URL).
    if (verdict.via === 'ticket') req.raw.url = withoutTicket(req.raw.url ?? '/');
  });

  // Sandlot's own time on each answer (seen in a browser's dev tools; the load bench reads it):
  // an answer that took long while this stayed short was waiting for the machine, not for Sandlot.
  // (Fastify's reply.elapsedTime reads 0 until the answer has gone, hence a start time of its own.)
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('server-timing', `app;dur=${(performance.now() - req.startedAt).toFixed(2)}`);
    done(null, payload);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sandlot: OpenSandbox Lifecycle API', version: opts.version },
      servers: [{ url: '/' }],
      components: { securitySchemes: { apiKeyAuth: { type: 'apiKey', in: 'header', name: 'OPEN-SANDBOX-API-KEY' } } },
      security: [{ apiKeyAuth: [] }],
    },
  });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  sandboxRoutes(app, opts.engine);
  proxyRoutes(app, opts.engine);
  execdRoutes(app, opts.inside);
  insideRoutes(app, opts.inside);
  await webBridge(app, { dispatcher: opts.dispatcher, sessions: opts.sessions, uiRoot: opts.uiRoot });

  const authorizeUpgrade = (req: http.IncomingMessage) => {
    const verdict = authorize(req, opts.apiKey(), opts.sessions);
    return isRefusal(verdict) ? verdict : null;
  };
  const proxy = proxyUpgrade(opts.engine, authorizeUpgrade);
  const terminal = terminalUpgrade({ terminals: opts.inside.terminals, authorize: authorizeUpgrade });
  // The terminal takes its own path; every other upgrade is the proxy's.
  app.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!terminal(req, socket, head)) proxy(req, socket, head);
  });
  return app;
}

/**
 * Listens on 127.0.0.1. With `fallback`, a taken port is replaced by a free one (and the
 * caller says so); without, a taken port is an error.
 */
export async function listenLoopback(app: FastifyInstance, port: number, fallback: boolean): Promise<{ port: number; fellBack: boolean }> {
  try {
    await app.listen({ host: '127.0.0.1', port });
    return { port: addressPort(app), fellBack: false };
  } catch (err) {
    if (!fallback || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { port: addressPort(app), fellBack: true };
  }
}

function addressPort(app: FastifyInstance): number {
  const a = app.server.address();
  if (a === null || typeof a === 'string') throw new Error('the API server has no TCP address');
  return a.port;
}
