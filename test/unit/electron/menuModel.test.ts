import { describe, expect, it } from 'vitest';
import type { EngineStatus, SandboxRecord, SandboxState } from '../../../src-main/contract/sandbox';
import type { TrayAction } from '../../../src-main/tray/actions';
import { buildTrayMenu, MAX_RECENT, type TrayItem } from '../../../src-main/tray/menuModel';
import { record } from '../support';
import { CONNECTED } from './fakeEngine';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const UNREACHABLE: EngineStatus = { ...CONNECTED, docker: 'unreachable', detail: 'connect ENOENT' };

function sandbox(id: string, state: SandboxState, opts: { minutesLeft?: number | null; name?: string; ports?: Record<string, number>; ageMin?: number } = {}): SandboxRecord {
  const minutesLeft = opts.minutesLeft === undefined ? 60 : opts.minutesLeft;
  return {
    ...record({
      id,
      state,
      createdAt: new Date(NOW - (opts.ageMin ?? 30) * 60_000).toISOString(),
      expiresAt: minutesLeft === null ? null : new Date(NOW + minutesLeft * 60_000).toISOString(),
      metadata: opts.name ? { name: opts.name } : {},
    }),
    ports: opts.ports ?? {},
  };
}

type Normal = Extract<TrayItem, { type: 'normal' }>;
type Sub = Extract<TrayItem, { type: 'submenu' }>;
const normals = (items: TrayItem[]): Normal[] => items.filter((i): i is Normal => i.type === 'normal');
const submenus = (items: TrayItem[]): Sub[] => items.filter((i): i is Sub => i.type === 'submenu');
const item = (items: TrayItem[], label: string): Normal => {
  const found = normals(items).find((i) => i.label === label);
  if (!found) throw new Error(`no item "${label}" in ${normals(items).map((i) => i.label).join(', ')}`);
  return found;
};
const actionOf = (items: TrayItem[], label: string): TrayAction | undefined => item(items, label).action;

describe('tray menu model', () => {
  it('starts with a status line counting running, paused and expiring-soon sandboxes', () => {
    const menu = buildTrayMenu({
      sandboxes: [
        sandbox('a', 'Running'),
        sandbox('b', 'Running', { minutesLeft: 3 }),
        sandbox('c', 'Paused', { minutesLeft: 4.5 }),
        sandbox('d', 'Pending'),
        sandbox('e', 'Terminated', { minutesLeft: 1 }), // not live: not expiring
        sandbox('f', 'Running', { minutesLeft: 6 }), // outside the five minutes
      ],
      engine: CONNECTED,
      now: NOW,
    });
    expect(menu[0]).toEqual({ type: 'normal', label: '3 running · 1 paused · 2 expiring soon', enabled: false });
  });

  it('says so when nothing runs, and leaves out a zero expiring count', () => {
    expect(buildTrayMenu({ sandboxes: [], engine: CONNECTED, now: NOW })[0]).toMatchObject({ label: 'No sandboxes running' });
    const one = buildTrayMenu({ sandboxes: [sandbox('a', 'Running')], engine: CONNECTED, now: NOW });
    expect(one[0]).toMatchObject({ label: '1 running · 0 paused' });
  });

  it('adds a "Docker is not reachable" line and greys out engine actions while Docker is away', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('a', 'Running', { ports: { '80': 40000 } })], engine: UNREACHABLE, now: NOW });
    expect(menu[1]).toEqual({ type: 'normal', label: 'Docker is not reachable', enabled: false });
    for (const label of ['New sandbox…', 'Pause all', 'Resume all']) expect(item(menu, label).enabled).toBe(false);
    // What needs no Docker still works.
    for (const label of ['Copy API env', 'Open Sandlot', 'Quit Sandlot']) expect(item(menu, label).enabled).toBe(true);
    const sub = submenus(menu)[0]!.submenu;
    expect(item(sub, 'Pause').enabled).toBe(false);
    expect(item(sub, 'Open port 80 (127.0.0.1:40000)').enabled).toBe(false);
    expect(item(sub, 'Copy ID').enabled).toBe(true);
  });

  it('has no Docker line when connected', () => {
    const menu = buildTrayMenu({ sandboxes: [], engine: CONNECTED, now: NOW });
    expect(normals(menu).map((i) => i.label)).not.toContain('Docker is not reachable');
  });

  it('lists at most 10 live sandboxes, newest first, and points to the window for the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => sandbox(`id-${String(i).padStart(2, '0')}-xxxxxxxx`, 'Running', { ageMin: 100 - i, name: `box${i}` }));
    const menu = buildTrayMenu({ sandboxes: [...many, sandbox('gone', 'Terminated', { ageMin: 1 }), sandbox('bad', 'Failed', { ageMin: 1 })], engine: CONNECTED, now: NOW });
    const subs = submenus(menu);
    expect(subs).toHaveLength(MAX_RECENT);
    expect(subs.map((s) => s.label.split(' — ')[0])).toEqual(['box12', 'box11', 'box10', 'box9', 'box8', 'box7', 'box6', 'box5', 'box4', 'box3']);
    expect(item(menu, '3 more in Sandlot…').action).toEqual({ type: 'open-window' });
  });

  it('labels a sandbox with its name or short id, its state, and an imminent expiry', () => {
    const menu = buildTrayMenu({
      sandboxes: [
        sandbox('0123456789abcdef', 'Paused', { ageMin: 3 }),
        sandbox('fedcba9876543210', 'Running', { name: 'web-dev', ageMin: 2, minutesLeft: 2.5 }),
        sandbox('aaaaaaaabbbbbbbb', 'Pending', { name: '  ', ageMin: 1 }),
      ],
      engine: CONNECTED,
      now: NOW,
    });
    expect(submenus(menu).map((s) => s.label)).toEqual(['aaaaaaaa — Pending', 'web-dev — Running, expires in 3 minutes', '01234567 — Paused']);
  });

  it('gives a running sandbox open-endpoint per published port, copy id, pause, renew +1 h and delete', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('s1', 'Running', { ports: { '8080': 40001, '80': 40000 } })], engine: CONNECTED, now: NOW });
    const sub = submenus(menu)[0]!.submenu;
    expect(normals(sub).map((i) => i.label)).toEqual([
      'Show in Sandlot',
      'Open port 80 (127.0.0.1:40000)',
      'Open port 8080 (127.0.0.1:40001)',
      'Copy ID',
      'Pause',
      'Renew +1 h',
      'Delete…',
    ]);
    expect(actionOf(sub, 'Show in Sandlot')).toEqual({ type: 'show-sandbox', id: 's1' });
    expect(actionOf(sub, 'Open port 80 (127.0.0.1:40000)')).toEqual({ type: 'open-endpoint', id: 's1', port: 80 });
    expect(actionOf(sub, 'Open port 8080 (127.0.0.1:40001)')).toEqual({ type: 'open-endpoint', id: 's1', port: 8080 });
    expect(actionOf(sub, 'Copy ID')).toEqual({ type: 'copy-id', id: 's1' });
    expect(actionOf(sub, 'Pause')).toEqual({ type: 'pause', id: 's1' });
    expect(actionOf(sub, 'Renew +1 h')).toEqual({ type: 'renew', id: 's1', seconds: 3600 });
    expect(actionOf(sub, 'Delete…')).toEqual({ type: 'delete', id: 's1' });
    expect(normals(sub).every((i) => i.enabled)).toBe(true);
  });

  it('offers resume for a paused sandbox, and no open while it cannot answer', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('p1', 'Paused', { ports: { '80': 40000 } })], engine: CONNECTED, now: NOW });
    const sub = submenus(menu)[0]!.submenu;
    expect(normals(sub).map((i) => i.label)).not.toContain('Pause');
    expect(item(sub, 'Resume')).toMatchObject({ enabled: true, action: { type: 'resume', id: 'p1' } });
    expect(item(sub, 'Open port 80 (127.0.0.1:40000)').enabled).toBe(false);
  });

  it('greys out pause and resume in the in-between states', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('a', 'Pausing', { ageMin: 2 }), sandbox('b', 'Pending', { ageMin: 1 })], engine: CONNECTED, now: NOW });
    const [pending, pausing] = submenus(menu).map((s) => s.submenu);
    expect(item(pending!, 'Pause').enabled).toBe(false);
    expect(item(pausing!, 'Resume').enabled).toBe(false);
  });

  it('says "No published ports" and "Never expires" where they apply', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('n', 'Running', { minutesLeft: null })], engine: CONNECTED, now: NOW });
    const sub = submenus(menu)[0]!.submenu;
    expect(item(sub, 'No published ports')).toEqual({ type: 'normal', label: 'No published ports', enabled: false });
    expect(item(sub, 'Never expires')).toEqual({ type: 'normal', label: 'Never expires', enabled: false });
    expect(normals(sub).map((i) => i.label)).not.toContain('Renew +1 h');
  });

  it('ends with New sandbox…, Pause all, Resume all, Copy API env, Open Sandlot and Quit', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('a', 'Running')], engine: CONNECTED, now: NOW });
    const tail = normals(menu).slice(-6);
    expect(tail.map((i) => [i.label, i.action?.type])).toEqual([
      ['New sandbox…', 'new-sandbox'],
      ['Pause all', 'pause-all'],
      ['Resume all', 'resume-all'],
      ['Copy API env', 'copy-api-env'],
      ['Open Sandlot', 'open-window'],
      ['Quit Sandlot', 'quit'],
    ]);
    // Pause all only when something runs; resume all only when something is paused.
    expect(item(menu, 'Pause all').enabled).toBe(true);
    expect(item(menu, 'Resume all').enabled).toBe(false);
  });
});

describe('tray menu contexts', () => {
  const LOCAL = { id: 'local', kind: 'local', name: 'Local' } as const;
  const STAGING = { id: 'remote-1', kind: 'opensandbox', name: 'staging', url: 'https://sbx.example.com' } as const;

  it('has no switcher while Local is the only context', () => {
    const menu = buildTrayMenu({ sandboxes: [], engine: CONNECTED, now: NOW, contexts: { contexts: [LOCAL], current: 'local' } });
    expect(submenus(menu).map((s) => s.label)).toEqual([]);
    expect(menu[0]).toMatchObject({ label: 'No sandboxes running' });
  });

  it('shows the current context and a radio item per context that switches to it', () => {
    const menu = buildTrayMenu({ sandboxes: [sandbox('a', 'Running')], engine: CONNECTED, now: NOW, contexts: { contexts: [LOCAL, STAGING], current: 'remote-1' } });
    // The counts say whose sandboxes they are.
    expect(menu[0]).toMatchObject({ label: 'staging: 1 running · 0 paused' });
    const switcher = submenus(menu).find((s) => s.label === 'Context: staging');
    expect(switcher?.submenu).toEqual([
      { type: 'radio', label: 'Local (this computer)', checked: false, action: { type: 'select-context', id: 'local' } },
      { type: 'radio', label: 'staging', checked: true, action: { type: 'select-context', id: 'remote-1' } },
    ]);
  });

  it('names the remote server, not Docker, when it cannot be reached', () => {
    const menu = buildTrayMenu({ sandboxes: [], engine: UNREACHABLE, now: NOW, contexts: { contexts: [LOCAL, STAGING], current: 'remote-1' } });
    expect(item(menu, '"staging" is not reachable').enabled).toBe(false);
    expect(item(menu, 'New sandbox…').enabled).toBe(false);
    const local = buildTrayMenu({ sandboxes: [], engine: UNREACHABLE, now: NOW, contexts: { contexts: [LOCAL, STAGING], current: 'local' } });
    expect(item(local, 'Docker is not reachable').enabled).toBe(false);
  });
});
