// execd routes Sandlot does not build (code interpreting, bash sessions): a clear 501 instead of
// a 404 that would read like a wrong URL, after the usual 404 for an unknown sandbox.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../../inside/inside';
import { errorBody } from '../errors';
import { EXECD_ROUTE } from './prefix';

const UNSUPPORTED = ['/code', '/code/*', '/session', '/session/*'];

export function execdUnsupportedRoutes(app: FastifyInstance, inside: Inside): void {
  for (const path of UNSUPPORTED) {
    app.all<{ Params: { sandboxId: string } }>(`${EXECD_ROUTE}${path}`, { schema: { hide: true } }, async (req, reply) => {
      inside.requireSandbox(req.params.sandboxId);
      const what = `/${(req.url.split('?')[0] ?? '').split('/execd/')[1] ?? ''}`;
      return reply.status(501).send(errorBody('NOT_IMPLEMENTED', `${req.method} ${what} (execd ${path.startsWith('/code') ? 'code interpreting' : 'bash sessions'}) is not supported by Sandlot`));
    });
  }
}
