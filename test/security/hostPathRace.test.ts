// The host-path allowlist race (docs/reliability.md, "Host folders: a swap between check and
// use"): a folder is checked when the request arrives, and Docker resolves the path again when
// it starts the container. Whatever swaps a component of that path for a symlink to / in between
// would get the host's root mounted. Every create here must end refused, Failed, or with the
// checked folder mounted: read through the sandbox, the marker file must be there.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSandboxResponse, ErrorResponse, WireSandbox } from '../../src-main/contract/schemas';
import { containerOf, execIn } from '../helpers/inside';
import { TEST_IMAGE } from '../fixtures/image';
import { createBody, docker, isWireSandbox, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const marker = `checked folder ${randomUUID()}`;
const swapper: ChildProcess[] = [];
const folders: string[] = [];

/** A folder to allow, holding `real/marker`. */
function allowedFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandlot-race-'));
  folders.push(dir);
  mkdirSync(path.join(dir, 'real'));
  writeFileSync(path.join(dir, 'real', 'marker'), marker);
  return dir;
}

const bySandbox = allowedFolder();
const byHost = allowedFolder();

/** Swaps `real` for a symlink to / and back, each for about `pause` (a shell command). */
const swap = (pause: string) => `while :; do mv real real.x; ln -s / real; ${pause}; rm real; mv real.x real; ${pause}; done`;

beforeAll(async () => {
  s = await startTestServer({ hostPathAllowlist: [bySandbox, byHost] });
});
const LINKED_IMAGE = `sandlot-test/linked-run:${process.pid}`;

afterAll(async () => {
  for (const p of swapper) {
    if (p.exitCode === null && p.signalCode === null) await new Promise((r) => p.once('exit', r).kill('SIGKILL'));
  }
  await s?.stop();
  await docker.getImage(LINKED_IMAGE).remove({ force: true }).catch(() => undefined);
  // fs.rm does not follow symlinks: a `real` left pointing at / goes, / stays.
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

type Outcome = { kind: 'refused' | 'failed'; message: string } | { kind: 'mounted'; sees: string };

async function settled(id: string): Promise<WireSandbox> {
  for (;;) {
    const r = await s.call('GET', `/v1/sandboxes/${id}`);
    if (isWireSandbox(r.body) && (r.body.status.state === 'Running' || r.body.status.state === 'Failed')) return r.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Creates a sandbox mounting `<folder>/real` at /data, and says what came of it. */
async function attempt(folder: string): Promise<Outcome> {
  const body = createBody({ volumes: [{ name: 'data', mountPath: '/data', readOnly: true, host: { path: path.join(folder, 'real') } }] });
  const res = await s.call<CreateSandboxResponse | ErrorResponse>('POST', '/v1/sandboxes', body);
  if (res.status === 400) return { kind: 'refused', message: (res.body as ErrorResponse).message };
  expect(res.status).toBe(202);
  const id = (res.body as CreateSandboxResponse).id;
  const end = await settled(id);
  if (end.status.state === 'Failed') return { kind: 'failed', message: end.status.message ?? '' };
  const container = await containerOf(id);
  const read = await execIn(container, ['cat', '/data/marker']);
  const sees = read.exitCode === 0 ? read.output : `no marker; /data holds: ${(await execIn(container, ['ls', '/data'])).output.split('\n').join(' ')}`;
  await s.call('DELETE', `/v1/sandboxes/${id}`);
  return { kind: 'mounted', sees };
}

async function attempts(folder: string, count: number, atOnce: number): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < count; i += atOnce) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(atOnce, count - i) }, () => attempt(folder)))));
  }
  const tally = new Map<string, number>();
  for (const o of out) {
    const key = o.kind === 'mounted' ? (o.sees === marker ? 'mounted the checked folder' : 'MOUNTED SOMETHING ELSE') : `${o.kind}: ${o.message.replace(/\/tmp\/\S+/g, '<path>').slice(0, 90)}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  console.log(`${count} creates of ${folder}/real:\n${[...tally].map(([k, n]) => `  ${n} × ${k}`).join('\n')}`);
  return out;
}

describe('host folders: a swap between check and use', () => {
  it('a sandbox that can write the allowed folder cannot get another sandbox the host root', { timeout: 600_000 }, async () => {
    const attacker = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({
      entrypoint: ['sh', '-c', `cd /shared && ${swap('usleep 20000')}`],
      volumes: [{ name: 'shared', mountPath: '/shared', host: { path: bySandbox } }],
    }));
    expect(attacker.status).toBe(202);
    await waitForState(s, attacker.body.id, 'Running');

    const outcomes = await attempts(bySandbox, 60, 4);
    const wrong = outcomes.filter((o) => o.kind === 'mounted' && o.sees !== marker);
    expect(wrong).toEqual([]);
    // Sandlot knows who can write there, so it refuses every one up front (400), naming the
    // field: caught mid-swap the path does not exist or leads out of the allowlist; otherwise the
    // message names the sandbox that could swap it.
    expect(outcomes.map((o) => o.kind)).toEqual(outcomes.map(() => 'refused'));
    const messages = outcomes.map((o) => (o.kind === 'refused' ? o.message : ''));
    for (const m of messages) expect(m).toMatch(/^volumes\[0\]\.host\.path: .*(does not exist|resolves to "\/"|can write)/);
    expect(messages.filter((m) => m.includes(`which sandbox ${attacker.body.id} can write`)).length).toBeGreaterThan(0);
  });

  it('a swap by a host process is caught: nothing runs with anything but the checked folder', { timeout: 600_000 }, async () => {
    const p = spawn('sh', ['-c', swap('sleep 0.02')], { cwd: byHost, stdio: 'ignore' });
    swapper.push(p);
    const outcomes = await attempts(byHost, 40, 4);
    p.kill('SIGKILL');
    const wrong = outcomes.filter((o) => o.kind === 'mounted' && o.sees !== marker);
    expect(wrong).toEqual([]);
    // Refused at the request, or Failed: by Sandlot's checks before the container was made or
    // after it started, or by Docker finding no folder there (mid-swap); each names the folder.
    for (const o of outcomes) {
      if (o.kind === 'refused') expect(o.message).toMatch(/^volumes\[0\]\.host\.path: /);
      if (o.kind === 'failed') expect(o.message).toContain(path.join(byHost, 'real'));
    }
  });

  it('checks a mount whose point is behind a symlink in the image where Docker really put it', async () => {
    // An image with /varrun → /run, as Debian's /var/run → /run.
    const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['ln', '-s', '/run', '/varrun'], Labels: { 'sandlot-test': 'linked-run' } });
    await c.start();
    await c.wait();
    await c.commit({ repo: LINKED_IMAGE.split(':')[0], tag: LINKED_IMAGE.split(':')[1] });
    await c.remove({ force: true });
    const folder = allowedFolder();
    s.sandlot.settings.update({ hostPathAllowlist: [bySandbox, byHost, folder] });
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({
      image: { uri: LINKED_IMAGE },
      volumes: [{ name: 'data', mountPath: '/varrun/data', readOnly: true, host: { path: path.join(folder, 'real') } }],
    }));
    expect(res.status).toBe(202);
    await waitForState(s, res.body.id, 'Running');
    expect((await execIn(await containerOf(res.body.id), ['cat', '/run/data/marker'])).output).toBe(marker);
  });
});
