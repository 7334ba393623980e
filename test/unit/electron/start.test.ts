// `npm start`'s launcher (scripts/start.mjs) in a throwaway project folder: a stub serve.ts that
// prints its arguments, and an electron package whose binary is missing, absent or a stub.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sandlot-start-'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(path.join(repo, 'scripts/start.mjs'), path.join(root, 'scripts/start.mjs'));
  writeFileSync(path.join(root, 'package.json'), '{"type":"module"}\n');
  mkdirSync(path.join(root, 'src-main'));
  writeFileSync(path.join(root, 'src-main/serve.ts'), "console.log('SERVE ' + JSON.stringify(process.argv.slice(2)));\nprocess.exit(3);\n");
  mkdirSync(path.join(root, 'node_modules/electron'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules/electron/package.json'), '{"name":"electron","version":"45.5.0"}\n');
  symlinkSync(path.join(repo, 'node_modules/tsx'), path.join(root, 'node_modules/tsx'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function installFakeElectron(): void {
  writeFileSync(path.join(root, 'node_modules/electron/path.txt'), 'electron');
  mkdirSync(path.join(root, 'node_modules/electron/dist'));
  const bin = path.join(root, 'node_modules/electron/dist/electron');
  writeFileSync(bin, '#!/bin/sh\necho "ELECTRON $*"\nexit "${FAKE_ELECTRON_EXIT:-0}"\n');
  chmodSync(bin, 0o755);
}

/** As root (CI), the "Electron can run" case runs as nobody, since Electron refuses root. */
const NOBODY = 65534;
const asNobody = process.getuid?.() === 0;

function start(env: Record<string, string | undefined>, unprivileged = false): { out: string; status: number | null } {
  const base: Record<string, string | undefined> = { ...process.env, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, ELECTRON_OVERRIDE_DIST_PATH: undefined };
  const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter((e): e is [string, string] => e[1] !== undefined));
  const user = unprivileged && asNobody ? { uid: NOBODY, gid: NOBODY } : {};
  const r = spawnSync(process.execPath, ['scripts/start.mjs', '--port', '9'], { cwd: root, env: merged, encoding: 'utf8', timeout: 30_000, ...user });
  return { out: r.stdout + r.stderr, status: r.status };
}

const HEADLESS = 'running the headless server instead';

describe.runIf(process.platform === 'linux')('npm start (scripts/start.mjs)', () => {
  it('says the binary is not installed, then runs the headless server with the same arguments', () => {
    const { out, status } = start({ DISPLAY: ':0' });
    expect(out).toContain('the desktop app cannot start here: the Electron binary is not installed');
    expect(out).toContain(HEADLESS);
    expect(out).toContain('SERVE ["--port","9"]');
    expect(status).toBe(3); // the server's own exit code
  });

  it('says the binary is missing when path.txt names a file that is not there', () => {
    writeFileSync(path.join(root, 'node_modules/electron/path.txt'), 'electron');
    const { out } = start({ DISPLAY: ':0' });
    expect(out).toContain('the Electron binary is missing (node_modules/electron/dist/electron does not exist)');
    expect(out).toContain('SERVE');
  });

  it('says there is no display when neither DISPLAY nor WAYLAND_DISPLAY is set', () => {
    installFakeElectron();
    const { out } = start({});
    expect(out).toContain('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
    expect(out).not.toContain('ELECTRON');
    expect(out).toContain('SERVE');
  });

  it.runIf(process.getuid?.() === 0)('as root, says Electron will not run without --no-sandbox', () => {
    installFakeElectron();
    const { out } = start({ WAYLAND_DISPLAY: 'wayland-0' });
    expect(out).toContain('Electron does not run as root without --no-sandbox');
    expect(out).toContain('SERVE');
  });

  it('runs Electron when it can, and falls back when it fails at once', () => {
    installFakeElectron();
    if (asNobody) chmodSync(root, 0o755);
    const ok = start({ DISPLAY: ':0', HOME: os.tmpdir() }, true);
    expect(ok.out).toContain(`ELECTRON ${root} --port 9`);
    expect(ok.out).not.toContain('SERVE');
    expect(ok.status).toBe(0);
    const failing = start({ DISPLAY: ':0', HOME: os.tmpdir(), FAKE_ELECTRON_EXIT: '1' }, true);
    expect(failing.out).toContain('Electron exited at once (exit code 1)');
    // As nobody the repo's tsx may sit behind folders nobody cannot enter (CI's clone), so
    // check the fallback is announced; the other tests show the fallback really serving.
    expect(failing.out).toContain(HEADLESS);
  });
});
