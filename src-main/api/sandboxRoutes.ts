// /v1 routes of the OpenSandbox Lifecycle API, as thin calls into the engine.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import {
  CreateSandboxRequestSchema,
  CreateSandboxResponseSchema,
  EndpointParamsSchema,
  EndpointQuerySchema,
  EndpointSchema,
  ErrorResponseSchema,
  ListSandboxesQuerySchema,
  ListSandboxesResponseSchema,
  PatchMetadataRequestSchema,
  RenewRequestSchema,
  RenewResponseSchema,
  SandboxIdParamsSchema,
  SandboxSchema,
  type CreateSandboxRequest,
  type ListSandboxesQuery,
  type MetadataPatch,
  type RenewRequest,
} from '../contract/schemas';
import type { SandboxEngine } from '../engine/engine';
import { unsupported } from '../engine/errors';
import { toCreateResponse, toWire } from './wire';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 503: ErrorResponseSchema };
const Empty = Type.Null({ description: 'No body' });

type IdParams = { sandboxId: string };

export function sandboxRoutes(app: FastifyInstance, engine: SandboxEngine): void {
  app.post<{ Body: CreateSandboxRequest }>(
    '/v1/sandboxes',
    { schema: { tags: ['Sandboxes'], summary: 'Create a sandbox', body: CreateSandboxRequestSchema, response: { 202: CreateSandboxResponseSchema, ...errors } } },
    async (req, reply) => {
      const r = await engine.create(req.body);
      return reply.status(202).header('Location', `/v1/sandboxes/${r.id}`).send(toCreateResponse(r));
    },
  );

  app.get<{ Querystring: ListSandboxesQuery }>(
    '/v1/sandboxes',
    { schema: { tags: ['Sandboxes'], summary: 'List sandboxes', querystring: ListSandboxesQuerySchema, response: { 200: ListSandboxesResponseSchema, ...errors } } },
    async (req) => {
      const { items, pagination } = engine.list(req.query);
      return { items: items.map(toWire), pagination };
    },
  );

  app.get<{ Params: IdParams }>(
    '/v1/sandboxes/:sandboxId',
    { schema: { tags: ['Sandboxes'], summary: 'Fetch a sandbox', params: SandboxIdParamsSchema, response: { 200: SandboxSchema, ...errors } } },
    async (req) => toWire(engine.get(req.params.sandboxId)),
  );

  app.delete<{ Params: IdParams }>(
    '/v1/sandboxes/:sandboxId',
    { schema: { tags: ['Sandboxes'], summary: 'Delete a sandbox', params: SandboxIdParamsSchema, response: { 204: Empty, ...errors } } },
    async (req, reply) => {
      await engine.delete(req.params.sandboxId);
      return reply.status(204).send();
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    app.post<{ Params: IdParams }>(
      `/v1/sandboxes/:sandboxId/${action}`,
      { schema: { tags: ['Sandboxes'], summary: `${action === 'pause' ? 'Pause' : 'Resume'} a sandbox`, params: SandboxIdParamsSchema, response: { 202: Empty, ...errors } } },
      async (req, reply) => {
        await (action === 'pause' ? engine.pause(req.params.sandboxId) : engine.resume(req.params.sandboxId));
        return reply.status(202).header('Content-Length', '0').send();
      },
    );
  }

  app.post<{ Params: IdParams; Body: RenewRequest }>(
    '/v1/sandboxes/:sandboxId/renew-expiration',
    { schema: { tags: ['Sandboxes'], summary: 'Renew the expiration', params: SandboxIdParamsSchema, body: RenewRequestSchema, response: { 200: RenewResponseSchema, ...errors } } },
    async (req) => {
      const r = await engine.renew(req.params.sandboxId, req.body.expiresAt);
      return { expiresAt: r.expiresAt };
    },
  );

  app.patch<{ Params: IdParams; Body: MetadataPatch }>(
    '/v1/sandboxes/:sandboxId/metadata',
    { schema: { tags: ['Sandboxes'], summary: 'Patch metadata (RFC 7396)', params: SandboxIdParamsSchema, body: PatchMetadataRequestSchema, response: { 200: SandboxSchema, ...errors } } },
    async (req) => toWire(await engine.patchMetadata(req.params.sandboxId, req.body)),
  );

  app.get<{ Params: { sandboxId: string; port: string }; Querystring: { use_server_proxy?: 'true' | 'false'; expires?: string } }>(
    '/v1/sandboxes/:sandboxId/endpoints/:port',
    { schema: { tags: ['Sandboxes'], summary: 'Get an access endpoint', params: EndpointParamsSchema, querystring: EndpointQuerySchema, response: { 200: EndpointSchema, ...errors } } },
    async (req) => {
      if (req.query.expires !== undefined) throw unsupported('expires', 'signed endpoints are not supported yet');
      const endpoint = engine.endpoint(req.params.sandboxId, Number(req.params.port), req.query.use_server_proxy === 'true');
      return { endpoint };
    },
  );

  // Snapshots are not built yet: say so plainly, and answer reads truthfully (there are none).
  app.post('/v1/sandboxes/:sandboxId/snapshots', { schema: { hide: true } }, async () => {
    throw unsupported('snapshots', 'snapshots are not supported yet');
  });
  app.get('/v1/snapshots', { schema: { hide: true } }, async () => ({
    items: [],
    pagination: { page: 1, pageSize: 20, totalItems: 0, totalPages: 0, hasNextPage: false },
  }));

  // The SDK reports create latency here; Sandlot has no telemetry to feed, so it just accepts.
  app.post('/v1/metrics/events', { schema: { hide: true } }, async (_req, reply) => reply.status(204).send());
}
