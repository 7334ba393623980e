// The browser face of the bridge (headless mode and the tests): the same channels as Electron's
// IPC over POST /bridge/{channel}, the current context's engine events (and context switches)
// over a server-sent event stream, the sign-in links, and the built renderer at /.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { WEB_BRIDGE_PREFIX, WEB_SESSION_COOKIE } from '../contract/bridge';
import type { BridgeDispatcher } from '../bridge/dispatcher';
import { PROXY_COOKIE } from './access';
import { errorBody } from './errors';
import type { WebSessions } from './webSessions';

const HEARTBEAT_MS = 15_000;

export interface WebBridgeOptions {
  dispatcher: BridgeDispatcher;
  sessions: WebSessions;
  /** The built renderer (out/renderer); without it, / says how to build it. */
  uiRoot: string | null;
}

function cookie(name: string, value: string, cookiePath: string, sameSite: 'Strict' | 'Lax'): string {
  return `${name}=${encodeURIComponent(value)}; Path=${cookiePath}; HttpOnly; SameSite=${sameSite}`;
}

const LINK_USED = 'This sign-in link was already used or has expired';

/** A browser (Accept: text/html) gets a page; any other client the usual JSON {code, message}. */
function linkUsed(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(req.headers.accept ?? '').includes('text/html')) {
    return reply.status(401).send(errorBody('LINK_USED', `${LINK_USED}; ask for a new one (\`npm run serve\` prints one when it starts)`));
  }
  return reply
    .status(401)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><title>Sandlot</title><p>${LINK_USED}. Use a fresh one: <code>npm run serve</code> prints one when it starts, and the app makes one for each endpoint you open.</p>`);
}

export async function webBridge(app: FastifyInstance, opts: WebBridgeOptions): Promise<void> {
  app.post<{ Params: { channel: string }; Body: { input?: unknown } | undefined }>(
    `${WEB_BRIDGE_PREFIX}/:channel`,
    { schema: { hide: true, body: Type.Object({ input: Type.Optional(Type.Unknown()) }, { additionalProperties: false }) } },
    async (req, reply) => {
      // Like IPC, a call that reached the dispatcher always answers 200 with the envelope: a
      // refusal is an answer, not a transport failure (and keeps the browser console quiet).
      return reply.send(await opts.dispatcher.handle(req.params.channel, req.body?.input));
    },
  );

  app.get(`${WEB_BRIDGE_PREFIX}/events`, { schema: { hide: true } }, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': String(req.id) });
    // HEAD gets the head only: with no body to write, Node would never send it, and the
    // subscription would live until the client gave up.
    if (req.method === 'HEAD') return void res.end();
    res.write(': connected\n\n');
    const unsubscribe = opts.dispatcher.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    const beat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(beat);
      unsubscribe();
    });
  });

  app.get<{ Querystring: { token?: string } }>('/auth/ui', { schema: { hide: true } }, async (req, reply) => {
    const grant = opts.sessions.redeem(req.query.token);
    if (grant?.kind !== 'ui') return linkUsed(req, reply);
    const id = opts.sessions.open(grant);
    return reply.header('set-cookie', cookie(WEB_SESSION_COOKIE, id, '/', 'Strict')).header('cache-control', 'no-store').redirect('/');
  });

  app.get<{ Querystring: { token?: string } }>('/auth/link', { schema: { hide: true } }, async (req, reply) => {
    const grant = opts.sessions.redeem(req.query.token);
    if (grant?.kind !== 'proxy') return linkUsed(req, reply);
    const id = opts.sessions.open(grant);
    const target = `/v1/sandboxes/${encodeURIComponent(grant.sandboxId)}/proxy/${grant.port}/`;
    // Lax, scoped to this one sandbox port: a top-level navigation to it carries the cookie.
    return reply.header('set-cookie', cookie(PROXY_COOKIE, id, target, 'Lax')).header('cache-control', 'no-store').redirect(target);
  });

  const index = opts.uiRoot ? path.join(opts.uiRoot, 'index.html') : null;
  if (opts.uiRoot && index && existsSync(index)) {
    // wildcard: files are looked up per request, so a rebuild's new asset names are served.
    await app.register(fastifyStatic, { root: opts.uiRoot, prefix: '/', index: 'index.html', wildcard: true });
    app.addHook('onSend', async (req, reply) => {
      if (req.url === '/' || req.url.startsWith('/assets/') || req.url.startsWith('/index.html')) {
        void reply.header('x-content-type-options', 'nosniff').header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer');
      }
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.status(404).send(errorBody('UI_NOT_BUILT', 'The web UI is not built: run `npm run build` (npm run serve does it for you)')),
    );
  }
}
