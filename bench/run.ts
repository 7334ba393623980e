// `npm run bench`: runs every measurement in order, cleans up every container it made (also
// on failure or Ctrl-C), and writes docs/benchmarks.md. A failed step is reported in the
// document and makes the exit code 1; a missed target never does.
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { ensureTestImage } from '../test/fixtures/image';
import { ApiClient } from './apiClient';
import { removeByInstance } from './cleanup';
import { compileServer } from './compile';
import { CONFIG } from './config';
import { benchCreate } from './create';
import { benchEngineList } from './engineList';
import { benchInside } from './inside';
import { checkFleet, createFleet } from './fleet';
import { createHome, removeHome, type BenchHome } from './home';
import { benchList } from './list';
import { benchLoad } from './load';
import { describeMachine, loadAverage } from './machine';
import { sampleIdle, sampleNow } from './memory';
import { benchRenderer } from './renderer';
import { writeReport, type BenchResults } from './report';
import { startServer, type ServerProcess } from './server';

const log = (s: string) => console.log(s);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<number> {
  const docker = new Docker();
  const r: BenchResults = {
    quick: CONFIG.quick,
    startedAt: new Date(),
    finishedAt: new Date(),
    loadStart: loadAverage(),
    loadEnd: '',
    memory: { sandboxes: CONFIG.fleetSize },
    errors: [],
    cleanup: { removed: 0 },
  };
  const servers: ServerProcess[] = [];
  // Raw containers of benchmark 1 get their own instance label (see create.ts).
  const rawInstance = `bench-raw-${randomUUID()}`;
  let home: BenchHome | null = null;
  // The renderer benchmark's own server instance, known before it makes any container.
  const extraInstances: string[] = [];

  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      log('== cleanup');
      for (const s of servers) await s.stop().catch(() => undefined);
      try {
        const removed = await removeByInstance(docker, [...(home ? [home.instanceId] : []), rawInstance, ...extraInstances]);
        r.cleanup.removed += removed;
        log(`  removed ${removed} containers`);
      } catch (err) {
        r.cleanup.error = message(err);
        log(`!! cleanup: ${r.cleanup.error}`);
      }
      if (home) removeHome(home);
    })());
  // A stray rejection must not end the process before the cleanup below has run.
  process.on('unhandledRejection', (err) => log(`!! unhandled rejection: ${message(err)}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: cleaning up before exit`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  async function phase<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    log(`== ${name}`);
    const t0 = performance.now();
    try {
      const out = await fn();
      log(`   ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return out;
    } catch (err) {
      r.errors.push({ phase: name, message: message(err) });
      log(`!! ${name} failed: ${message(err)}`);
      for (const s of servers) log(`   server (${s.mode}, pid ${s.pid}) output, last lines:\n${s.output().trimEnd().split('\n').slice(-15).join('\n')}`);
      return undefined;
    }
  }

  try {
    r.machine = await phase('machine', () => describeMachine(docker));
    r.engine = await phase('engine', async () => benchEngineList());
    const imageReady = r.machine ? await phase('image', () => ensureTestImage(docker).then(() => true)) : undefined;
    if (imageReady) {
      const h = (home = createHome());
      const server = await phase('server', () => startServer(h, 'tsx'));
      if (server) {
        servers.push(server);
        r.memory.tsxEmpty = await phase('memory at start', () => sampleIdle(server.pid, 2));
        r.create = await phase('create', () => benchCreate(server.api, docker, rawInstance, log));
        r.inside = await phase('inside', () => benchInside(server.api, server.url, h.apiKey, docker, log));
        r.fleet = await phase('fleet', () => createFleet(() => new ApiClient(server.url, h.apiKey), log));
        if (r.fleet) {
          r.memory.tsxIdle = await phase('memory', () => sampleIdle(server.pid, CONFIG.idleSeconds));
          if (await phase('fleet intact', () => checkFleet(server.api).then(() => true))) {
            r.list = await phase('list', () => benchList(server.api));
          }
          r.memory.tsxAfterList = await phase('memory after list', async () => sampleNow(server.pid));
          log('== memory without tsx');
          try {
            await compiledRuns(r, h, server, servers);
          } catch (err) {
            r.memory.compiledError = message(err);
            log(`   not measured: ${r.memory.compiledError}`);
          }
        }
      }
    }
    if (imageReady) {
      // 5 needs room for 1,000 containers: the 200 of 2 and 4 go first.
      for (const server of servers) await server.stop().catch(() => undefined);
      const fleetHome = home;
      if (fleetHome) {
        await phase('fleet removal', async () => {
          const removed = await removeByInstance(docker, [fleetHome.instanceId]);
          r.cleanup.removed += removed;
          log(`  removed ${removed} containers`);
        });
      }
      r.renderer = await phase('renderer', () =>
        benchRenderer({ log, onInstance: (id) => extraInstances.push(id), onServer: (server) => servers.push(server) }),
      );
      if (r.renderer) {
        r.cleanup.removed += r.renderer.removed;
        for (const message of r.renderer.errors) r.errors.push({ phase: 'renderer', message });
      }
      r.load = await phase('load', () => benchLoad(docker, log, { onInstance: (id) => extraInstances.push(id), onServer: (server) => servers.push(server) }));
    }
  } finally {
    await cleanup();
  }
  r.finishedAt = new Date();
  r.loadEnd = loadAverage();
  const file = writeReport(r);
  log(`\nwrote ${file}`);
  printSummary(r);
  return r.errors.length > 0 ? 1 : 0;
}

/**
 * The bundled server's RSS: first on an empty data folder (its fixed cost), then restarted on
 * the fleet's data folder in place of the tsx server.
 */
async function compiledRuns(r: BenchResults, home: BenchHome, tsxServer: ServerProcess, servers: ServerProcess[]): Promise<void> {
  const compiled = compileServer();
  if (!compiled.ok) throw new Error(`could not bundle the server: ${compiled.error}`);
  const emptyHome = createHome();
  try {
    const empty = await startServer(emptyHome, 'compiled', compiled.file);
    servers.push(empty);
    r.memory.compiledEmpty = await sampleIdle(empty.pid, 2);
    await empty.stop();
  } finally {
    removeHome(emptyHome);
  }
  await tsxServer.stop();
  const server = await startServer(home, 'compiled', compiled.file);
  servers.push(server);
  const list = await server.api.json<{ pagination: { totalItems: number } }>('GET', '/v1/sandboxes?state=Running&pageSize=1', 200);
  if (list.pagination.totalItems !== CONFIG.fleetSize) {
    throw new Error(`after the restart ${list.pagination.totalItems} sandboxes are Running, not ${CONFIG.fleetSize}`);
  }
  r.memory.compiledIdle = await sampleIdle(server.pid, CONFIG.idleSeconds);
  await server.stop();
}

function printSummary(r: BenchResults): void {
  const f = (x: number | undefined, unit: string) => (x === undefined ? 'not measured' : `${x.toFixed(2)}${unit}`);
  log(`create ratio (API/raw medians): ${f(r.create?.ratio, '×')}  API median ${f(r.create?.api.median, ' ms')}, raw median ${f(r.create?.raw.median, ' ms')}`);
  log(`list p50 ${f(r.list?.latency.median, ' ms')}, p99 ${f(r.list?.latency.p99, ' ms')}`);
  log(`engine list median ${f(r.engine?.list.median, ' ms')}`);
  const rss = (kb: number | undefined) => (kb === undefined ? undefined : (kb * 1024) / 1e6);
  log(`RSS idle: tsx ${f(rss(r.memory.tsxIdle?.proc.rssKb), ' MB')}, bundled ${f(rss(r.memory.compiledIdle?.proc.rssKb), ' MB')}`);
  const rr = r.renderer;
  log(`renderer (${rr?.listed ?? '?'} sandboxes): first render max ${f(rr?.firstRender?.firstRender.max, ' ms')}, tick (CPU) median ${f(rr?.ticks?.cpu.tick.median, ' ms')} max ${f(rr?.ticks?.cpu.tick.max, ' ms')}, event → screen p95 ${f(rr?.events?.eventToPaint.p95, ' ms')}`);
  const i = r.inside;
  const ld = r.load;
  log(`load (${ld?.clients ?? '?'} clients, ${ld?.fleet ?? '?'} sandboxes): ${ld ? `${ld.ops} requests, ${ld.opsPerSecond.toFixed(0)}/s, ${ld.errors} errors` : 'not measured'}, reads p99 ${f(ld?.reads.p99, ' ms')}, RSS left behind ${f(ld?.rss?.retainedMbPerMin, ' MB/min')} (low-water slope during ${f(ld?.rss?.lowSlopeMbPerMin, ' MB/min')})${ld?.rawReads ? `, raw Docker inspect p99 ${f(ld.rawReads.p99, ' ms')}` : ''}`);
  log(`inside: command ratio ${f(i?.command.ratio, '×')}, keystroke median ${f(i?.keystroke.sandlot.median, ' ms')}, 1 MiB file ratio ${f(i?.file.ratio, '×')}`);
  if (r.errors.length > 0) log(`${r.errors.length} step(s) failed: ${r.errors.map((e) => e.phase).join(', ')}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench: unexpected failure:', err);
    process.exit(1);
  },
);
