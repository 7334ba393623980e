// The official OpenSandbox SDK (@alibaba-group/opensandbox, pinned 0.1.11) running commands in
// a Sandlot sandbox, with Sandlot started as a user starts it (`serve`, a child process). The
// SDK finds execd at the endpoint of port 44772, which Sandlot answers itself through Docker
// exec. Every check is what an SDK user looks at: the Execution object, statuses, exceptions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConnectionConfig, Sandbox, SandboxApiException, type SandboxCreateOptions } from '@alibaba-group/opensandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src-main/runtime/labels';
import { cleanup, docker, freePort, spawnServe, stopServeGracefully, tempHome, type ServeProcess } from '../helpers/sandlot';

const IMAGE = 'sandlot-test/busybox:1';

let home: string;
let serve: ServeProcess;
let port: number;
let apiKey: string;
let sbx: Sandbox;
const closers: Array<{ close(): Promise<void> }> = [];

function connection(): ConnectionConfig {
  return new ConnectionConfig({ domain: `127.0.0.1:${port}`, apiKey, disableMetrics: true });
}

async function create(opts: Partial<SandboxCreateOptions> = {}): Promise<Sandbox> {
  // No skipHealthCheck: create() waits for Running and a passing execd /ping.
  const s = await Sandbox.create({
    connectionConfig: connection(),
    image: IMAGE,
    entrypoint: ['sleep', '3600'],
    resource: { cpu: '500m', memory: '128Mi' },
    timeoutSeconds: 900,
    readyTimeoutSeconds: 60,
    ...opts,
  });
  closers.push(s);
  return s;
}

async function apiError(call: Promise<unknown>): Promise<SandboxApiException> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(SandboxApiException);
    return err as SandboxApiException;
  }
  throw new Error('expected the call to fail');
}

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text);

beforeAll(async () => {
  home = tempHome();
  port = await freePort();
  serve = await spawnServe(home, port);
  apiKey = (JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { apiKey: string }).apiKey;
  sbx = await create({ metadata: { suite: 'sdk-execd' } });
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c.close().catch(() => undefined)));
  await stopServeGracefully(serve);
  if (home) await cleanup(home);
});

describe('SDK commands against Sandlot', () => {
  it('creates without skipHealthCheck, and the sandbox reports healthy', async () => {
    const info = await sbx.getInfo();
    expect(info.status.state).toBe('Running');
    expect(await sbx.isHealthy()).toBe(true);
  });

  it('runs a command: stdout lines, exit code 0, an id', async () => {
    const execution = await sbx.commands.run('echo hello; echo world');
    expect(execution.id).toBeTruthy();
    expect(texts(execution.logs.stdout)).toEqual(['hello', 'world']);
    expect(execution.logs.stderr).toEqual([]);
    expect(execution.error).toBeUndefined();
    expect(execution.exitCode).toBe(0);
    expect(execution.complete?.executionTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('reports stderr and a non-zero exit code', async () => {
    const execution = await sbx.commands.run('echo bad >&2; exit 7');
    expect(texts(execution.logs.stderr)).toEqual(['bad']);
    expect(execution.exitCode).toBe(7);
    expect(execution.error?.name).toBe('CommandExecError');
  });

  it('passes envs, cwd and uid/gid', async () => {
    const execution = await sbx.commands.run('pwd; echo "$A-$B"; id -u; id -g', {
      workingDirectory: '/www',
      envs: { A: 'alpha', B: 'beta' },
      uid: 1234,
      gid: 4321,
    });
    expect(texts(execution.logs.stdout)).toEqual(['/www', 'alpha-beta', '1234', '4321']);
    expect(execution.exitCode).toBe(0);
  });

  it('a missing working directory is a 400 that names cwd', async () => {
    const e = await apiError(sbx.commands.run('pwd', { workingDirectory: '/does/not/exist' }));
    expect(e.statusCode).toBe(400);
    expect(e.message).toMatch(/cwd/);
  });

  it('ends a command that runs past its timeout, quickly and with an error', async () => {
    const started = Date.now();
    const execution = await sbx.commands.run('sleep 300', { timeoutSeconds: 1 });
    // Ended by the timeout, not by the sleep (a wide margin: machines under load are slow).
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(execution.error).toBeDefined();
    expect(execution.error?.traceback.join(' ')).toMatch(/timed out/);
    expect(execution.exitCode).toBe(137);
  });

  it('runs in the background: status while running and after, logs with a cursor', async () => {
    const execution = await sbx.commands.run('echo one; sleep 1; echo two; echo three', { background: true });
    const id = execution.id!;
    expect(id).toBeTruthy();
    const running = await sbx.commands.getCommandStatus(id);
    expect(running).toMatchObject({ id, content: 'echo one; sleep 1; echo two; echo three', running: true, exitCode: null, finishedAt: null });
    expect(running.startedAt).toBeInstanceOf(Date);

    const first = await sbx.commands.getBackgroundCommandLogs(id);
    expect(first.content).toBe('one\n');
    expect(first.cursor).toBe(1);

    const deadline = Date.now() + 10_000;
    while ((await sbx.commands.getCommandStatus(id)).running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const done = await sbx.commands.getCommandStatus(id);
    expect(done.running).toBe(false);
    expect(done.exitCode).toBe(0);
    expect(done.finishedAt).toBeInstanceOf(Date);

    const next = await sbx.commands.getBackgroundCommandLogs(id, first.cursor);
    expect(next.content).toBe('two\nthree\n');
    expect(next.cursor).toBe(3);
    const all = await sbx.commands.getBackgroundCommandLogs(id);
    expect(all.content).toBe('one\ntwo\nthree\n');
  });

  it('interrupts a long foreground command from another call', async () => {
    let id = '';
    const started = Date.now();
    const running = sbx.commands.run('echo go; sleep 300', undefined, { onInit: (init) => void (id = init.id) });
    while (!id && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(id).toBeTruthy();
    await sbx.commands.interrupt(id);
    const execution = await running;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(execution.error).toBeDefined();
    expect(execution.exitCode).toBeGreaterThan(128);
    expect((await sbx.commands.getCommandStatus(id)).running).toBe(false);
  });

  it('reports bad input: unknown command ids are 404, blank commands refused', async () => {
    const status = await apiError(sbx.commands.getCommandStatus('no-such-command'));
    expect(status.statusCode).toBe(404);
    expect(status.error.code).toBe('NOT_FOUND');
    expect((await apiError(sbx.commands.interrupt('no-such-command'))).statusCode).toBe(404);
    expect((await apiError(sbx.commands.getBackgroundCommandLogs('no-such-command'))).statusCode).toBe(404);
    // The SDK refuses a blank command itself; the server does too (see execdCommands.test.ts).
    await expect(sbx.commands.run('   ')).rejects.toThrow(/command/);
  });

  it('measures a commands.run("echo hi") round trip against a raw Docker exec', async () => {
    const info = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${sbx.id}`] } });
    const containerId = info[0]?.Id;
    expect(containerId).toBeTruthy();
    const rounds = 10;
    const sdk: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const execution = await sbx.commands.run('echo hi');
      sdk.push(performance.now() - t);
      expect(texts(execution.logs.stdout)).toEqual(['hi']);
      if (containerId) {
        t = performance.now();
        const exec = await docker.getContainer(containerId).exec({ Cmd: ['/bin/sh', '-c', 'echo hi'], AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({});
        stream.resume();
        await new Promise((r) => stream.on('end', r));
        await exec.inspect();
        raw.push(performance.now() - t);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    console.log(`commands.run("echo hi") median ${median(sdk).toFixed(1)} ms; raw dockerode exec median ${median(raw).toFixed(1)} ms`);
    expect(median(sdk)).toBeLessThan(2000);
  });
});
