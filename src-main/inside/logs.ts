// A sandbox's output (its main process's stdout and stderr), read or followed.
import type { InsideDeps } from './deps';

export class Logs {
  constructor(protected readonly deps: InsideDeps) {}
}
