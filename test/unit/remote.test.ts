// The remote OpenSandbox client's pure parts: wire → record mapping, the polling diff, error
// mapping, URL normalizing; and the remote backend and contexts over a fake fetch.
import { describe, expect, it, vi } from 'vitest';
import { Contexts } from '../../src-main/contexts/contexts';
import type { SandboxBackend } from '../../src-main/contexts/backend';
import { probeServer } from '../../src-main/contexts/probe';
import type { EngineEvent, SandboxRecord } from '../../src-main/contract/sandbox';
import type { WireSandbox } from '../../src-main/contract/schemas';
import { normalizeServerUrl, type FetchLike } from '../../src-main/remote/client';
import { diffRecords } from '../../src-main/remote/diff';
import { remoteError, RemoteError } from '../../src-main/remote/errors';
import { isWireSandbox, recordFromWire } from '../../src-main/remote/mapping';
import { RemoteBackend } from '../../src-main/remote/remoteBackend';
import type { RemoteContextRecord } from '../../src-main/store/settings';
import { engineErrorAsync, record } from './support';

const T0 = '2026-01-01T12:00:00.000Z';

function wire(id: string, state: WireSandbox['status']['state'], extra: Partial<WireSandbox> = {}): WireSandbox {
  return { id, status: { state }, metadata: {}, createdAt: T0, entrypoint: ['sleep', '1'], image: { uri: 'img:1' }, ...extra };
}

describe('wire → record', () => {
  it('fills what the wire lacks, keeps what it has', () => {
    const r = recordFromWire(wire('a', 'Running', { expiresAt: '2026-01-01T13:00:00.000Z', metadata: { name: 'x' }, status: { state: 'Running', reason: 'started', message: 'ok', lastTransitionAt: '2026-01-01T12:00:05.000Z' } }));
    expect(r).toEqual({
      id: 'a',
      containerId: null,
      image: 'img:1',
      entrypoint: ['sleep', '1'],
      metadata: { name: 'x' },
      resourceLimits: {},
      platform: null,
      volumes: [],
      ports: {},
      status: { state: 'Running', reason: 'started', message: 'ok', lastTransitionAt: '2026-01-01T12:00:05.000Z' },
      createdAt: T0,
      expiresAt: '2026-01-01T13:00:00.000Z',
      finishedAt: null,
    });
  });

  it('uses what this app asked for when the server does not say; final states get finishedAt', () => {
    const { image: _image, ...bare } = wire('b', 'Terminated');
    void _image;
    const r = recordFromWire(bare, { image: 'asked:2', resourceLimits: { cpu: '1' } });
    expect(r).toMatchObject({ image: 'asked:2', resourceLimits: { cpu: '1' }, expiresAt: null, finishedAt: T0, status: { reason: '', message: '', lastTransitionAt: T0 } });
  });

  it('accepts only objects with an id, createdAt and a state', () => {
    expect(isWireSandbox(wire('a', 'Running'))).toBe(true);
    expect(isWireSandbox({ id: 'a', createdAt: T0 })).toBe(false);
    expect(isWireSandbox(null)).toBe(false);
  });
});

describe('polling diff', () => {
  const a = recordFromWire(wire('a', 'Running'));
  const b = recordFromWire(wire('b', 'Paused'));
  it('emits new and changed sandboxes in full and removals by id', () => {
    const before = new Map([
      ['a', a],
      ['b', b],
    ]);
    const aPaused = { ...a, status: { ...a.status, state: 'Paused' as const } };
    const c = recordFromWire(wire('c', 'Pending'));
    expect(diffRecords(before, [aPaused, c])).toEqual([
      { type: 'sandbox', sandbox: aPaused },
      { type: 'sandbox', sandbox: c },
      { type: 'removed', id: 'b' },
    ]);
  });
  it('emits nothing when nothing changed', () => {
    expect(diffRecords(new Map([['a', a]]), [recordFromWire(wire('a', 'Running'))])).toEqual([]);
  });
});

describe('remote errors', () => {
  it('keeps the server\'s code and message, and the field of a 400', () => {
    const e = remoteError(400, { code: 'INVALID_REQUEST', message: 'resourceLimits.cpu: "lots" is not a CPU quantity' }, 'https://s');
    expect(e).toBeInstanceOf(RemoteError);
    expect(e).toMatchObject({ kind: 'invalid', code: 'INVALID_REQUEST', field: 'resourceLimits.cpu', status: 400 });
    expect(remoteError(400, { code: 'X', message: 'metadata.bad key: not a label' }, 's').field).toBe('metadata.bad key');
    expect(remoteError(400, { code: 'X', message: 'Sandbox abc is Paused: no' }, 's').field).toBeUndefined();
  });
  it('maps statuses to kinds; a body without JSON still says something', () => {
    expect(remoteError(404, null, 's')).toMatchObject({ kind: 'not_found', code: 'HTTP_404', message: 'answered 404' });
    expect(remoteError(409, { code: 'CONFLICT', message: 'is Paused' }, 's')).toMatchObject({ kind: 'conflict', code: 'CONFLICT' });
    expect(remoteError(503, { code: 'DOCKER_UNAVAILABLE', message: 'Docker is away' }, 'https://s')).toMatchObject({ kind: 'unavailable', message: 'https://s: Docker is away' });
    expect(remoteError(401, { code: 'UNAUTHORIZED', message: 'bad key' }, 'https://s').message).toMatch(/refused the API key \(401\)/);
  });
});

describe('server URLs', () => {
  it('normalizes what users paste', () => {
    expect(normalizeServerUrl('https://sbx.example.com/')).toBe('https://sbx.example.com');
    expect(normalizeServerUrl(' http://127.0.0.1:8080/v1/ ')).toBe('http://127.0.0.1:8080');
    expect(normalizeServerUrl('https://example.com/opensandbox/v1')).toBe('https://example.com/opensandbox');
    for (const bad of ['ftp://x', 'not a url', 'https://u:p@x.com', 'https://x.com/?a=1']) expect(normalizeServerUrl(bad)).toBeNull();
  });
});

/** A fake server: a list of wire sandboxes behind GET /v1/sandboxes; `down` makes it refuse. */
function fakeServer() {
  const state = { items: [] as WireSandbox[], down: false, status: 200, calls: [] as string[] };
  const fetchImpl: FetchLike = async (url, init) => {
    state.calls.push(`${init.method} ${new URL(url).pathname}${new URL(url).search}`);
    if (state.down) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    if (state.status !== 200) return new Response(JSON.stringify({ code: 'UNAUTHORIZED', message: 'nope' }), { status: state.status });
    const u = new URL(url);
    if (init.method === 'GET' && u.pathname === '/v1/sandboxes') {
      const page = Number(u.searchParams.get('page'));
      const size = Number(u.searchParams.get('pageSize'));
      const items = state.items.slice((page - 1) * size, page * size);
      return Response.json({ items, pagination: { page, pageSize: size, totalItems: state.items.length, totalPages: Math.ceil(state.items.length / size), hasNextPage: page * size < state.items.length } });
    }
    if (init.method === 'POST' && u.pathname.endsWith('/pause')) return new Response(null, { status: 202 });
    return new Response(JSON.stringify({ code: 'NOT_FOUND', message: 'no such route' }), { status: 404 });
  };
  return { state, fetchImpl };
}

describe('remote backend', () => {
  it('pages through every sandbox, emits changes and reachability, and polls again after a change', async () => {
    const server = fakeServer();
    server.state.items = Array.from({ length: 250 }, (_, i) => wire(`s${i}`, 'Running'));
    const backend = new RemoteBackend({ url: 'http://remote', apiKey: 'k' }, { fetch: server.fetchImpl, pollMs: 60_000 });
    const events: EngineEvent[] = [];
    backend.subscribe((e) => events.push(e));
    await vi.waitFor(() => expect(backend.snapshot()).toHaveLength(250));
    expect(server.state.calls.slice(0, 2)).toEqual(['GET /v1/sandboxes?page=1&pageSize=200', 'GET /v1/sandboxes?page=2&pageSize=200']);
    expect(events[0]).toMatchObject({ type: 'engine', status: { docker: 'connected', endpoint: 'http://remote' } });
    expect(events.filter((e) => e.type === 'sandbox')).toHaveLength(250);

    events.length = 0;
    server.state.items = [wire('s0', 'Paused')];
    await backend.pause('s0');
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'removed')).toHaveLength(249));
    expect(events.find((e) => e.type === 'sandbox')).toMatchObject({ sandbox: { id: 's0', status: { state: 'Paused' } } });

    server.state.down = true;
    await backend.refresh();
    expect(backend.status).toMatchObject({ docker: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') });
    // Last seen records stay while the server is away.
    expect(backend.snapshot()).toHaveLength(1);
    const err = await engineErrorAsync(backend.pause('s0'));
    expect(err).toMatchObject({ kind: 'unavailable', code: 'REMOTE_UNREACHABLE' });
    server.state.down = false;
    await backend.refresh();
    expect(backend.status.docker).toBe('connected');
    backend.close();
  });
});

describe('probe', () => {
  it('names the field to fix', async () => {
    const server = fakeServer();
    expect(await probeServer('http://remote/v1/', 'k', server.fetchImpl)).toBe('http://remote');
    server.state.status = 401;
    expect(await engineErrorAsync(probeServer('http://remote', 'k', server.fetchImpl))).toMatchObject({ field: 'apiKey' });
    server.state.down = true;
    expect(await engineErrorAsync(probeServer('http://remote', 'k', server.fetchImpl))).toMatchObject({ field: 'url', message: expect.stringContaining('ECONNREFUSED') });
    expect(await engineErrorAsync(probeServer('mailto:x', 'k', server.fetchImpl))).toMatchObject({ field: 'url' });
  });
});

function fakeBackend(records: SandboxRecord[]): SandboxBackend & { listeners: number; closed: boolean } {
  const listeners = new Set<(e: EngineEvent) => void>();
  const b = {
    listeners: 0,
    closed: false,
    snapshot: () => records,
    status: { docker: 'connected' as const, detail: '', endpoint: 'fake', since: T0 },
    refresh: async () => undefined,
    subscribe(l: (e: EngineEvent) => void) {
      listeners.add(l);
      b.listeners = listeners.size;
      return () => {
        listeners.delete(l);
        b.listeners = listeners.size;
      };
    },
    create: vi.fn(),
    delete: vi.fn(),
    pause: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    renew: vi.fn(),
    patchMetadata: vi.fn(),
    endpoint: vi.fn(),
    close() {
      b.closed = true;
    },
  };
  return b;
}

describe('contexts', () => {
  function setup(stored: RemoteContextRecord[] = [], current?: string) {
    const file = { list: stored, current, remoteContexts: () => file.list, setRemoteContexts: (l: readonly RemoteContextRecord[]) => void (file.list = [...l]), currentContext: () => file.current, setCurrentContext: (id: string) => void (file.current = id) };
    const local = fakeBackend([record({ id: 'local-1', state: 'Running' })]);
    const remotes: ReturnType<typeof fakeBackend>[] = [];
    const contexts = new Contexts({
      local,
      file,
      remote: () => {
        const r = fakeBackend([record({ id: 'remote-1', state: 'Running' }), record({ id: 'remote-2', state: 'Paused' })]);
        remotes.push(r);
        return r;
      },
      probe: async (url) => url.replace(/\/$/, ''),
    });
    return { contexts, file, local, remotes };
  }

  it('remembers the current context, forwards only its events, and says when it switches', async () => {
    const { contexts, file, local, remotes } = setup();
    const added = await contexts.add({ name: 'staging', url: 'https://s/', apiKey: 'key' });
    expect(file.list).toEqual([{ id: added.id, name: 'staging', url: 'https://s', apiKey: 'key' }]);
    const events: unknown[] = [];
    contexts.subscribe((e) => events.push(e));
    expect(local.listeners).toBe(1);
    contexts.select(added.id);
    expect(file.current).toBe(added.id);
    expect(local.listeners).toBe(0);
    expect(remotes[0]!.listeners).toBe(1);
    expect(events.slice(0, 2)).toEqual([{ type: 'context', current: added.id }, { type: 'engine', status: remotes[0]!.status }]);
    expect(contexts.snapshot().map((r) => r.id)).toEqual(['remote-1', 'remote-2']);
    expect(await contexts.pauseAll()).toBe(1);
    expect(remotes[0]!.pause).toHaveBeenCalledWith('remote-1');
    // Going back closes the remote backend (its polling stops).
    contexts.select('local');
    expect(remotes[0]!.closed).toBe(true);
    expect(local.listeners).toBe(1);
    // A restart starts on the remembered context.
    contexts.select(added.id);
    expect(setup(file.list, file.current).contexts.isRemote).toBe(true);
    contexts.remove(added.id);
    expect(contexts.list()).toEqual({ contexts: [{ id: 'local', kind: 'local', name: 'Local' }], current: 'local' });
  });
});
