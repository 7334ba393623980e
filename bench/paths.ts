// Where the bench finds the project and writes what it makes.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const REPORT_FILE = path.join(ROOT, 'docs', 'benchmarks.md');
/** The server bundled without tsx; inside the project so its packages resolve from node_modules. */
export const BUNDLE_FILE = path.join(ROOT, 'bench', '.out', 'serve.mjs');
export const SERVE_ENTRY = path.join(ROOT, 'src-main', 'serve.ts');
