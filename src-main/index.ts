// Electron entry (out/main/index.js). Everything that touches Electron lives in ./electron/;
// the headless entry is serve.ts.
import { runDesktopApp } from './electron/app';

runDesktopApp();
