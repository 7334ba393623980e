// The execd API (../shared/specs/execd-api.yaml) that OpenSandbox SDKs use inside a sandbox,
// served by Sandlot itself on the API port under /v1/sandboxes/{id}/execd, with the API key.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../../inside/inside';
import { execdFileRoutes } from './files';
import { execdMetricRoutes } from './metrics';

export function execdRoutes(app: FastifyInstance, inside: Inside): void {
  execdFileRoutes(app, inside);
  execdMetricRoutes(app, inside);
}
