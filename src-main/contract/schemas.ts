// The one schema source for the /v1 wire format (OpenSandbox Lifecycle API).
// These TypeBox values give the TypeScript types (Static<>), the request validation
// (Fastify's Ajv) and the served OpenAPI document. They import nothing from Node, so the
// renderer may import them too.
import Type, { type Static } from 'typebox';

const StringMap = (description: string) =>
  Type.Record(Type.String(), Type.String(), { description });

export const SandboxStateSchema = Type.Union(
  [
    Type.Literal('Pending'),
    Type.Literal('Running'),
    Type.Literal('Pausing'),
    Type.Literal('Paused'),
    Type.Literal('Resuming'),
    Type.Literal('Stopping'),
    Type.Literal('Terminated'),
    Type.Literal('Failed'),
  ],
  { description: 'High-level lifecycle state of the sandbox' },
);

export const SandboxStatusSchema = Type.Object({
  state: SandboxStateSchema,
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  lastTransitionAt: Type.Optional(Type.String({ format: 'date-time' })),
});

export const ImageSpecSchema = Type.Object(
  {
    uri: Type.String({ minLength: 1, maxLength: 512, description: 'Container image reference' }),
    auth: Type.Optional(
      Type.Object(
        {
          username: Type.Optional(Type.String({ maxLength: 1024 })),
          password: Type.Optional(Type.String({ maxLength: 8192 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ImageRefSchema = Type.Object({ uri: Type.String() });

export const PlatformSpecSchema = Type.Object(
  {
    os: Type.Union([Type.Literal('linux'), Type.Literal('windows')]),
    arch: Type.Union([Type.Literal('amd64'), Type.Literal('arm64')]),
  },
  { additionalProperties: false },
);

const DnsLabel = (maxLength: number) =>
  Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength });

export const VolumeSchema = Type.Object(
  {
    name: DnsLabel(63),
    host: Type.Optional(
      Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
    ),
    pvc: Type.Optional(
      Type.Object(
        {
          claimName: DnsLabel(253),
          createIfNotExists: Type.Optional(Type.Boolean()),
          deleteOnSandboxTermination: Type.Optional(Type.Boolean()),
          storageClass: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          storage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          accessModes: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
    // ossfs is part of the spec; its shape is accepted so the engine can answer
    // "not supported" by name instead of a schema error.
    ossfs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    mountPath: Type.String({ pattern: '^/', maxLength: 4096 }),
    readOnly: Type.Optional(Type.Boolean()),
    subPath: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false },
);

export const CreateSandboxRequestSchema = Type.Object(
  {
    image: Type.Optional(ImageSpecSchema),
    snapshotId: Type.Optional(Type.String()),
    platform: Type.Optional(PlatformSpecSchema),
    timeout: Type.Optional(Type.Union([Type.Integer({ minimum: 60 }), Type.Null()])),
    resourceLimits: Type.Optional(StringMap('Kubernetes-style limits: cpu, memory, gpu')),
    resourceRequests: Type.Optional(StringMap('Kubernetes-style requests: cpu, memory')),
    env: Type.Optional(StringMap('Environment variables for the entry process')),
    metadata: Type.Optional(StringMap('Key-value tags (Kubernetes label rules)')),
    entrypoint: Type.Optional(Type.Array(Type.String({ maxLength: 65536 }), { minItems: 1, maxItems: 4096 })),
    networkPolicy: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    credentialProxy: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    secureAccess: Type.Optional(Type.Boolean()),
    volumes: Type.Optional(Type.Array(VolumeSchema, { maxItems: 64 })),
    extensions: Type.Optional(StringMap('Provider-specific parameters')),
  },
  { additionalProperties: false },
);

const wireSandboxCore = {
  id: Type.String(),
  status: SandboxStatusSchema,
  metadata: StringMap('Tags'),
  platform: Type.Optional(PlatformSpecSchema),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  entrypoint: Type.Array(Type.String()),
};

export const CreateSandboxResponseSchema = Type.Object(wireSandboxCore);

export const SandboxSchema = Type.Object({ ...wireSandboxCore, image: ImageRefSchema });

export const PaginationSchema = Type.Object({
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  totalItems: Type.Integer({ minimum: 0 }),
  totalPages: Type.Integer({ minimum: 0 }),
  hasNextPage: Type.Boolean(),
});

export const ListSandboxesResponseSchema = Type.Object({
  items: Type.Array(SandboxSchema),
  pagination: PaginationSchema,
});

// Query values arrive as strings; they are checked by pattern here and parsed by the
// engine, so `pageSize=abc` and `pageSize=0` both get a 400 naming pageSize.
export const ListSandboxesQuerySchema = Type.Object({
  state: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 16 })])),
  metadata: Type.Optional(Type.String({ maxLength: 8192 })),
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
});

export const RenewRequestSchema = Type.Object(
  { expiresAt: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const RenewResponseSchema = Type.Object({ expiresAt: Type.String({ format: 'date-time' }) });

export const PatchMetadataRequestSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
  description: 'JSON Merge Patch (RFC 7396) of the metadata object',
});

export const EndpointSchema = Type.Object({
  endpoint: Type.String({ description: 'host:port[/path], without scheme' }),
  headers: Type.Optional(StringMap('Headers required by the endpoint')),
});

export const EndpointQuerySchema = Type.Object({
  use_server_proxy: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  expires: Type.Optional(Type.String({ maxLength: 20 })),
});

export const SandboxIdParamsSchema = Type.Object({ sandboxId: Type.String({ minLength: 1, maxLength: 128 }) });

export const EndpointParamsSchema = Type.Object({
  sandboxId: Type.String({ minLength: 1, maxLength: 128 }),
  port: Type.String({ pattern: '^[0-9]{1,5}$' }),
});

export const ErrorResponseSchema = Type.Object({
  code: Type.String({ minLength: 1 }),
  message: Type.String({ minLength: 1 }),
});

export type SandboxState = Static<typeof SandboxStateSchema>;
export type SandboxStatus = Static<typeof SandboxStatusSchema>;
export type PlatformSpec = Static<typeof PlatformSpecSchema>;
export type VolumeSpec = Static<typeof VolumeSchema>;
export type CreateSandboxRequest = Static<typeof CreateSandboxRequestSchema>;
export type CreateSandboxResponse = Static<typeof CreateSandboxResponseSchema>;
export type WireSandbox = Static<typeof SandboxSchema>;
export type Pagination = Static<typeof PaginationSchema>;
export type ListSandboxesResponse = Static<typeof ListSandboxesResponseSchema>;
export type ListSandboxesQuery = Static<typeof ListSandboxesQuerySchema>;
export type RenewRequest = Static<typeof RenewRequestSchema>;
export type RenewResponse = Static<typeof RenewResponseSchema>;
export type MetadataPatch = Static<typeof PatchMetadataRequestSchema>;
export type Endpoint = Static<typeof EndpointSchema>;
export type ErrorResponse = Static<typeof ErrorResponseSchema>;
