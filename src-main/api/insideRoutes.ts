// Sandlot's own routes about the inside of a sandbox (not in the OpenSandbox spec): logs,
// usage and the terminal WebSocket.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../inside/inside';

export function insideRoutes(_app: FastifyInstance, _inside: Inside): void {}
