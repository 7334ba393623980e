// What a tray item does, as data, and the one function that does it. Electron-free: the
// Electron side hands in the few things only it can do (clipboard, browser, dialogs, window),
// so every action is testable in plain Node. Sandbox operations go through the bridge
// dispatcher, like the window's, so they get the same validation and error messages.
import type { BridgeResult, Channel, ChannelInput, ChannelOutput, UiCommand } from '../contract/bridge';
import type { SandboxRecord } from '../contract/sandbox';
import { sandboxName } from './names';

export type TrayAction =
  | { type: 'show-sandbox'; id: string }
  | { type: 'open-endpoint'; id: string; port: number }
  | { type: 'copy-id'; id: string }
  | { type: 'pause'; id: string }
  | { type: 'resume'; id: string }
  | { type: 'renew'; id: string; seconds: number }
  | { type: 'delete'; id: string }
  | { type: 'new-sandbox' }
  | { type: 'pause-all' }
  | { type: 'resume-all' }
  | { type: 'copy-api-env' }
  | { type: 'select-context'; id: string }
  | { type: 'open-window' }
  | { type: 'quit' };

/** How much "Renew +1 h" adds. */
export const RENEW_SECONDS = 3600;

export interface TrayActionDeps {
  dispatcher: { handle(channel: unknown, input: unknown): Promise<BridgeResult<unknown>> };
  /** The current context's sandboxes (contexts/contexts.ts): the local engine or a remote server. */
  engine: { snapshot(): SandboxRecord[]; pauseAll(): Promise<number>; resumeAll(): Promise<number> };
  /** The API's loopback port (for OPEN_SANDBOX_DOMAIN). */
  apiPort: number;
  /** Read when copying, never cached: the key can be regenerated while the app runs. */
  apiKey(): string;
  maxTimeoutSeconds(): number;
  now(): number;
  copy(text: string): void;
  openExternal(url: string): Promise<void>;
  /** Brings the window up, then hands it the command (if any). */
  showWindow(command?: UiCommand): void;
  /** Asks before something that cannot be undone; resolves true to go ahead. */
  confirm(question: { message: string; detail: string; action: string }): Promise<boolean>;
  quit(): void;
  /** Tells the user an action failed (the tray has no place to show errors itself). */
  report(message: string): void;
}

/** The two lines the OpenSandbox SDKs and the osb CLI read, ready to paste in a shell. */
export function apiEnvText(port: number, apiKey: string): string {
  return `export OPEN_SANDBOX_DOMAIN=127.0.0.1:${port}\nexport OPEN_SANDBOX_API_KEY=${apiKey}\n`;
}

/**
 * The new expiry for "+N seconds": counted from the current expiry (renewing twice adds two
 * hours), capped at the longest renewal the settings allow, so a renew near the cap still gains
 * what it can instead of being refused outright.
 */
export function renewedExpiry(expiresAt: string, seconds: number, now: number, maxTimeoutSeconds: number): string {
  const base = Math.max(Date.parse(expiresAt), now);
  return new Date(Math.min(base + seconds * 1000, now + maxTimeoutSeconds * 1000)).toISOString();
}

class ActionFailed extends Error {}

async function call<C extends Channel>(deps: TrayActionDeps, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await deps.dispatcher.handle(channel, input)) as BridgeResult<ChannelOutput<C>>;
  if (!result.ok) throw new ActionFailed(result.error.message);
  return result.value;
}

function nameOf(deps: TrayActionDeps, id: string): string {
  const r = deps.engine.snapshot().find((s) => s.id === id);
  return r ? sandboxName(r) : id.slice(0, 8);
}

/** Runs one action; never throws: failures are reported to the user. */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  try {
    await perform(action, deps);
  } catch (err) {
    const what = describe(action, deps);
    const why = err instanceof Error ? err.message : String(err);
    if (!(err instanceof ActionFailed)) console.error(`sandlot: tray action ${action.type} failed:`, err);
    deps.report(`Could not ${what}: ${why}`);
  }
}

function describe(action: TrayAction, deps: TrayActionDeps): string {
  switch (action.type) {
    case 'open-endpoint':
      return `open port ${action.port} of ${nameOf(deps, action.id)}`;
    case 'pause':
    case 'resume':
    case 'renew':
    case 'delete':
    case 'copy-id':
    case 'show-sandbox':
      return `${action.type.replace('-', ' ')} ${nameOf(deps, action.id)}`;
    case 'select-context':
      return 'switch context';
    default:
      return action.type.replace(/-/g, ' ');
  }
}

async function perform(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  switch (action.type) {
    case 'show-sandbox':
      deps.showWindow({ type: 'show-sandbox', id: action.id });
      return;
    case 'open-endpoint': {
      const link = await call(deps, 'sandboxes.endpoint', { id: action.id, port: action.port });
      await deps.openExternal(link.url);
      return;
    }
    case 'copy-id':
      deps.copy(action.id);
      return;
    case 'pause':
      await call(deps, 'sandboxes.pause', { id: action.id });
      return;
    case 'resume':
      await call(deps, 'sandboxes.resume', { id: action.id });
      return;
    case 'renew': {
      const r = deps.engine.snapshot().find((s) => s.id === action.id);
      if (!r) throw new ActionFailed('it no longer exists');
      if (r.expiresAt === null) throw new ActionFailed('it never expires');
      const expiresAt = renewedExpiry(r.expiresAt, action.seconds, deps.now(), deps.maxTimeoutSeconds());
      await call(deps, 'sandboxes.renew', { id: action.id, expiresAt });
      return;
    }
    case 'delete': {
      const name = nameOf(deps, action.id);
      const ok = await deps.confirm({
        message: `Delete ${name}?`,
        detail: 'Its container is removed; this cannot be undone.',
        action: 'Delete',
      });
      if (ok) await call(deps, 'sandboxes.delete', { id: action.id });
      return;
    }
    case 'new-sandbox':
      deps.showWindow({ type: 'new-sandbox' });
      return;
    case 'pause-all':
      await deps.engine.pauseAll();
      return;
    case 'resume-all':
      await deps.engine.resumeAll();
      return;
    case 'copy-api-env':
      deps.copy(apiEnvText(deps.apiPort, deps.apiKey()));
      return;
    case 'open-window':
      deps.showWindow();
      return;
    case 'select-context':
      // Through the dispatcher, so every window hears of the switch and reloads.
      await call(deps, 'contexts.select', { id: action.id });
      return;
    case 'quit':
      deps.quit();
      return;
  }
}
