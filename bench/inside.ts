// 6. Inside a sandbox, each against the raw Docker engine doing the same work on the same
// container, alternating, one at a time:
//   - `commands.run("echo hi")` through the official SDK (execd API served by Sandlot) vs a raw
//     dockerode exec create + start + read to the end + inspect;
//   - a 1 MiB file written then read back through the SDK vs `cat > f` / `cat f` over raw exec;
//   - a terminal keystroke echoed back over Sandlot's WebSocket vs over a raw TTY exec.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ConnectionConfig, Sandbox } from '@alibaba-group/opensandbox';
import type Docker from 'dockerode';
import WebSocket from 'ws';
import { API_KEY_HEADER } from '../src-main/api/guards';
import { LABEL } from '../src-main/runtime/labels';
import type { ApiClient } from './apiClient';
import { CONFIG } from './config';
import { CREATE_REQUEST } from './create';
import { createAndWait, deleteAndWait } from './sandboxes';
import { summarize, type Summary } from './stats';

export interface Compared {
  sandlot: Summary;
  raw: Summary;
  /** median(sandlot) / median(raw). */
  ratio: number;
}

export interface InsideResult {
  runs: number;
  warmup: number;
  command: Compared;
  fileBytes: number;
  file: Compared;
  keystroke: Compared;
}

async function alternate(runs: number, warmup: number, sandlot: () => Promise<number>, raw: () => Promise<number>): Promise<Compared> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const order = i % 2 === 0 ? [sandlot, raw] : [raw, sandlot];
    for (const side of order) {
      const ms = await side();
      if (i >= warmup) (side === sandlot ? a : b).push(ms);
    }
  }
  const s = summarize(a);
  const r = summarize(b);
  return { sandlot: s, raw: r, ratio: s.median / r.median };
}

/** Raw dockerode exec: create, start attached, read everything, inspect the exit code. */
async function rawExec(container: Docker.Container, cmd: string[], input?: Buffer): Promise<Buffer> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: input !== undefined });
  const stream = (await exec.start({ hijack: true, stdin: input !== undefined })) as Duplex;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  if (input !== undefined) stream.end(input);
  await ended;
  const info = await exec.inspect();
  if (info.ExitCode !== 0) throw new Error(`raw exec ${cmd.join(' ')} exited ${info.ExitCode}`);
  // Multiplexed frames (8-byte headers) around the output; the caller only checks the size.
  return Buffer.concat(chunks);
}

/** Sends one key and waits until the terminal echoes it back; returns the round trip in ms. */
function echoTimer(send: (b: Buffer) => void): { onData: (b: Buffer) => void; press: (key: string) => Promise<number> } {
  let waiting: { key: string; t0: number; resolve: (ms: number) => void } | null = null;
  return {
    onData(b) {
      if (waiting && b.toString('utf8').includes(waiting.key)) {
        const w = waiting;
        waiting = null;
        w.resolve(performance.now() - w.t0);
      }
    },
    press(key) {
      return new Promise((resolve) => {
        waiting = { key, t0: performance.now(), resolve };
        send(Buffer.from(key));
      });
    },
  };
}

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sandlotTerminal(url: string, apiKey: string, id: string): Promise<{ press: (k: string) => Promise<number>; close: () => void }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/sandboxes/${id}/terminal?cols=80&rows=24`, { headers: { [API_KEY_HEADER]: apiKey } });
  const timer = echoTimer((b) => ws.send(b));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) timer.onData(data);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await quiet(500); // the shell's prompt
  return { press: timer.press, close: () => ws.close() };
}

async function rawTerminal(container: Docker.Container): Promise<{ press: (k: string) => Promise<number>; close: () => void }> {
  const exec = await container.exec({ Cmd: ['/bin/sh'], Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, Env: ['TERM=xterm-256color'] });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const timer = echoTimer((b) => stream.write(b));
  stream.on('data', (b: Buffer) => timer.onData(b));
  await quiet(500);
  return { press: timer.press, close: () => stream.end('exit\n') };
}

export async function benchInside(api: ApiClient, url: string, apiKey: string, docker: Docker, log: (s: string) => void): Promise<InsideResult> {
  const runs = CONFIG.insideRuns;
  const warmup = CONFIG.insideWarmup;
  const started = await createAndWait(api, { ...CREATE_REQUEST, metadata: { bench: 'inside' } }, CONFIG.createPollMs);
  const containers = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${started.id}`] } });
  const containerId = containers[0]?.Id;
  if (!containerId) throw new Error(`no container found for sandbox ${started.id}`);
  const container = docker.getContainer(containerId);
  const sbx = await Sandbox.connect({
    sandboxId: started.id,
    connectionConfig: new ConnectionConfig({ domain: url.replace(/^https?:\/\//, ''), apiKey, disableMetrics: true }),
  });
  try {
    log('  commands.run("echo hi") vs raw exec');
    const command = await alternate(
      runs,
      warmup,
      async () => {
        const t0 = performance.now();
        const ex = await sbx.commands.run('echo hi');
        const ms = performance.now() - t0;
        if (ex.exitCode !== 0 || ex.logs.stdout.map((m) => m.text).join('') !== 'hi') throw new Error(`echo hi gave ${JSON.stringify(ex.logs)}`);
        return ms;
      },
      async () => {
        const t0 = performance.now();
        await rawExec(container, ['/bin/sh', '-c', 'echo hi']);
        return performance.now() - t0;
      },
    );

    log('  1 MiB write + read vs raw exec cat');
    const data = randomBytes(CONFIG.insideFileBytes);
    const file = await alternate(
      Math.max(5, Math.floor(runs / 2)),
      warmup,
      async () => {
        const t0 = performance.now();
        await sbx.files.writeFiles([{ path: '/tmp/bench.bin', data }]);
        const back = await sbx.files.readBytes('/tmp/bench.bin');
        const ms = performance.now() - t0;
        if (Buffer.compare(Buffer.from(back), data) !== 0) throw new Error('the file read back differs from the one written');
        return ms;
      },
      async () => {
        const t0 = performance.now();
        await rawExec(container, ['/bin/sh', '-c', 'cat > /tmp/raw.bin'], data);
        const back = await rawExec(container, ['cat', '/tmp/raw.bin']);
        const ms = performance.now() - t0;
        if (back.length < data.length) throw new Error('raw cat returned less than was written');
        return ms;
      },
    );

    log('  terminal keystroke echo vs raw TTY exec');
    const ours = await sandlotTerminal(url, apiKey, started.id);
    const theirs = await rawTerminal(container);
    const keys = 'abcdefghijklmnopqrstuvwxyz';
    let k = 0;
    const keystroke = await alternate(
      runs,
      warmup,
      () => ours.press(keys[k++ % keys.length] as string),
      () => theirs.press(keys[k++ % keys.length] as string),
    );
    ours.close();
    theirs.close();
    return { runs, warmup, command, fileBytes: data.length, file, keystroke };
  } finally {
    await sbx.close().catch(() => undefined);
    await deleteAndWait(api, started.id).catch(() => undefined);
  }
}

