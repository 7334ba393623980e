// Bundles the headless server with esbuild (the one tsx itself uses), so its memory can also be
// measured without tsx's loader thread and esbuild service, as the built desktop app runs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILE, ROOT, SERVE_ENTRY } from './paths';

export type Compiled = { ok: true; file: string } | { ok: false; error: string };

export function compileServer(): Compiled {
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  if (!existsSync(esbuild)) return { ok: false, error: `${esbuild} is missing` };
  try {
    execFileSync(
      esbuild,
      [SERVE_ENTRY, '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node20', `--outfile=${BUNDLE_FILE}`, '--log-level=error'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { ok: true, file: BUNDLE_FILE };
  } catch (err) {
    const e = err as { stderr?: Buffer; message?: string };
    return { ok: false, error: e.stderr?.toString().trim() || e.message || String(err) };
  }
}
