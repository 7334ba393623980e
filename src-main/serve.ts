// Headless entry: `npm run serve [-- --port N]`. The same engine and API as the desktop app,
// on 127.0.0.1, for machines with no display, for scripts, and for the tests.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultHome } from './store/paths';
import { DEFAULT_PORT, startSandlot } from './sandlot';

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`sandlot: --port must be a port number from 0 to 65535, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, home: { type: 'string' } }, allowPositionals: false });
  const port = parsePort(values.port);
  const home = values.home ?? defaultHome();
  // The renderer built by `npm run build` (npm run serve builds it first).
  const uiRoot = path.resolve(import.meta.dirname, '..', 'out', 'renderer');
  const sandlot = await startSandlot({ home, port: port ?? DEFAULT_PORT, portFallback: port === undefined, uiRoot, shell: 'web' });
  if (sandlot.fellBack) console.log(`sandlot: port ${DEFAULT_PORT} is taken; using ${sandlot.port} instead`);
  const docker = sandlot.engine.status;
  console.log(`sandlot: API listening on ${sandlot.url}/v1`);
  console.log(`sandlot: API key in ${sandlot.settings.path} (apiKey); live URL and key in ${home}/server.json`);
  console.log(`sandlot: Docker ${docker.docker} at ${docker.endpoint}: ${docker.detail}`);
  console.log(`sandlot: export OPEN_SANDBOX_DOMAIN=127.0.0.1:${sandlot.port} OPEN_SANDBOX_API_KEY=<key>`);
  console.log(`sandlot: open the UI (one-time sign-in link): ${sandlot.uiSignInUrl()}`);
  sandlot.engine.subscribe((e) => {
    if (e.type === 'engine') console.log(`sandlot: Docker ${e.status.docker}: ${e.status.detail}`);
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`sandlot: ${signal}, shutting down (sandboxes keep running)`);
    sandlot.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('sandlot: error while shutting down', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') console.error(`sandlot: the port is already in use (${e.message}); pick another with --port`);
  else console.error('sandlot: could not start:', err);
  process.exit(1);
});
