// `serve` as a child process for the crash rounds: like test/helpers' spawnServe, but it waits
// longer for the first "listening" line (restarts on a loaded two-core machine can pass 30 s)
// and kills the child if it never comes, so no server outlives a failed start.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, type ServeProcess } from '../helpers/sandlot';

const LISTENING = /API listening on (http:\/\/\S+)\/v1/;

export async function startServe(home: string, port: number, timeoutMs = 120_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/serve.ts'), '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, SANDLOT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!(url = LISTENING.exec(out)?.[1])) {
    if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start within ${timeoutMs / 1000} s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output: () => out };
}
