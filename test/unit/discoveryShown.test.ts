// How the engine in use is shown: the header badge's summary, the tray's line, and the Settings
// section's rows (pure parts).
import { describe, expect, it } from 'vitest';
import type { EngineChoice } from '../../src-main/contract/engines';
import { engineSummary, productVersion } from '../../src-main/contract/engines';
import type { EngineStatus } from '../../src-main/contract/sandbox';
import { buildTrayMenu } from '../../src-main/tray/menuModel';
import { automaticPick, chosenValue, engineRows } from '../../src-renderer/features/settings/engineRows';

const status = (over: Partial<EngineStatus>): EngineStatus => ({
  docker: 'connected',
  detail: 'Docker 27.3.1 (API 1.47, linux/amd64)',
  endpoint: 'unix:///var/run/docker.sock',
  since: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('the header badge', () => {
  it('names the engine after its version', () => {
    expect(productVersion('Docker 27.3.1 (API 1.47, linux/amd64)')).toBe('Docker 27.3.1');
    expect(productVersion('Podman 5.2 (API 1.41)')).toBe('Podman 5.2');
    expect(productVersion('Looking for Docker…')).toBeNull();
    expect(engineSummary('Colima', 'Docker 27.3.1 (API 1.47, linux/amd64)')).toBe('Docker 27.3.1 · Colima');
    expect(engineSummary('Podman', 'Podman 5.2.0 (API 1.41, linux/arm64)')).toBe('Podman 5.2.0');
    expect(engineSummary('Rancher Desktop (Podman)', 'Podman 5.2.0')).toBe('Podman 5.2.0 · Rancher Desktop (Podman)');
    expect(engineSummary(undefined, 'Docker 27.3.1')).toBe('Docker 27.3.1');
    expect(engineSummary('Colima', 'odd')).toBe('Colima');
  });
});

describe('the tray', () => {
  const lines = (engine: EngineStatus) => buildTrayMenu({ sandboxes: [], engine, now: 0 }).flatMap((i) => (i.type === 'normal' ? [i.label] : []));

  it('names the engine in use, and the one that is away', () => {
    expect(lines(status({ name: 'Colima' }))).toContain('Docker engine: Colima (Docker 27.3.1)');
    expect(lines(status({ name: 'Colima', docker: 'unreachable', detail: 'connect ENOENT' }))).toContain('Docker (Colima) is not reachable');
    expect(lines(status({ name: 'Colima', docker: 'connecting', detail: 'Switching to Colima…' }))).toContain('Connecting to Docker (Colima)…');
    // Without a name (older main processes), as before.
    expect(lines(status({ docker: 'unreachable' }))).toContain('Docker is not reachable');
    expect(lines(status({})).some((l) => l.startsWith('Docker engine'))).toBe(false);
  });
});

describe('Settings → Docker engine rows', () => {
  const choice: EngineChoice = {
    candidates: [
      { endpoint: { host: 'unix:///var/run/docker.sock', name: 'Docker Engine', source: 'socket', flavor: 'docker' }, reachable: false, detail: 'Not running (no socket there)' },
      { endpoint: { host: 'unix:///h/.colima/default/docker.sock', name: 'Colima', source: 'socket', flavor: 'colima' }, reachable: true, detail: 'Docker 27.3.1' },
      { endpoint: { host: 'unix:///run/podman/podman.sock', name: 'Podman', source: 'socket', flavor: 'podman' }, reachable: true, detail: 'Podman 5.2.0' },
    ],
    selected: null,
    active: 'unix:///h/.colima/default/docker.sock',
  };

  it('puts Automatic first, saying which engine it picks now, and marks the one in use', () => {
    expect(automaticPick(choice.candidates)?.endpoint.name).toBe('Colima');
    const rows = engineRows(choice);
    expect(rows.map((r) => [r.name, r.inUse, r.reachable])).toEqual([
      ['Automatic', true, true],
      ['Docker Engine', false, false],
      ['Colima', true, true],
      ['Podman', false, true],
    ]);
    expect(rows[0]?.detail).toMatch(/now Colima$/);
    expect(chosenValue(choice)).toBe('');
    expect(chosenValue({ ...choice, selected: 'unix:///run/podman/podman.sock' })).toBe('unix:///run/podman/podman.sock');
  });

  it('says so when nothing was found', () => {
    expect(engineRows({ candidates: [], selected: null, active: 'unix:///var/run/docker.sock' })[0]?.detail).toBe('Uses the first engine that answers');
  });
});
