// Composition root: settings, store, Docker, engine and API, started together. Both the
// headless `serve` entry and the Electron main process start Sandlot through here.
import { mkdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApi, listenLoopback } from './api/server';
import { linkSandboxes, linkUrl } from './api/tickets';
import { WebSessions } from './api/webSessions';
import { BridgeDispatcher } from './bridge/dispatcher';
import { Contexts } from './contexts/contexts';
import { localBackend } from './contexts/localBackend';
import type { AppInfo } from './contract/bridge';
import { SandboxEngine } from './engine/engine';
import { Inside } from './inside/inside';
import { RemoteBackend } from './remote/remoteBackend';
import { DockerRuntime } from './runtime/docker';
import { findEndpoints } from './runtime/discovery/candidates';
import { EngineChooser } from './runtime/discovery/chooser';
import { resolveEndpoint } from './runtime/discovery/resolve';
import { nodeSystem, type DiscoverySystem } from './runtime/discovery/system';
import { removeDiscovery, writeDiscovery } from './store/discovery';
import { RecordStore } from './store/records';
import { openSettingsFile, SettingsStore, type KeyValueFile } from './store/settings';

export const VERSION = '0.1.0';
export const DEFAULT_PORT = 8080;
/** How often automatic mode looks again while no engine has answered (see EngineChooser.rediscover). */
const REDISCOVER_EVERY_MS = 3000;

export interface StartOptions {
  home: string;
  port?: number;
  /** When the port is taken, use a free one instead of failing. */
  portFallback?: boolean;
  /** electron-store in the desktop app; conf (same file) otherwise. */
  settingsFile?: KeyValueFile;
  /** The built renderer, served at / for browsers (headless); none in the desktop app. */
  uiRoot?: string | null;
  shell?: AppInfo['shell'];
  /** Where Docker discovery looks (env, home folder, platform); the real machine by default. */
  dockerDiscovery?: DiscoverySystem;
}

export interface RunningSandlot {
  engine: SandboxEngine;
  settings: SettingsStore;
  /** Every bridge channel; Electron's IPC calls it, the web bridge too. */
  dispatcher: BridgeDispatcher;
  /** What the UI and the tray manage: the local engine or a remote OpenSandbox server. */
  contexts: Contexts;
  api: FastifyInstance;
  /** A one-time link that signs a browser in to the web UI. */
  uiSignInUrl(): string;
  url: string;
  port: number;
  fellBack: boolean;
  home: string;
  close(): Promise<void>;
}

export async function startSandlot(opts: StartOptions): Promise<RunningSandlot> {
  await mkdir(opts.home, { recursive: true, mode: 0o700 });
  const settings = new SettingsStore(opts.settingsFile ?? openSettingsFile(opts.home));
  // The engine the user picked, else automatic (DOCKER_HOST, else the first that answers).
  const system = opts.dockerDiscovery ?? nodeSystem();
  const { endpoint } = await resolveEndpoint({ dockerHost: settings.dockerHost(), endpoints: findEndpoints(system), home: system.home, platform: system.platform });
  const runtime = new DockerRuntime(endpoint);
  const engine = new SandboxEngine({ runtime, store: new RecordStore(opts.home), settings: () => settings.get() });
  await engine.start();
  const inside = new Inside({ engine, runtime });
  const sessions = new WebSessions();
  let url = '';
  const proxyLink = (sandboxId: string, port: number) => `${url}/auth/link?token=${sessions.mint({ kind: 'proxy', sandboxId, port })}`;
  const contexts = new Contexts({ local: localBackend(engine, proxyLink), file: settings, remote: (server) => new RemoteBackend(server) });
  const engines = new EngineChooser({ system, settings, engine });
  const stopFollowing = engines.follow(REDISCOVER_EVERY_MS);
  const dispatcher = new BridgeDispatcher({
    engine,
    inside,
    settings,
    contexts,
    engines,
    info: () => ({ version: VERSION, apiUrl: url, dataFolder: opts.home, settingsFile: settings.path, shell: opts.shell ?? 'web' }),
    // Presigned one-time links for the UI's streams and transfers; 404 for an unknown sandbox.
    link: (req) => {
      for (const id of linkSandboxes(req)) engine.get(id);
      return linkUrl(url, req, sessions.tickets.mint(req));
    },
  });
  const api = await buildApi({ engine, inside, dispatcher, sessions, apiKey: () => settings.get().apiKey, version: VERSION, uiRoot: opts.uiRoot ?? null });
  let listening: { port: number; fellBack: boolean };
  try {
    listening = await listenLoopback(api, opts.port ?? DEFAULT_PORT, opts.portFallback ?? false);
  } catch (err) {
    stopFollowing();
    contexts.close();
    await inside.close();
    await engine.close();
    throw err;
  }
  engine.setApiAddress(`127.0.0.1:${listening.port}`);
  url = `http://127.0.0.1:${listening.port}`;
  await writeDiscovery(opts.home, { url, apiKey: settings.get().apiKey, pid: process.pid, startedAt: new Date().toISOString() });
  return {
    engine,
    settings,
    dispatcher,
    contexts,
    api,
    url,
    uiSignInUrl: () => `${url}/auth/ui?token=${sessions.mint({ kind: 'ui' })}`,
    home: opts.home,
    ...listening,
    async close() {
      stopFollowing();
      await api.close();
      contexts.close();
      await inside.close();
      await engine.close();
      await removeDiscovery(opts.home);
    },
  };
}
