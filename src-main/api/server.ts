// The loopback HTTP server: the OpenSandbox Lifecycle API at /v1 and the server proxy.
import type http from 'node:http';
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

declare module 'fastify' {
  interface FastifyRequest {
    access: Allowed['via'];
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

  app.decorateRequest('access', 'none');
  app.addHook('onRequest', async (req, reply) => {
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
