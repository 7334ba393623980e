// Everything Sandlot does inside a sandbox, composed once and shared by the HTTP routes (execd
// API, logs, usage, terminal) and the bridge (the UI's tabs).
import { Commands } from './commands';
import type { InsideDeps } from './deps';
import { Files } from './files';
import { Logs } from './logs';
import { Terminals } from './terminal';
import { Usage } from './usage';

export class Inside {
  readonly commands: Commands;
  readonly files: Files;
  readonly logs: Logs;
  readonly usage: Usage;
  readonly terminals: Terminals;

  constructor(private readonly deps: InsideDeps) {
    this.commands = new Commands(deps);
    this.files = new Files(deps);
    this.logs = new Logs(deps);
    this.usage = new Usage(deps);
    this.terminals = new Terminals(deps);
  }

  /** Throws the engine's 404 unless the sandbox exists (in any state). */
  requireSandbox(sandboxId: string): void {
    this.deps.engine.get(sandboxId);
  }

  /** Throws unless things can run inside the sandbox now (404 unknown, 409 not Running): execd's health check. */
  ready(sandboxId: string): void {
    this.deps.engine.runningContainer(sandboxId);
  }

  /** Stops background work (stats streams, command timers, terminals); sandboxes keep running. */
  async close(): Promise<void> {
    this.usage.close();
    this.commands.close();
    await this.terminals.close();
  }
}
