// execd's file and directory routes.
import type { FastifyInstance } from 'fastify';
import type { Inside } from '../../inside/inside';

export function execdFileRoutes(_app: FastifyInstance, _inside: Inside): void {}
