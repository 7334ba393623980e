// The renderer benchmark alone (section 5 of `npm run bench`), for working on the renderer:
// `npx tsx bench/runRenderer.ts` (BENCH_QUICK=1 for 50 sandboxes). Prints the numbers and leaves
// docs/benchmarks.md alone; removes its containers when done, failed or interrupted.
import Docker from 'dockerode';
import { ensureTestImage } from '../test/fixtures/image';
import { removeByInstance } from './cleanup';
import { ms } from './format';
import { benchRenderer } from './renderer';
import type { ServerProcess } from './server';

const log = (s: string) => console.log(s);
let instance: string | null = null;
let server: ServerProcess | null = null;

// A stray rejection must not end the process before benchRenderer's cleanup has run.
process.on('unhandledRejection', (err) => log(`!! unhandled rejection: ${err instanceof Error ? err.message : String(err)}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: cleaning up before exit`);
    void (async () => {
      await server?.stop().catch(() => undefined);
      if (instance) log(`removed ${await removeByInstance(new Docker(), [instance])} containers`);
    })().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  await ensureTestImage(new Docker());
  const r = await benchRenderer({ log, onInstance: (id) => (instance = id), onServer: (s) => (server = s) });
  log(`\nChromium ${r.chromium}; ${r.listed} sandboxes listed (${r.fleet.running} Running, ${r.fleet.failed} failed, ${r.fleet.terminated} Terminated)`);
  if (r.firstRender) log(`first render, snapshot applied → painted: median ${ms(r.firstRender.firstRender.median)}, max ${ms(r.firstRender.firstRender.max)}, cold ${ms(r.firstRender.cold.firstRenderMs)}`);
  for (const [label, t] of r.ticks ? ([['CPU', r.ticks.cpu], ['wall', r.ticks.wall]] as const) : []) {
    log(`countdown tick, main-thread work (${label}): median ${ms(t.tick.median)}, p95 ${ms(t.tick.p95)}, max ${ms(t.tick.max)} (${t.gcWindows}/${r.ticks?.ticks} with a GC)`);
  }
  if (r.events) log(`event → DOM: median ${ms(r.events.eventToDom.median)}, p95 ${ms(r.events.eventToDom.p95)}; → painted p95 ${ms(r.events.eventToPaint.p95)}`);
  for (const e of r.errors) log(`!! ${e}`);
  return r.errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench (renderer):', err);
    process.exit(1);
  },
);
