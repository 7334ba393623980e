// `npm start`: the desktop app when Electron can run on this machine; otherwise it says plainly
// why not and runs the headless server instead (the same engine and API, the UI in a browser).
// Arguments go to whichever runs, e.g. `npm start -- --port 9000` (the desktop app ignores them).
//
// The electron npm package's index.js downloads the binary when it is missing, which hangs or
// fails without internet; so this script never requires it and reads path.txt/dist itself.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const require = createRequire(path.join(root, 'package.json'));
/** Electron failing this soon (bad libraries, no usable display) counts as "cannot start here". */
const QUICK_FAILURE_MS = 5_000;

/** The Electron binary's path, or why there is none. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron npm package is not installed (run npm install)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary is not installed (node_modules/electron has no path.txt: its download at npm install failed or was skipped)' };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `the Electron binary is missing (${path.relative(root, binary)} does not exist)` };
  return { binary };
}

/** Why this machine cannot show Electron's window, or null when it can. */
function platformReason() {
  if (process.platform !== 'linux') return null;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  // Chromium exits at once as root unless its sandbox is turned off, which Sandlot will not do for you.
  if (process.getuid?.() === 0) return 'Electron does not run as root without --no-sandbox (run npx electron . --no-sandbox yourself if you accept that)';
  return null;
}

let child = null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

function exitLike(code, signal) {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
}

function runHeadless(reason) {
  console.log(`sandlot: the desktop app cannot start here: ${reason}.`);
  console.log('sandlot: running the headless server instead (same engine and API; open the UI in a browser with the sign-in link below).');
  // tsx's own CLI under this Node: one process fewer than npx, and no shell needed on Windows.
  const tsx = require.resolve('tsx/cli');
  child = spawn(process.execPath, [tsx, path.join('src-main', 'serve.ts'), ...args], { cwd: root, stdio: 'inherit' });
  child.on('error', (err) => {
    console.error(`sandlot: could not run the headless server: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', exitLike);
}

function runElectron(binary) {
  const startedAt = Date.now();
  child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' });
  let fellBack = false;
  const fallBack = (reason) => {
    if (fellBack || stopping) return;
    fellBack = true;
    runHeadless(reason);
  };
  child.on('error', (err) => fallBack(`Electron could not be started (${err.message})`));
  child.on('exit', (code, signal) => {
    if (fellBack) return;
    const failedAtOnce = !stopping && Date.now() - startedAt < QUICK_FAILURE_MS && (code !== 0 || signal !== null);
    if (failedAtOnce) fallBack(`Electron exited at once (${signal ?? `exit code ${code}`})`);
    else exitLike(code, signal);
  });
}

const found = electronBinary();
const reason = found.reason ?? platformReason();
if (reason) runHeadless(reason);
else runElectron(found.binary);
