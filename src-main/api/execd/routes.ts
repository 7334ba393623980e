// The execd API (../shared/specs/execd-api.yaml) that OpenSandbox SDKs use inside a sandbox,
// served by Sandlot itself on the API port under /v1/sandboxes/{id}/execd, with the API key.
// Paths under the prefix that nothing defines fall to the server's JSON 404.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../../inside/inside';
import { execdCommandRoutes } from './commands';
import { execdFileRoutes } from './files';
import { execdMetricRoutes } from './metrics';
import { EXECD_ROUTE } from './prefix';
import { execdUnsupportedRoutes } from './unsupported';

export function execdRoutes(app: FastifyInstance, inside: Inside): void {
  // Health: the SDK polls it after create, so it answers only once the sandbox is Running
  // (409 with the state before, 404 for an unknown id).
  app.get<{ Params: { sandboxId: string } }>(`${EXECD_ROUTE}/ping`, { schema: { tags: ['execd'], summary: 'Health check' } }, async (req, reply) => {
    inside.ready(req.params.sandboxId);
    return reply.status(200).send();
  });
  execdCommandRoutes(app, inside);
  execdUnsupportedRoutes(app, inside);
  execdFileRoutes(app, inside);
  execdMetricRoutes(app, inside);
}
