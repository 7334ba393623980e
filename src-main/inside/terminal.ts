// Interactive terminals: a shell with a TTY inside a sandbox, carried over a WebSocket.
import type { InsideDeps } from './deps';

export class Terminals {
  constructor(protected readonly deps: InsideDeps) {}

  close(): void {}
}
