// Build for the desktop app: `npm run build` (electron-vite build) writes out/main, out/preload and
// out/renderer. Formats (electron-vite 6 + Electron 45, package.json "type": "module"):
// - main: ESM, out/main/index.js (package.json "main"); npm dependencies stay external and load
//   from node_modules, so the main bundle holds only Sandlot's own code.
// - preload: CommonJS in one file, out/preload/index.cjs. The window runs with sandbox: true, and
//   sandboxed preloads are not ES modules and can require only `electron` (and a few polyfills),
//   so the preload must be CJS and must not split into chunks.
// - renderer: a plain web app from src-renderer/index.html with relative asset paths (loadFile).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
  },
});
