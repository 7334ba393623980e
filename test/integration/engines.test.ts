// Docker engines found and switched against real daemons: the machine's /var/run/docker.sock, a
// real socket at a fake ~/.colima/default/docker.sock (a relay to the same daemon), and a second,
// separate dockerd behind a fake ~/.rd/docker.sock (Rancher Desktop's place).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult, Channel, ChannelInput, ChannelOutput } from '../../src-main/contract/bridge';
import type { CreateSandboxResponse, ErrorResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { contextDirName } from '../../src-main/runtime/discovery/contexts';
import { nodeSystem, type DiscoverySystem } from '../../src-main/runtime/discovery/system';
import { startSandlot, type RunningSandlot } from '../../src-main/sandlot';
import { ensureTestImage } from '../fixtures/image';
import { SecondDockerd } from '../fixtures/secondDockerd';
import { DockerRelay } from '../helpers/dockerRelay';
import { cleanup, client, createBody, docker, instanceOf, tempHome, UI_ROOT, waitForState } from '../helpers/sandlot';

const ENGINE = 'unix:///var/run/docker.sock';

async function call<C extends Channel>(s: RunningSandlot, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = (await s.dispatcher.handle(channel, input)) as BridgeResult<ChannelOutput<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A fake home folder and an environment without DOCKER_HOST or DOCKER_CONTEXT. */
function fakeMachine(platform: NodeJS.Platform = 'linux'): { home: string; system: DiscoverySystem; remove: () => void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sl-home-'));
  return { home, system: nodeSystem({ PATH: process.env['PATH'] }, home, platform), remove: () => rmSync(home, { recursive: true, force: true }) };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('engines on one daemon: the default socket and Colima', () => {
  const machine = fakeMachine();
  const colimaSock = path.join(machine.home, '.colima', 'default', 'docker.sock');
  const COLIMA = `unix://${colimaSock}`;
  const relay = new DockerRelay(colimaSock);
  const home = tempHome();
  let s: RunningSandlot | null = null;
  const start = async () => (s = await startSandlot({ home, port: 0, uiRoot: UI_ROOT, dockerDiscovery: machine.system }));

  beforeAll(async () => {
    await ensureTestImage(docker);
    mkdirSync(path.dirname(colimaSock), { recursive: true });
    await relay.start();
  });
  afterAll(async () => {
    await s?.close();
    await relay.stop();
    await cleanup(home);
    machine.remove();
  });

  it('finds both, probes them, and starts on the first that answers', async () => {
    const sandlot = await start();
    expect(sandlot.engine.status).toMatchObject({ docker: 'connected', endpoint: ENGINE, name: 'Docker Engine' });
    const choice = await call(sandlot, 'engines.discover', null);
    expect(choice.active).toBe(ENGINE);
    expect(choice.selected).toBeNull();
    expect(choice.candidates.map((c) => [c.endpoint.name, c.endpoint.host, c.reachable])).toEqual([
      ['Docker Engine', ENGINE, true],
      ['Colima', COLIMA, true],
    ]);
    expect(choice.candidates[1]?.detail).toMatch(/^Docker \d+\.\d+/);
  });

  it('switches to Colima, creates a sandbox there, and remembers the choice across a restart', async () => {
    let sandlot = s as RunningSandlot;
    const choice = await call(sandlot, 'engines.select', { host: COLIMA });
    expect(choice).toMatchObject({ active: COLIMA, selected: COLIMA });
    expect(sandlot.engine.status).toMatchObject({ docker: 'connected', endpoint: COLIMA, name: 'Colima' });
    const api = client(sandlot.url, sandlot.settings.get().apiKey);
    const created = await api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody());
    expect(created.status).toBe(202);
    await waitForState(api, created.body.id, 'Running');

    await sandlot.close();
    sandlot = await start();
    expect(sandlot.engine.status).toMatchObject({ docker: 'connected', endpoint: COLIMA, name: 'Colima' });
    expect((JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { dockerHost: string }).dockerHost).toBe(COLIMA);
    const again = client(sandlot.url, sandlot.settings.get().apiKey);
    expect((await again.call<WireSandbox>('GET', `/v1/sandboxes/${created.body.id}`)).body.status.state).toBe('Running');

    // The engine really goes through that socket: closing it is Docker going away, named as Colima.
    await relay.stop();
    await until(() => sandlot.engine.status.docker === 'unreachable');
    const away = await again.call<ErrorResponse>('GET', '/v1/sandboxes');
    expect(away.status).toBe(503);
    expect(away.body.message).toContain(COLIMA);
    await relay.start();
    await until(() => sandlot.engine.status.docker === 'connected');
  });

  it('refuses an engine that does not answer, in plain words, and stays where it is', async () => {
    const sandlot = s as RunningSandlot;
    const missing = `unix://${path.join(machine.home, '.rd', 'docker.sock')}`;
    const r = await sandlot.dispatcher.handle('engines.select', { host: missing });
    expect(r).toMatchObject({ ok: false, error: { code: 'DOCKER_UNAVAILABLE' } });
    expect(r.ok ? '' : r.error.message).toMatch(/Rancher Desktop \(unix:\/\/.*\) does not answer: Not running \(no socket there\)\. Start it, or pick another engine; Sandlot stays on Colima/);
    const bad = await sandlot.dispatcher.handle('engines.select', { host: 'docker.sock' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'host' } });
    expect(sandlot.engine.status.endpoint).toBe(COLIMA);
  });

  it('goes back to automatic, where the same daemon still has the sandbox', async () => {
    const sandlot = s as RunningSandlot;
    const before = sandlot.engine.snapshot().map((r) => r.id);
    const choice = await call(sandlot, 'engines.select', { host: null });
    expect(choice).toMatchObject({ active: ENGINE, selected: null });
    // Its container is on this daemon too, so its record follows (claimed, not recovered as new).
    await until(() => sandlot.engine.snapshot().length === before.length);
    expect(sandlot.engine.snapshot().map((r) => [r.id, r.status.state])).toEqual(before.map((id) => [id, 'Running']));
  });
});

describe('engines on two daemons', () => {
  const machine = fakeMachine();
  const rdSock = path.join(machine.home, '.rd', 'docker.sock');
  const RD = `unix://${rdSock}`;
  const home = tempHome();
  let second: SecondDockerd | null = null;
  let s: RunningSandlot | null = null;

  beforeAll(async () => {
    await ensureTestImage(docker);
    second = await SecondDockerd.create();
    mkdirSync(path.dirname(rdSock), { recursive: true });
    symlinkSync(second.socketPath, rdSock);
    s = await startSandlot({ home, port: 0, uiRoot: UI_ROOT, dockerDiscovery: machine.system });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await second?.destroy();
    await cleanup(home);
    machine.remove();
  }, 60_000);

  it('keeps each engine\'s sandboxes on their engine: switching hides them, never loses them', async () => {
    const sandlot = s as RunningSandlot;
    const d = second as SecondDockerd;
    const api = client(sandlot.url, sandlot.settings.get().apiKey);
    const onEngine = (await api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'on the main daemon' } }))).body.id;
    await waitForState(api, onEngine, 'Running');

    await call(sandlot, 'engines.select', { host: RD });
    expect(sandlot.engine.status).toMatchObject({ docker: 'connected', endpoint: RD, name: 'Rancher Desktop' });
    expect((await api.call('GET', `/v1/sandboxes/${onEngine}`)).status).toBe(404);
    expect((await api.call<ListSandboxesResponse>('GET', '/v1/sandboxes')).body.items).toEqual([]);
    const onSecond = (await api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name: 'on the second daemon' } }))).body.id;
    await waitForState(api, onSecond, 'Running');
    const there = await d.admin.listContainers({ filters: { label: [`${LABEL.sandboxId}=${onSecond}`] } });
    expect(there).toHaveLength(1);
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${onSecond}`] } })).toHaveLength(0);

    await call(sandlot, 'engines.select', { host: null });
    expect(sandlot.engine.status.endpoint).toBe(ENGINE);
    const back = (await api.call<WireSandbox>('GET', `/v1/sandboxes/${onEngine}`)).body;
    expect(back.status).toMatchObject({ state: 'Running' });
    expect(back.status.reason).not.toBe('container_removed');
    expect((await api.call('GET', `/v1/sandboxes/${onSecond}`)).status).toBe(404);

    await call(sandlot, 'engines.select', { host: RD });
    const kept = (await api.call<WireSandbox>('GET', `/v1/sandboxes/${onSecond}`)).body;
    expect(kept.status.state).toBe('Running');
    expect((await api.call<ListSandboxesResponse>('GET', '/v1/sandboxes')).body.items.map((i) => i.id)).toEqual([onSecond]);
    expect(instanceOf(home)).toBe(there[0]?.Labels[LABEL.instance]);
  }, 120_000);
});

describe('automatic mode when no engine answered at start', () => {
  // Windows' list of places (named pipes, which cannot answer on Linux) keeps this machine's live
  // /var/run/docker.sock out of discovery, so "no Docker running yet" can be staged. The engine
  // that comes later is a Docker context whose socket appears after Sandlot started: a relay to
  // the real daemon.
  const machine = fakeMachine('win32');
  const sock = path.join(machine.home, 'later.sock');
  const LATER = `unix://${sock}`;
  const relay = new DockerRelay(sock);
  const home = tempHome();
  let s: RunningSandlot | null = null;

  beforeAll(async () => {
    await ensureTestImage(docker);
    const meta = path.join(machine.home, '.docker', 'contexts', 'meta', contextDirName('later'), 'meta.json');
    mkdirSync(path.dirname(meta), { recursive: true });
    writeFileSync(meta, JSON.stringify({ Name: 'later', Metadata: {}, Endpoints: { docker: { Host: LATER, SkipTLSVerify: false } } }));
  });
  afterAll(async () => {
    await s?.close();
    await relay.stop();
    await cleanup(home);
    machine.remove();
  });

  it('moves to the engine that starts later, and serves sandboxes on it', async () => {
    s = await startSandlot({ home, port: 0, uiRoot: UI_ROOT, dockerDiscovery: machine.system });
    const sandlot = s;
    expect(sandlot.engine.status.docker).toBe('unreachable');
    expect(sandlot.engine.status.endpoint).toMatch(/^npipe:/);
    const api = client(sandlot.url, sandlot.settings.get().apiKey);
    expect((await api.call('POST', '/v1/sandboxes', createBody())).status).toBe(503);

    await relay.start();
    await until(() => sandlot.engine.status.docker === 'connected', 20_000);
    expect(sandlot.engine.status.endpoint).toBe(LATER);
    // Found, not picked: the setting stays automatic.
    expect(sandlot.settings.dockerHost()).toBeNull();
    const id = (await api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody())).body.id;
    await waitForState(api, id, 'Running');
    expect(await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${id}`] } })).toHaveLength(1);
  }, 60_000);
});
