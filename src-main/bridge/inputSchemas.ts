// The input schema of every bridge channel: main validates whatever a renderer sends, whether
// it comes over IPC or over the web bridge, before the engine sees it.
import Type, { type TSchema } from 'typebox';
import type { Channel } from '../contract/bridge';
import { CreateSandboxRequestSchema, PatchMetadataRequestSchema } from '../contract/schemas';
import { SETTING_BOUNDS } from '../contract/settings';

const Id = Type.String({ minLength: 1, maxLength: 128 });
const ById = Type.Object({ id: Id }, { additionalProperties: false });
const Nothing = Type.Null();
const InPath = Type.String({ minLength: 1, maxLength: 4096 });
const ByPath = Type.Object({ id: Id, path: InPath }, { additionalProperties: false });
const Purpose = <P extends string>(p: P) => Type.Literal(p);

const LinkRequestSchema = Type.Union([
  Type.Object({ purpose: Purpose('terminal'), id: Id }, { additionalProperties: false }),
  Type.Object({ purpose: Purpose('logs'), id: Id }, { additionalProperties: false }),
  Type.Object({ purpose: Purpose('usage'), ids: Type.Array(Id, { maxItems: 500 }) }, { additionalProperties: false }),
  Type.Object({ purpose: Purpose('download'), id: Id, path: InPath }, { additionalProperties: false }),
  Type.Object({ purpose: Purpose('upload'), id: Id }, { additionalProperties: false }),
]);
const { timeoutSeconds: t, retentionSeconds: r, pidsLimit: p } = SETTING_BOUNDS;

export const SettingsPatchSchema = Type.Object(
  {
    defaultTimeoutSeconds: Type.Optional(Type.Integer({ minimum: t.min, maximum: t.max })),
    maxTimeoutSeconds: Type.Optional(Type.Integer({ minimum: t.min, maximum: t.max })),
    allowNoExpiry: Type.Optional(Type.Boolean()),
    terminatedRetentionSeconds: Type.Optional(Type.Integer({ minimum: r.min, maximum: r.max })),
    hostPathAllowlist: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { maxItems: 64 })),
    allowUnmanagedVolumes: Type.Optional(Type.Boolean()),
    defaultCpu: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    defaultMemory: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    pidsLimit: Type.Optional(Type.Integer({ minimum: p.min, maximum: p.max })),
    quitBehavior: Type.Optional(Type.Union([Type.Literal('keep'), Type.Literal('pause'), Type.Literal('delete')])),
    theme: Type.Optional(Type.Union([Type.Literal('system'), Type.Literal('light'), Type.Literal('dark')])),
  },
  { additionalProperties: false },
);

export const INPUT_SCHEMAS: Record<Channel, TSchema> = {
  'app.info': Nothing,
  'sandboxes.snapshot': Nothing,
  'sandboxes.create': CreateSandboxRequestSchema,
  'sandboxes.delete': ById,
  'sandboxes.pause': ById,
  'sandboxes.resume': ById,
  'sandboxes.renew': Type.Object({ id: Id, expiresAt: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  'sandboxes.patchMetadata': Type.Object({ id: Id, patch: PatchMetadataRequestSchema }, { additionalProperties: false }),
  'sandboxes.endpoint': Type.Object({ id: Id, port: Type.Integer({ minimum: 1, maximum: 65535 }) }, { additionalProperties: false }),
  'links.create': LinkRequestSchema,
  'files.list': ByPath,
  'files.mkdir': ByPath,
  'files.remove': ByPath,
  'engines.discover': Nothing,
  'engines.select': Type.Object({ host: Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()]) }, { additionalProperties: false }),
  'contexts.list': Nothing,
  'contexts.add': Type.Object(
    { name: Type.String({ minLength: 1, maxLength: 64 }), url: Type.String({ minLength: 1, maxLength: 2048 }), apiKey: Type.String({ minLength: 1, maxLength: 1024 }) },
    { additionalProperties: false },
  ),
  'contexts.remove': ById,
  'contexts.select': ById,
  'settings.get': Nothing,
  'settings.update': SettingsPatchSchema,
  'settings.apiKey': Nothing,
  'settings.regenerateApiKey': Nothing,
};
