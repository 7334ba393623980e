// One implementation of every bridge channel, over the engine and the settings. The Electron
// IPC handler and the web bridge both call handle(); neither re-implements a rule.
import { Compile } from 'typebox/compile';
import type { AppInfo, BridgeChannels, BridgeResult, Channel, EndpointLink } from '../contract/bridge';
import { CHANNELS } from '../contract/bridge';
import type { LinkRequest } from '../contract/inside';
import type { EditableSettings } from '../contract/settings';
import type { SandboxEngine } from '../engine/engine';
import { EngineError, unsupported } from '../engine/errors';
import type { Inside } from '../inside/inside';
import type { SettingsStore } from '../store/settings';
import { fieldName, validationMessage, type SchemaIssue } from '../api/validationMessage';
import { INPUT_SCHEMAS } from './inputSchemas';

export interface DispatcherDeps {
  engine: SandboxEngine;
  inside: Inside;
  settings: SettingsStore;
  info: () => AppInfo;
  /** A one-time browser link that signs in to the proxy route of one sandbox port. */
  proxyLink: (sandboxId: string, port: number) => string;
  /** A one-time URL for a stream or a transfer (checks the sandbox exists first). */
  link: (req: LinkRequest) => string;
}

type Handlers = { [C in Channel]: (input: BridgeChannels[C]['input']) => Promise<BridgeChannels[C]['output']> | BridgeChannels[C]['output'] };

function editable(s: Readonly<EditableSettings>): EditableSettings {
  const { defaultTimeoutSeconds, maxTimeoutSeconds, allowNoExpiry, terminatedRetentionSeconds, hostPathAllowlist, quitBehavior, theme } = s;
  return { defaultTimeoutSeconds, maxTimeoutSeconds, allowNoExpiry, terminatedRetentionSeconds, hostPathAllowlist: [...hostPathAllowlist], quitBehavior, theme };
}

export class BridgeDispatcher {
  private readonly checks = new Map(CHANNELS.map((c) => [c, Compile(INPUT_SCHEMAS[c])]));
  private readonly handlers: Handlers;

  constructor(private readonly deps: DispatcherDeps) {
    const { engine, inside, settings } = deps;
    this.handlers = {
      'app.info': () => deps.info(),
      'sandboxes.snapshot': () => ({ sandboxes: engine.snapshot(), engine: engine.status }),
      'sandboxes.create': (req) => engine.create(req),
      'sandboxes.delete': async ({ id }) => {
        await engine.delete(id);
        return null;
      },
      'sandboxes.pause': async ({ id }) => {
        await engine.pause(id);
        return null;
      },
      'sandboxes.resume': async ({ id }) => {
        await engine.resume(id);
        return null;
      },
      'sandboxes.renew': ({ id, expiresAt }) => engine.renew(id, expiresAt),
      'sandboxes.patchMetadata': ({ id, patch }) => engine.patchMetadata(id, patch),
      'sandboxes.endpoint': ({ id, port }) => this.endpointLink(id, port),
      'links.create': (req) => ({ url: deps.link(req) }),
      'files.list': ({ id, path }) => inside.files.list(id, path),
      'files.mkdir': async ({ id, path }) => {
        await inside.files.mkdir(id, path);
        return null;
      },
      'files.remove': async ({ id, path }) => {
        await inside.files.remove(id, path);
        return null;
      },
      'engines.discover': () => {
        throw unsupported('engines', 'not built yet');
      },
      'engines.select': () => {
        throw unsupported('engines', 'not built yet');
      },
      'contexts.list': () => {
        throw unsupported('contexts', 'not built yet');
      },
      'contexts.add': () => {
        throw unsupported('contexts', 'not built yet');
      },
      'contexts.remove': () => {
        throw unsupported('contexts', 'not built yet');
      },
      'contexts.select': () => {
        throw unsupported('contexts', 'not built yet');
      },
      'settings.get': () => editable(settings.get()),
      'settings.update': (patch) => editable(settings.update(patch)),
      'settings.apiKey': () => ({ apiKey: settings.get().apiKey }),
      'settings.regenerateApiKey': () => ({ apiKey: settings.regenerateApiKey() }),
    };
  }

  private endpointLink(id: string, port: number): EndpointLink {
    const endpoint = this.deps.engine.endpoint(id, port, false);
    const direct = !endpoint.includes('/');
    return { endpoint, direct, url: direct ? `http://${endpoint}/` : this.deps.proxyLink(id, port) };
  }

  /** Validates and runs one call; never throws: errors come back in the envelope. */
  async handle(channel: unknown, input: unknown): Promise<BridgeResult<unknown>> {
    if (typeof channel !== 'string' || !this.checks.has(channel as Channel)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `There is no bridge channel "${String(channel)}"` } };
    }
    const c = channel as Channel;
    const check = this.checks.get(c)!;
    const value = input === undefined ? null : input;
    if (!check.Check(value)) {
      const issue = [...check.Errors(value)][0] as SchemaIssue | undefined;
      const issues = issue ? [issue] : [];
      return { ok: false, error: { code: 'INVALID_REQUEST', message: validationMessage('input', issues), field: issue ? fieldName('input', issue) : undefined } };
    }
    try {
      const handler = this.handlers[c] as (i: unknown) => unknown;
      return { ok: true, value: (await handler(value)) ?? null };
    } catch (err) {
      if (err instanceof EngineError) {
        return { ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
      }
      console.error(`sandlot: bridge ${c} failed:`, err);
      return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'Sandlot hit an internal error; see its log' } };
    }
  }
}
