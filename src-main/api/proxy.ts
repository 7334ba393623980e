// The server proxy: /v1/sandboxes/{id}/proxy/{port}/... reaches a port inside a Running
// sandbox, for HTTP and for WebSocket upgrades. The API key and Sandlot's own cookies are
// stripped so the workload inside never sees them.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxEngine } from '../engine/engine';
import { EngineError, invalid } from '../engine/errors';
import { errorBody } from './errors';
import { API_KEY_HEADER } from './guards';

const PROXY_PATH = /^\/v1\/sandboxes\/([^/?#]+)\/proxy\/(\d{1,5})(\/[^?#]*)?(\?[^#]*)?$/;
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host',
  API_KEY_HEADER,
]);
/** Sandlot's own cookies, never passed to a sandbox; the app's own cookies pass through. */
const OWN_COOKIES = /^\s*(sandlot_session|sandlot_proxy)=/;

/**
 * A page reached through a browser cookie shares Sandlot's origin; the CSP sandbox gives it an
 * opaque origin instead, so untrusted code in it cannot use the UI's session.
 */
export const BROWSER_PROXY_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads allow-popups-to-escape-sandbox';

export interface ProxyPath {
  sandboxId: string;
  port: number;
  /** Path and query inside the sandbox, always starting with `/`. */
  path: string;
  prefix: string;
}

/** TCP ports are 1..65535; the path pattern alone lets 0 and 65536..99999 through. */
export function portInRange(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function badPort(port: number): EngineError {
  return invalid('port', `${port} is not a TCP port (1-65535)`);
}

export function parseProxyPath(url: string): ProxyPath | null {
  const m = PROXY_PATH.exec(url);
  if (!m) return null;
  let sandboxId: string;
  try {
    sandboxId = decodeURIComponent(m[1] ?? '');
  } catch {
    return null; // a malformed %-escape names no sandbox
  }
  return { sandboxId, port: Number(m[2]), path: `${m[3] || '/'}${m[4] ?? ''}`, prefix: `/v1/sandboxes/${m[1]}/proxy/${m[2]}` };
}

function forwardHeaders(req: http.IncomingMessage, target: { host: string; port: number }, prefix: string, keepUpgrade: boolean): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (HOP_BY_HOP.has(k) && !(keepUpgrade && (k === 'connection' || k === 'upgrade'))) continue;
    if (k === 'cookie') {
      const kept = String(v).split(';').filter((c) => !OWN_COOKIES.test(c)).join(';').trim();
      if (kept) headers[k] = kept;
      continue;
    }
    headers[k] = v;
  }
  headers['host'] = `${target.host}:${target.port}`;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-prefix'] = prefix;
  return headers;
}

function unreachable(port: number, sandboxId: string, err: Error): { code: string; message: string } {
  const why = (err as NodeJS.ErrnoException).code ?? err.message;
  return errorBody('UPSTREAM_UNREACHABLE', `Nothing answered on port ${port} in sandbox ${sandboxId} (${why}); is a server listening on 0.0.0.0:${port}?`);
}

export function proxyRoutes(app: FastifyInstance, engine: SandboxEngine): void {
  void app.register(async (scope) => {
    // Bodies pass through untouched, whatever their type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const handler = (req: FastifyRequest, reply: FastifyReply) => {
      const p = parseProxyPath(req.url);
      if (!p) throw new EngineError('not_found', `There is no ${req.method} ${req.url.split('?')[0]}`);
      if (!portInRange(p.port)) throw badPort(p.port);
      const target = engine.proxyTarget(p.sandboxId, p.port);
      // Made before the hijack: anything it throws is still answered by the error handler.
      const upstream = http.request({
        host: target.host,
        port: target.port,
        method: req.method,
        path: p.path,
        headers: forwardHeaders(req.raw, target, p.prefix, false),
      });
      reply.hijack();
      upstream.on('response', (res) => {
        const headers: http.OutgoingHttpHeaders = { ...res.headers, 'x-request-id': String(req.id) };
        if (req.access === 'cookie') headers['content-security-policy'] = BROWSER_PROXY_CSP;
        reply.raw.writeHead(res.statusCode ?? 502, headers);
        res.pipe(reply.raw);
      });
      upstream.on('error', (err) => {
        if (reply.raw.headersSent) {
          reply.raw.destroy();
          return;
        }
        const body = JSON.stringify(unreachable(p.port, p.sandboxId, err));
        reply.raw.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': String(req.id) });
        reply.raw.end(body);
      });
      req.raw.pipe(upstream);
    };
    scope.all('/v1/sandboxes/:sandboxId/proxy/:port', handler);
    scope.all('/v1/sandboxes/:sandboxId/proxy/:port/*', handler);
  });
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Handles an HTTP upgrade (WebSocket) on the API server. `authorize` applies the same
 * Host and key checks as every other route and answers with the refusal, if any.
 */
export function proxyUpgrade(
  engine: SandboxEngine,
  authorize: (req: http.IncomingMessage) => { status: number; code: string; message: string } | null,
) {
  return (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const refusal = authorize(req);
    if (refusal) return refuse(socket, refusal.status, refusal.code, refusal.message);
    const p = parseProxyPath(req.url ?? '');
    if (!p) return refuse(socket, 404, 'NOT_FOUND', `There is no WebSocket endpoint at ${req.url ?? ''}`);
    if (!portInRange(p.port)) return refuse(socket, 400, 'INVALID_REQUEST', badPort(p.port).message);
    let target: { host: string; port: number };
    try {
      target = engine.proxyTarget(p.sandboxId, p.port);
    } catch (err) {
      if (err instanceof EngineError) {
        const status = err.kind === 'not_found' ? 404 : err.kind === 'unavailable' ? 503 : err.kind === 'conflict' ? 409 : 400;
        return refuse(socket, status, err.code, err.message);
      }
      return refuse(socket, 500, 'INTERNAL_ERROR', 'Sandlot hit an internal error');
    }
    const upstream = net.connect(target.port, target.host, () => {
      const headers = forwardHeaders(req, target, p.prefix, true);
      const lines = [`${req.method ?? 'GET'} ${p.path} HTTP/1.1`];
      for (const [k, v] of Object.entries(headers)) {
        for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${String(one)}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', (err) => {
      if (upstream.bytesRead === 0 && socket.writable) {
        const u = unreachable(p.port, p.sandboxId, err);
        refuse(socket, 502, u.code, u.message);
      } else socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
  };
}
