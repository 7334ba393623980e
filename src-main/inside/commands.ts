// Commands run inside a sandbox for the execd API: foreground (streamed) and background.
import type { InsideDeps } from './deps';

export class Commands {
  constructor(protected readonly deps: InsideDeps) {}

  close(): void {}
}
