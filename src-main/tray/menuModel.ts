// The tray menu as plain data, built from what the engine knows right now. Electron-free: the
// Electron side only turns this tree into a Menu and runs the items' actions, so everything a
// user sees in the tray is decided (and tested) here.
import type { ContextList, SandboxContext } from '../contract/contexts';
import { productVersion } from '../contract/engines';
import type { EngineStatus, SandboxRecord } from '../contract/sandbox';
import { isLive } from '../engine/states';
import { RENEW_SECONDS, type TrayAction } from './actions';
import { isExpiringSoon, minutesLeftText, msUntilExpiry } from './expiring';
import { sandboxName } from './names';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  /** One of a group of choices (the contexts); Electron shows the checked one with a mark. */
  | { type: 'radio'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; enabled: boolean; submenu: TrayItem[] };

export interface TrayMenuInput {
  /** Every record the engine has (any state, any order). */
  sandboxes: readonly SandboxRecord[];
  /** Docker's state, or the remote server's reachability when the context is remote. */
  engine: EngineStatus;
  now: number;
  /** Where the sandboxes above live; the switcher shows once there is more than Local. */
  contexts?: ContextList;
}

/** A tray menu is for quick actions; the window lists everything. */
export const MAX_RECENT = 10;

export interface TrayCounts {
  running: number;
  paused: number;
  expiringSoon: number;
}

const SEPARATOR: TrayItem = { type: 'separator' };

export function countSandboxes(sandboxes: readonly SandboxRecord[], now: number): TrayCounts {
  let running = 0;
  let paused = 0;
  let expiringSoon = 0;
  for (const r of sandboxes) {
    if (r.status.state === 'Running') running++;
    if (r.status.state === 'Paused') paused++;
    if (isExpiringSoon(r, now)) expiringSoon++;
  }
  return { running, paused, expiringSoon };
}

/** "2 running · 1 paused · 1 expiring soon"; also the tray icon's tooltip. */
export function statusLine(counts: TrayCounts): string {
  if (counts.running === 0 && counts.paused === 0 && counts.expiringSoon === 0) return 'No sandboxes running';
  const parts = [`${counts.running} running`, `${counts.paused} paused`];
  if (counts.expiringSoon > 0) parts.push(`${counts.expiringSoon} expiring soon`);
  return parts.join(' · ');
}

function currentOf(list: ContextList | undefined): SandboxContext | undefined {
  return list?.contexts.find((c) => c.id === list.current);
}

function dockerLine(status: EngineStatus, context: SandboxContext | undefined): string | null {
  const remote = context?.kind === 'opensandbox';
  // The local engine is named when known: "Docker (Colima) is not reachable".
  const what = remote ? `"${context.name}"` : status.name ? `Docker (${status.name})` : 'Docker';
  if (status.docker === 'unreachable') return `${what} is not reachable`;
  if (status.docker === 'connecting') return `Connecting to ${what}…`;
  // Connected: which engine, so a user with several knows where new sandboxes go.
  if (remote || !status.name) return null;
  const version = productVersion(status.detail);
  return `Docker engine: ${status.name}${version ? ` (${version})` : ''}`;
}

/** "Context: staging" with one radio item per context; nothing while Local is the only one. */
export function contextItems(list: ContextList | undefined): TrayItem[] {
  if (!list || list.contexts.length < 2) return [];
  const current = currentOf(list);
  const choices = list.contexts.map(
    (c): TrayItem => ({ type: 'radio', label: c.kind === 'local' ? `${c.name} (this computer)` : c.name, checked: c.id === list.current, action: { type: 'select-context', id: c.id } }),
  );
  return [SEPARATOR, { type: 'submenu', label: `Context: ${current?.name ?? list.current}`, enabled: true, submenu: choices }];
}

/** Live sandboxes, newest first. */
export function recentLive(sandboxes: readonly SandboxRecord[]): SandboxRecord[] {
  return sandboxes.filter((r) => isLive(r.status.state)).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function sandboxLabel(r: SandboxRecord, now: number): string {
  const label = `${sandboxName(r)} — ${r.status.state}`;
  const left = msUntilExpiry(r, now);
  return isExpiringSoon(r, now) && left !== null ? `${label}, expires in ${minutesLeftText(left)}` : label;
}

function sandboxSubmenu(r: SandboxRecord, connected: boolean): TrayItem[] {
  const state = r.status.state;
  const id = r.id;
  // Numeric order, so 80 comes before 8080 whatever order Docker listed them in.
  const ports = Object.entries(r.ports).sort(([a], [b]) => Number(a) - Number(b));
  const items: TrayItem[] = [{ type: 'normal', label: 'Show in Sandlot', enabled: true, action: { type: 'show-sandbox', id } }];
  if (ports.length === 0) items.push({ type: 'normal', label: 'No published ports', enabled: false });
  for (const [port, hostPort] of ports) {
    items.push({
      type: 'normal',
      label: `Open port ${port} (127.0.0.1:${hostPort})`,
      // A paused or starting container would not answer; the browser would only show an error.
      enabled: connected && state === 'Running',
      action: { type: 'open-endpoint', id, port: Number(port) },
    });
  }
  items.push(SEPARATOR, { type: 'normal', label: 'Copy ID', enabled: true, action: { type: 'copy-id', id } });
  if (state === 'Paused' || state === 'Pausing') {
    items.push({ type: 'normal', label: 'Resume', enabled: connected && state === 'Paused', action: { type: 'resume', id } });
  } else {
    items.push({ type: 'normal', label: 'Pause', enabled: connected && state === 'Running', action: { type: 'pause', id } });
  }
  if (r.expiresAt === null) {
    items.push({ type: 'normal', label: 'Never expires', enabled: false });
  } else {
    items.push({ type: 'normal', label: 'Renew +1 h', enabled: connected, action: { type: 'renew', id, seconds: RENEW_SECONDS } });
  }
  items.push(SEPARATOR, { type: 'normal', label: 'Delete…', enabled: connected, action: { type: 'delete', id } });
  return items;
}

export function buildTrayMenu(input: TrayMenuInput): TrayItem[] {
  const { sandboxes, engine, now } = input;
  // Engine calls refuse while Docker is away; greyed items say so better than an error would.
  const connected = engine.docker === 'connected';
  const counts = countSandboxes(sandboxes, now);
  const context = currentOf(input.contexts);
  // On a remote server the first line says which one, so counts are never taken for local ones.
  const prefix = context?.kind === 'opensandbox' ? `${context.name}: ` : '';
  const items: TrayItem[] = [{ type: 'normal', label: `${prefix}${statusLine(counts)}`, enabled: false }];
  const docker = dockerLine(engine, context);
  if (docker) items.push({ type: 'normal', label: docker, enabled: false });
  items.push(...contextItems(input.contexts));

  const live = recentLive(sandboxes);
  if (live.length > 0) items.push(SEPARATOR);
  for (const r of live.slice(0, MAX_RECENT)) {
    items.push({ type: 'submenu', label: sandboxLabel(r, now), enabled: true, submenu: sandboxSubmenu(r, connected) });
  }
  if (live.length > MAX_RECENT) {
    items.push({ type: 'normal', label: `${live.length - MAX_RECENT} more in Sandlot…`, enabled: true, action: { type: 'open-window' } });
  }

  items.push(
    SEPARATOR,
    { type: 'normal', label: 'New sandbox…', enabled: connected, action: { type: 'new-sandbox' } },
    { type: 'normal', label: 'Pause all', enabled: connected && counts.running > 0, action: { type: 'pause-all' } },
    { type: 'normal', label: 'Resume all', enabled: connected && counts.paused > 0, action: { type: 'resume-all' } },
    SEPARATOR,
    { type: 'normal', label: 'Copy API env', enabled: true, action: { type: 'copy-api-env' } },
    { type: 'normal', label: 'Open Sandlot', enabled: true, action: { type: 'open-window' } },
    SEPARATOR,
    { type: 'normal', label: 'Quit Sandlot', enabled: true, action: { type: 'quit' } },
  );
  return items;
}
