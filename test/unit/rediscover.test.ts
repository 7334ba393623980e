// Automatic mode looking again for Docker: the decisions only (which engine, whether to move at
// all), with a fake home folder and a probe that says which hosts answer. The same path against a
// real daemon behind a socket that appears later is in test/integration/engines.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DockerEndpoint } from '../../src-main/contract/engines';
import { EngineChooser } from '../../src-main/runtime/discovery/chooser';
import { nodeSystem } from '../../src-main/runtime/discovery/system';
import { tempDir } from './support';

const DEFAULT = 'unix:///var/run/docker.sock';
let home: { dir: string; remove: () => void };
beforeEach(() => {
  home = tempDir('sandlot-home-');
});
afterEach(() => home.remove());

interface Staged {
  chooser: EngineChooser;
  /** Hosts the chooser moved the engine to, in order. */
  moves: string[];
  engine: { dockerEndpoint: DockerEndpoint; answered: boolean };
  answering: Set<string>;
}

/** A machine with Colima's socket in place, the engine on the default socket, and `picked` in settings. */
function stage(opts: { answered?: boolean; picked?: string | null; env?: NodeJS.ProcessEnv } = {}): Staged {
  const colima = path.join(home.dir, '.colima', 'default', 'docker.sock');
  mkdirSync(path.dirname(colima), { recursive: true });
  writeFileSync(colima, '');
  const system = nodeSystem(opts.env ?? {}, home.dir, 'linux');
  const moves: string[] = [];
  const answering = new Set<string>();
  const engine = {
    dockerEndpoint: { host: DEFAULT, name: 'Docker Engine', source: 'socket', flavor: 'docker' } as DockerEndpoint,
    answered: opts.answered ?? false,
    async useEngine(e: DockerEndpoint) {
      moves.push(e.host);
      this.dockerEndpoint = e;
    },
  };
  const chooser = new EngineChooser({
    system,
    settings: { dockerHost: () => opts.picked ?? null, setDockerHost: (h) => h },
    engine,
    probe: async (endpoint) => ({ endpoint, reachable: answering.has(endpoint.host), detail: answering.has(endpoint.host) ? 'Docker 27.3.1' : 'connect ENOENT' }),
  });
  return { chooser, moves, engine, answering };
}

const COLIMA = () => `unix://${path.join(home.dir, '.colima', 'default', 'docker.sock')}`;

describe('EngineChooser.rediscover', () => {
  it('moves to an engine that starts answering when the one in use never has', async () => {
    const s = stage();
    expect(await s.chooser.rediscover()).toBeNull();
    s.answering.add(COLIMA());
    expect((await s.chooser.rediscover())?.host).toBe(COLIMA());
    expect(s.moves).toEqual([COLIMA()]);
  });

  it('stays when the engine in use answered before: it is waited for, not replaced', async () => {
    const s = stage({ answered: true });
    s.answering.add(COLIMA());
    expect(await s.chooser.rediscover()).toBeNull();
    expect(s.moves).toEqual([]);
  });

  it('stays when the engine in use is the one that answers now (it connects by itself)', async () => {
    const s = stage();
    s.answering.add(DEFAULT);
    s.answering.add(COLIMA());
    expect(await s.chooser.rediscover()).toBeNull();
    expect(s.moves).toEqual([]);
  });

  it('never second-guesses an engine the user picked, or DOCKER_HOST', async () => {
    const picked = stage({ picked: DEFAULT });
    picked.answering.add(COLIMA());
    expect(await picked.chooser.rediscover()).toBeNull();
    const env = stage({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' } });
    env.answering.add(COLIMA());
    expect(await env.chooser.rediscover()).toBeNull();
    expect([...picked.moves, ...env.moves]).toEqual([]);
  });

  it('follow() keeps looking on a timer until one answers, and stops when told', async () => {
    const s = stage();
    const stop = s.chooser.follow(20);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.moves).toEqual([]);
    s.answering.add(COLIMA());
    const deadline = Date.now() + 2000;
    while (s.moves.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(s.moves).toEqual([COLIMA()]);
  });
});
