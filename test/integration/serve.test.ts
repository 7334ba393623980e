// `npm run serve` as a user runs it: default port 8080 with a fallback, --port, what it
// prints, the discovery file for scripts, and a clean shutdown.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, client, freePort, ROOT, spawnServe, stopServe, tempHome, type ServeProcess } from '../helpers/sandlot';

const homes: string[] = [];
const procs: ServeProcess[] = [];
afterAll(async () => {
  for (const p of procs) await stopServe(p, 'SIGKILL');
  for (const h of homes) await cleanup(h);
});

function run(args: string[], home: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/serve.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, SANDLOT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run serve', () => {
  it('prints the URL and where the key is, writes a 0600 discovery file, and removes it on SIGTERM', async () => {
    const home = tempHome();
    homes.push(home);
    const port = await freePort();
    const p = await spawnServe(home, port);
    procs.push(p);
    expect(p.url).toBe(`http://127.0.0.1:${port}`);
    expect(p.output()).toContain(path.join(home, 'config.json'));
    const discovery = path.join(home, 'server.json');
    const d = JSON.parse(readFileSync(discovery, 'utf8')) as { url: string; apiKey: string; pid: number };
    expect(d.url).toBe(p.url);
    expect(d.pid).toBe(p.child.pid);
    expect(statSync(discovery).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(home, 'config.json')).mode & 0o777).toBe(0o600);
    const list = await client(d.url, d.apiKey).call('GET', '/v1/sandboxes');
    expect(list.status).toBe(200);
    await stopServe(p, 'SIGTERM');
    expect(p.child.exitCode).toBe(0);
    expect(existsSync(discovery)).toBe(false);
  });

  it('falls back to a free port when 8080 is taken, and says so', async () => {
    const blocker = net.createServer();
    const blocked = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(8080, '127.0.0.1', () => resolve(true));
    });
    try {
      const home = tempHome();
      homes.push(home);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/serve.ts')], {
        cwd: ROOT, env: { ...process.env, SANDLOT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const p: ServeProcess = { child, url: '', output: () => out };
      procs.push(p);
      const deadline = Date.now() + 30_000;
      while (!out.includes('API listening') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/port 8080 is taken; using \d+ instead/);
      const url = /API listening on (http:\/\/\S+)\/v1/.exec(out)?.[1];
      expect(url).not.toContain(':8080');
      await stopServe(p, 'SIGTERM');
    } finally {
      if (blocked) blocker.close();
    }
  });

  it('refuses a bad --port, and a taken --port, with a clear message', async () => {
    const home = tempHome();
    homes.push(home);
    const bad = await run(['--port', 'eighty'], home);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--port must be a port number');
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const taken = await run(['--port', String(port)], home);
      expect(taken.code).toBe(1);
      expect(taken.out).toContain('already in use');
    } finally {
      blocker.close();
    }
  });
});
