// execd's command routes (POST/DELETE /command, /command/status/{id}, /command/{id}/logs) as
// thin calls into Inside.commands; a run streams its events as SSE the way execd does.
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { ErrorResponseSchema } from '../../contract/schemas';
import { invalid } from '../../engine/errors';
import { pingEvent, type CommandEvent } from '../../inside/commandEvents';
import type { CommandSpec } from '../../inside/commands';
import type { Inside } from '../../inside/inside';
import { EXECD_ROUTE } from './prefix';
import { openSse, type SseStream } from './sse';

/** Nullable as well as optional: some SDKs send `null` for options they leave out. */
const Maybe = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

export const RunCommandBodySchema = Type.Object(
  {
    command: Type.String({ minLength: 1, description: 'Shell command, run with /bin/sh -c' }),
    cwd: Maybe(Type.String({ description: 'Working directory inside the sandbox (absolute)' })),
    background: Maybe(Type.Boolean()),
    timeout: Maybe(Type.Integer({ minimum: 0, description: 'Milliseconds before Sandlot kills the command; 0 or absent: no limit' })),
    uid: Maybe(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    gid: Maybe(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    envs: Maybe(Type.Record(Type.String(), Type.String())),
  },
  // Unknown fields are tolerated, as execd does (newer SDKs may send more).
  { additionalProperties: true },
);
type RunCommandBody = Static<typeof RunCommandBodySchema>;

const SandboxParams = Type.Object({ sandboxId: Type.String({ minLength: 1, maxLength: 128 }) });
const CommandParams = Type.Object({ sandboxId: Type.String({ minLength: 1, maxLength: 128 }), id: Type.String({ minLength: 1, maxLength: 128 }) });
const InterruptQuery = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const LogsQuery = Type.Object({ cursor: Type.Optional(Type.String()) });
const CommandStatusSchema = Type.Object({
  id: Type.String(),
  content: Type.String(),
  running: Type.Boolean(),
  exit_code: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Optional(Type.String()),
  started_at: Type.String({ format: 'date-time' }),
  finished_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 503: ErrorResponseSchema };
const TAIL_CURSOR_HEADER = 'EXECD-COMMANDS-TAIL-CURSOR';

function toSpec(b: RunCommandBody): CommandSpec {
  return {
    command: b.command,
    cwd: b.cwd ?? undefined,
    envs: b.envs ?? undefined,
    timeoutMs: b.timeout ?? undefined,
    uid: b.uid ?? undefined,
    gid: b.gid ?? undefined,
    background: b.background ?? false,
  };
}

function parseCursor(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(raw)) throw invalid('cursor', 'must be a line number from 0');
  return Number(raw);
}

export function execdCommandRoutes(app: FastifyInstance, inside: Inside): void {
  app.post<{ Params: Static<typeof SandboxParams>; Body: RunCommandBody }>(
    `${EXECD_ROUTE}/command`,
    {
      schema: {
        tags: ['execd'],
        summary: 'Run a shell command (SSE: init, stdout/stderr per line, execution_complete or error)',
        params: SandboxParams,
        body: RunCommandBodySchema,
        response: errors,
      },
    },
    async (req, reply) => {
      const sandboxId = req.params.sandboxId;
      // The stream opens with the first event, so a refusal before it is a plain JSON error.
      let sse: SseStream | null = null;
      const send = (e: CommandEvent) => {
        sse ??= openSse(reply, { heartbeat: pingEvent });
        sse.send(e);
      };
      const flow = {
        congested: () => sse?.congested ?? false,
        drained: () => sse?.drained() ?? Promise.resolve(),
      };
      const started = await inside.commands.start(sandboxId, toSpec(req.body), send, flow);
      const stream = sse as SseStream | null;
      if (!stream) return reply.status(500).send({ code: 'INTERNAL_ERROR', message: 'The command started without an init event' });
      // A client that stops listening to a foreground command wants it stopped.
      stream.onClientGone(() => void inside.commands.interrupt(sandboxId, started.id).catch(() => undefined));
      try {
        await started.done;
      } finally {
        stream.close();
      }
      return reply;
    },
  );

  app.delete<{ Params: Static<typeof SandboxParams>; Querystring: Static<typeof InterruptQuery> }>(
    `${EXECD_ROUTE}/command`,
    { schema: { tags: ['execd'], summary: 'Interrupt a command (TERM to its process tree, KILL after a grace)', params: SandboxParams, querystring: InterruptQuery, response: errors } },
    async (req, reply) => {
      await inside.commands.interrupt(req.params.sandboxId, req.query.id);
      return reply.status(200).send();
    },
  );

  app.get<{ Params: Static<typeof CommandParams> }>(
    `${EXECD_ROUTE}/command/status/:id`,
    { schema: { tags: ['execd'], summary: 'Status of a command', params: CommandParams, response: { 200: CommandStatusSchema, ...errors } } },
    async (req) => inside.commands.status(req.params.sandboxId, req.params.id),
  );

  app.get<{ Params: Static<typeof CommandParams>; Querystring: Static<typeof LogsQuery> }>(
    `${EXECD_ROUTE}/command/:id/logs`,
    { schema: { tags: ['execd'], summary: 'Output of a background command from a line cursor (plain text)', params: CommandParams, querystring: LogsQuery, response: errors } },
    async (req, reply) => {
      const slice = inside.commands.logs(req.params.sandboxId, req.params.id, parseCursor(req.query.cursor));
      return reply.header(TAIL_CURSOR_HEADER, String(slice.cursor)).type('text/plain; charset=utf-8').send(slice.text);
    },
  );
}
