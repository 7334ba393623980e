// One implementation of every bridge channel, over the engine and the settings. The Electron
// IPC handler and the web bridge both call handle(); neither re-implements a rule. Sandbox
// channels go to the current context (the local engine or a remote OpenSandbox server); the
// inside of a sandbox (links, files) is the local engine's only.
import { Compile } from 'typebox/compile';
import type { AppInfo, BridgeChannels, BridgeResult, Channel } from '../contract/bridge';
import { CHANNELS } from '../contract/bridge';
import type { LinkRequest } from '../contract/inside';
import { DEFAULT_SETTINGS, type EditableSettings } from '../contract/settings';
import type { SandboxEngine } from '../engine/engine';
import { LOCAL_CONTEXT_NAME, type BridgeEvent, type Contexts } from '../contexts/contexts';
import { EngineError } from '../engine/errors';
import type { Inside } from '../inside/inside';
import type { EngineChooser } from '../runtime/discovery/chooser';
import type { SettingsStore } from '../store/settings';
import { fieldName, validationMessage, type SchemaIssue } from '../api/validationMessage';
import { INPUT_SCHEMAS } from './inputSchemas';

export interface DispatcherDeps {
  engine: SandboxEngine;
  inside: Inside;
  settings: SettingsStore;
  info: () => AppInfo;
  /** Docker engines on this machine, and switching between them (runtime/discovery). */
  engines: EngineChooser;
  /** A one-time URL for a stream or a transfer (checks the sandbox exists first). */
  link: (req: LinkRequest) => string;
  /** The current context and the remote servers (contexts/contexts.ts). */
  contexts: Contexts;
}

type Handlers = { [C in Channel]: (input: BridgeChannels[C]['input']) => Promise<BridgeChannels[C]['output']> | BridgeChannels[C]['output'] };

/** The settings a renderer may see: every editable key (never the API key or instance id), copied. */
function editable(s: Readonly<EditableSettings>): EditableSettings {
  return Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, structuredClone(s[k as keyof EditableSettings])])) as unknown as EditableSettings;
}

export class BridgeDispatcher {
  private readonly checks = new Map(CHANNELS.map((c) => [c, Compile(INPUT_SCHEMAS[c])]));
  private readonly handlers: Handlers;

  constructor(private readonly deps: DispatcherDeps) {
    const { inside, settings, contexts } = deps;
    // Looked up per call: a switch takes effect for the very next call.
    const backend = () => contexts.current;
    const localOnly = (what: string): void => {
      if (!contexts.isRemote) return;
      throw new EngineError('conflict', `${what} is not available for a remote server ("${contexts.currentContext.name}"); switch to ${LOCAL_CONTEXT_NAME} to use it`);
    };
    this.handlers = {
      'app.info': () => deps.info(),
      'sandboxes.snapshot': async () => {
        const b = backend();
        await b.refresh();
        return { sandboxes: b.snapshot(), engine: b.status };
      },
      'sandboxes.create': (req) => backend().create(req),
      'sandboxes.delete': async ({ id }) => {
        await backend().delete(id);
        return null;
      },
      'sandboxes.pause': async ({ id }) => {
        await backend().pause(id);
        return null;
      },
      'sandboxes.resume': async ({ id }) => {
        await backend().resume(id);
        return null;
      },
      'sandboxes.renew': ({ id, expiresAt }) => backend().renew(id, expiresAt),
      'sandboxes.patchMetadata': ({ id, patch }) => backend().patchMetadata(id, patch),
      'sandboxes.endpoint': ({ id, port }) => backend().endpoint(id, port),
      'links.create': (req) => {
        localOnly('Logs, terminal, files and usage');
        return { url: deps.link(req) };
      },
      'files.list': ({ id, path }) => {
        localOnly('Browsing files');
        return inside.files.list(id, path);
      },
      'files.mkdir': async ({ id, path }) => {
        localOnly('Browsing files');
        await inside.files.mkdir(id, path);
        return null;
      },
      'files.remove': async ({ id, path }) => {
        localOnly('Browsing files');
        await inside.files.remove(id, path);
        return null;
      },
      'engines.discover': () => deps.engines.discover(),
      'engines.select': ({ host }) => deps.engines.select(host),
      'contexts.list': () => contexts.list(),
      'contexts.add': (input) => contexts.add(input),
      'contexts.remove': ({ id }) => contexts.remove(id),
      'contexts.select': ({ id }) => contexts.select(id),
      'settings.get': () => editable(settings.get()),
      'settings.update': (patch) => editable(settings.update(patch)),
      'settings.apiKey': () => ({ apiKey: settings.get().apiKey }),
      'settings.regenerateApiKey': () => ({ apiKey: settings.regenerateApiKey() }),
    };
  }

  /** The bridge's event stream: the current context's engine events, and context switches. */
  subscribe(listener: (e: BridgeEvent) => void): () => void {
    return this.deps.contexts.subscribe(listener);
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
