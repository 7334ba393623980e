// The bridge contract between the renderer and the main process: one channel map shared by
// main (IPC handlers and the web bridge), the preload and the renderer. The renderer depends
// only on SandlotBridge; in Electron the preload provides it over IPC, in a browser an HTTP
// implementation does. Type-only except for the channel list.
import type { ContextList, NewRemoteContext, SandboxContext } from './contexts';
import type { EngineChoice } from './engines';
import type { FileEntry, LinkRequest } from './inside';
import type { EngineEvent, EngineStatus, SandboxRecord } from './sandbox';
import type { CreateSandboxRequest, MetadataPatch } from './schemas';
import type { EditableSettings } from './settings';

export interface AppInfo {
  version: string;
  /** Base URL of the /v1 API, e.g. http://127.0.0.1:8080 */
  apiUrl: string;
  /** Where settings and records live. */
  dataFolder: string;
  /** The settings file (config.json), for "where is my key". */
  settingsFile: string;
  shell: 'desktop' | 'web';
}

export interface Snapshot {
  sandboxes: SandboxRecord[];
  engine: EngineStatus;
}

export interface EndpointLink {
  /** As the API gives it: host:port[/path], no scheme. */
  endpoint: string;
  /** What a browser can open: a direct loopback URL, or a one-time sign-in link to the proxy. */
  url: string;
  /** True when the port is published on 127.0.0.1 (the URL works without Sandlot in between). */
  direct: boolean;
}

/** Every request channel: its input and its output. */
export interface BridgeChannels {
  'app.info': { input: null; output: AppInfo };
  'sandboxes.snapshot': { input: null; output: Snapshot };
  'sandboxes.create': { input: CreateSandboxRequest; output: SandboxRecord };
  'sandboxes.delete': { input: { id: string }; output: null };
  'sandboxes.pause': { input: { id: string }; output: null };
  'sandboxes.resume': { input: { id: string }; output: null };
  'sandboxes.renew': { input: { id: string; expiresAt: string }; output: SandboxRecord };
  'sandboxes.patchMetadata': { input: { id: string; patch: MetadataPatch }; output: SandboxRecord };
  'sandboxes.endpoint': { input: { id: string; port: number }; output: EndpointLink };
  /** A one-time URL for a stream or a transfer (terminal, logs, usage, download, upload). */
  'links.create': { input: LinkRequest; output: { url: string } };
  /** The entries of a folder inside a Running sandbox, folders first, then by name. */
  'files.list': { input: { id: string; path: string }; output: FileEntry[] };
  'files.mkdir': { input: { id: string; path: string }; output: null };
  /** Removes a file, or a folder with everything in it. */
  'files.remove': { input: { id: string; path: string }; output: null };
  /** Docker engines found on this machine (and added by hand), probed now, and the one in use. */
  'engines.discover': { input: null; output: EngineChoice };
  /** Uses this Docker host from now on and remembers it; null goes back to automatic. */
  'engines.select': { input: { host: string | null }; output: EngineChoice };
  'contexts.list': { input: null; output: ContextList };
  /** Checks the server answers with that key, then keeps it (the key stays in main). */
  'contexts.add': { input: NewRemoteContext; output: SandboxContext };
  'contexts.remove': { input: { id: string }; output: ContextList };
  /** Switches what the UI and the tray manage; the snapshot and events follow. */
  'contexts.select': { input: { id: string }; output: ContextList };
  'settings.get': { input: null; output: EditableSettings };
  'settings.update': { input: Partial<EditableSettings>; output: EditableSettings };
  /** The key is read on demand (to show or copy it), never pushed or cached by the renderer. */
  'settings.apiKey': { input: null; output: { apiKey: string } };
  'settings.regenerateApiKey': { input: null; output: { apiKey: string } };
}

export type Channel = keyof BridgeChannels;
export type ChannelInput<C extends Channel> = BridgeChannels[C]['input'];
export type ChannelOutput<C extends Channel> = BridgeChannels[C]['output'];

/** The runtime list of channels, kept in step with BridgeChannels by the type below. */
export const CHANNELS = [
  'app.info',
  'sandboxes.snapshot',
  'sandboxes.create',
  'sandboxes.delete',
  'sandboxes.pause',
  'sandboxes.resume',
  'sandboxes.renew',
  'sandboxes.patchMetadata',
  'sandboxes.endpoint',
  'links.create',
  'files.list',
  'files.mkdir',
  'files.remove',
  'engines.discover',
  'engines.select',
  'contexts.list',
  'contexts.add',
  'contexts.remove',
  'contexts.select',
  'settings.get',
  'settings.update',
  'settings.apiKey',
  'settings.regenerateApiKey',
] as const satisfies readonly Channel[];

// Fails to compile if a channel is in the map but not in the list.
type Missing = Exclude<Channel, (typeof CHANNELS)[number]>;
const allListed: Missing extends never ? true : never = true;
void allListed;

/** What crosses the wire for an error: the same {code, message} as the HTTP API, plus the field. */
export interface BridgeErrorBody {
  code: string;
  message: string;
  field?: string;
}

/** Every call answers with this envelope, so errors keep their code and field over IPC too. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorBody };

/** The one object the renderer talks to. */
export interface SandlotBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /**
   * Engine events as they happen; returns the unsubscribe function. `onResync` runs when the
   * stream had to reconnect and events may have been missed: reload the snapshot then.
   */
  subscribe(listener: (e: EngineEvent) => void, onResync?: () => void): () => void;
}

/** IPC channel names (Electron): requests, pushed engine events, and UI commands from the tray. */
export const IPC_INVOKE = 'sandlot:invoke';
export const IPC_EVENT = 'sandlot:event';
export const IPC_COMMAND = 'sandlot:command';

/** What the tray (or a menu) asks the window to do. */
export type UiCommand = { type: 'new-sandbox' } | { type: 'show-sandbox'; id: string } | { type: 'open-settings' };

/** The web bridge's HTTP paths (headless browser UI). */
export const WEB_BRIDGE_PREFIX = '/bridge';
export const WEB_BRIDGE_HEADER = 'x-sandlot-bridge';
export const WEB_SESSION_COOKIE = 'sandlot_session';
