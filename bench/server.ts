// The Sandlot server under test, as its own child process (`serve` with --port 0), so the
// RSS the bench reads is the server's alone and not the bench's.
import { spawn, type ChildProcess } from 'node:child_process';
import { ApiClient, sleep } from './apiClient';
import type { BenchHome } from './home';
import { ROOT, SERVE_ENTRY } from './paths';

export type ServerMode = 'tsx' | 'compiled';

export interface ServerProcess {
  mode: ServerMode;
  pid: number;
  url: string;
  api: ApiClient;
  /** The inspector's WebSocket address, when started with `inspect` (see inspector.ts). */
  inspector: string | null;
  output(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const LISTENING = /API listening on (http:\/\/\S+)\/v1/;
const INSPECTOR = /Debugger listening on (ws:\/\/\S+)/;

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * `compiledFile` is the esbuild bundle (compile.ts); without it, `node --import tsx` as a user runs
 * it. `inspect` opens V8's inspector on loopback, for collecting garbage on demand.
 */
export async function startServer(home: BenchHome, mode: ServerMode, compiledFile?: string, opts: { inspect?: boolean } = {}): Promise<ServerProcess> {
  const entry = mode === 'tsx' ? ['--import', 'tsx', SERVE_ENTRY] : [compiledFile ?? ''];
  const child = spawn(process.execPath, [...(opts.inspect ? ['--inspect=127.0.0.1:0'] : []), ...entry, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, SANDLOT_HOME: home.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  let url: string | undefined;
  while (!(url = LISTENING.exec(out)?.[1])) {
    if (child.exitCode !== null) throw new Error(`the ${mode} server exited early (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${mode} server did not start within ${START_TIMEOUT_MS / 1000} s: ${out}`);
    }
    await sleep(20);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server has no pid');
  const api = new ApiClient(url, home.apiKey);
  return {
    mode,
    pid,
    url,
    api,
    inspector: opts.inspect ? (INSPECTOR.exec(out)?.[1] ?? null) : null,
    output: () => out,
    async stop() {
      api.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await exited(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await exited(child, STOP_TIMEOUT_MS);
      }
    },
  };
}
