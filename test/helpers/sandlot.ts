// Starts real Sandlot servers for tests: in-process (fast) or as a `serve` child process
// (for restarts and kill -9), each with its own data folder and so its own containers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { SandboxState, WireSandbox } from '../../src-main/contract/schemas';
import type { EditableSettings } from '../../src-main/contract/settings';
import { LABEL } from '../../src-main/runtime/labels';
import { startSandlot, type RunningSandlot } from '../../src-main/sandlot';
import { openSettingsFile, SettingsStore } from '../../src-main/store/settings';

export const docker = new Docker();
export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempHome(settings: Partial<EditableSettings> = {}): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sandlot-test-'));
  new SettingsStore(openSettingsFile(home)).update(settings);
  return home;
}

export function instanceOf(home: string): string {
  return (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { instanceId: string }).instanceId;
}

/** Removes every container, volume and network a test server made. */
export async function cleanup(home: string, engine: Docker = docker): Promise<void> {
  const instance = instanceOf(home);
  const containers = await engine.listContainers({ all: true, filters: { label: [`${LABEL.instance}=${instance}`] } });
  await Promise.all(containers.map((c) => engine.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const { Volumes } = await engine.listVolumes({ filters: { label: [`${LABEL.instance}=${instance}`] } });
  await Promise.all((Volumes ?? []).map((v) => engine.getVolume(v.Name).remove().catch(() => undefined)));
  const networks = await engine.listNetworks({ filters: { label: [`${LABEL.instance}=${instance}`] } });
  await Promise.all(networks.map((n) => engine.getNetwork(n.Id).remove().catch(() => undefined)));
}

/** The Docker networks a test server's Sandlot instance made. */
export async function instanceNetworks(home: string, engine: Docker = docker): Promise<string[]> {
  const list = await engine.listNetworks({ filters: { label: [`${LABEL.instance}=${instanceOf(home)}`] } });
  return list.map((n) => n.Name).sort();
}

/** Networks of a test server's instance that no container refers to: none may stay for long. */
export async function emptyNetworks(home: string, engine: Docker = docker): Promise<string[]> {
  const empty: string[] = [];
  for (const name of await instanceNetworks(home, engine)) {
    if ((await engine.listContainers({ all: true, filters: { network: [name] } })).length === 0) empty.push(name);
  }
  return empty;
}

/** An answer from `Client.call`: the body parsed as JSON (the text when it is not JSON). */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Client {
  url: string;
  key: string;
  /**
   * fetch against the API with the key and JSON body handled. `T` is what the caller expects
   * the body to be (a contract type such as `WireSandbox` or `ErrorResponse`); it is not checked.
   */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

export function client(url: string, key: string): Client {
  return {
    url,
    key,
    async call<T = unknown>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { 'OPEN-SANDBOX-API-KEY': key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
  };
}

export interface TestServer extends Client {
  sandlot: RunningSandlot;
  home: string;
  stop(): Promise<void>;
}

/** The renderer `npm run build` makes; `npm test` builds it first. */
export const UI_ROOT = path.join(ROOT, 'out', 'renderer');

export async function startTestServer(settings: Partial<EditableSettings> = {}, home = tempHome(settings)): Promise<TestServer> {
  const sandlot = await startSandlot({ home, port: 0, uiRoot: UI_ROOT });
  return {
    ...client(sandlot.url, sandlot.settings.get().apiKey),
    sandlot,
    home,
    async stop() {
      await sandlot.close();
      await cleanup(home);
    },
  };
}

/** A create body that works with the test image; override what a test cares about. */
export function createBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    image: { uri: 'sandlot-test/busybox:1' },
    entrypoint: ['sleep', '3600'],
    timeout: 600,
    resourceLimits: { cpu: '500m', memory: '128Mi' },
    ...extra,
  };
}

/** A sandbox as GET answers it (not an error body, not text). */
export function isWireSandbox(body: unknown): body is WireSandbox {
  return typeof body === 'object' && body !== null && 'id' in body && 'status' in body;
}

/** Polls GET until the sandbox is in `state` (or fails the test with what it saw). */
export async function waitForState(c: Client, id: string, state: SandboxState, timeoutMs = 30_000): Promise<WireSandbox> {
  const deadline = Date.now() + timeoutMs;
  let last: ApiResponse | undefined;
  while (Date.now() < deadline) {
    last = await c.call('GET', `/v1/sandboxes/${id}`);
    if (isWireSandbox(last.body) && last.body.status.state === state) return last.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sandbox ${id} did not reach ${state}; last seen: ${JSON.stringify(last?.body)}`);
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs `npm run serve`'s entry as a child process, as a user would. */
export async function spawnServe(home: string, port: number, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/serve.ts'), '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, SANDLOT_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!/API listening on (http:\/\/\S+)\/v1/.test(out)) {
    if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /API listening on (http:\/\/\S+)\/v1/.exec(out)?.[1] ?? '';
  return { child, url, output: () => out };
}

export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Stops a serve child: SIGTERM (clean) or SIGKILL (crash), and waits for it to be gone. */
/** SIGTERM, and SIGKILL if the server has not exited after 10 s (for afterAll hooks). */
export async function stopServeGracefully(p: ServeProcess | undefined): Promise<void> {
  const child = p?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function stopServe(p: ServeProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill(signal);
  await exited;
}
