// Every error leaves as a non-empty JSON {code, message}: validation 400 (never 422), unknown
// ids 404, wrong state 409, Docker away 503; anything unexpected is a 500 with the request id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../contract/schemas';
import { EngineError, type EngineErrorKind } from '../engine/errors';
import { validationMessage, type SchemaIssue } from './validationMessage';

const STATUS: Record<EngineErrorKind, number> = {
  invalid: 400,
  unsupported: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

export function errorBody(code: string, message: string): ErrorResponse {
  return { code, message: message || code };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof EngineError) {
      return reply.status(STATUS[err.kind]).send(errorBody(err.code, err.message));
    }
    if (err.validation) {
      return reply.status(400).send(errorBody('INVALID_REQUEST', validationMessage(err.validationContext, err.validation as SchemaIssue[])));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, unsupported media type, body too large...
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_REQUEST';
      return reply.status(status).send(errorBody(code, err.message));
    }
    req.log.error(err);
    console.error(`sandlot: internal error on ${req.method} ${req.url} (request ${req.id}):`, err);
    return reply.status(500).send(errorBody('INTERNAL_ERROR', `Sandlot hit an internal error (request ${req.id}); see its log`));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `There is no ${req.method} ${req.url.split('?')[0]}`));
  });
}
