// Live resource usage of Running sandboxes from Docker stats, shared by every watcher.
import type { InsideDeps } from './deps';

export class Usage {
  constructor(protected readonly deps: InsideDeps) {}

  close(): void {}
}
