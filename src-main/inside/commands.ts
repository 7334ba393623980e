// Commands run inside a sandbox for the execd API: foreground (streamed) and background, with
// status, background logs and interrupt. Each runs through Docker exec (see commandRun.ts);
// nothing is installed in the image.
import { randomUUID } from 'node:crypto';
import { EngineError, invalid } from '../engine/errors';
import type { ExecProcess } from '../runtime/exec';
import type { CommandEvent } from './commandEvents';
import { OutputLog, type LogSlice } from './commandOutput';
import { CommandRecords, statusBody, type CommandRecord, type CommandStatusBody } from './commandRecords';
import { CommandRun, wrapCommand, type FlowControl } from './commandRun';
import type { InsideDeps } from './deps';

/** What to run, as execd's RunCommandRequest carries it. */
export interface CommandSpec {
  command: string;
  cwd?: string;
  envs?: Record<string, string>;
  /** Milliseconds; 0 or absent means no limit. */
  timeoutMs?: number;
  uid?: number;
  gid?: number;
  background?: boolean;
}

export interface StartedCommand {
  id: string;
  /** Resolves after the last event of a foreground command (at once for a background one). */
  done: Promise<void>;
}

/** Background output kept per command; past it, the oldest lines are dropped. */
export const BACKGROUND_LOG_CAP_CHARS = 1024 * 1024;

export class Commands {
  private readonly records = new CommandRecords();
  private readonly unsubscribe: () => void;

  constructor(protected readonly deps: InsideDeps) {
    // A deleted sandbox's processes died with its container; its commands go with it.
    this.unsubscribe = deps.engine.subscribe((e) => {
      if (e.type === 'removed') this.records.drop(e.id);
      else if (e.type === 'sandbox' && e.sandbox.status.state === 'Terminated') this.records.drop(e.sandbox.id);
    });
  }

  /**
   * Starts a command. Resolves once the process runs, after `onEvent` got `init` (and, for a
   * background command, `execution_complete`); rejects with a 400 naming the field when the
   * request is wrong or Docker cannot enter `cwd`, before any event. With `flow`, a reader
   * with a backlog pauses the process's output instead of growing memory.
   */
  async start(sandboxId: string, spec: CommandSpec, onEvent: (e: CommandEvent) => void, flow: FlowControl | null = null): Promise<StartedCommand> {
    validate(spec);
    const containerId = this.deps.engine.runningContainer(sandboxId);
    const exec = this.deps.runtime.exec;
    const startedAt = Date.now();
    let proc: ExecProcess;
    try {
      proc = await exec.start(containerId, {
        cmd: wrapCommand(spec.command),
        env: spec.envs,
        cwd: spec.cwd || undefined,
        user: spec.uid === undefined ? undefined : spec.gid === undefined ? String(spec.uid) : `${spec.uid}:${spec.gid}`,
      });
    } catch (err) {
      throw dockerRefusal(sandboxId, err);
    }
    const log = spec.background ? new OutputLog(BACKGROUND_LOG_CAP_CHARS) : null;
    const run = new CommandRun({ exec, containerId, process: proc, startedAt, log, timeoutMs: spec.timeoutMs });
    const pid = await run.pid;
    if (pid === null) {
      const outcome = await run.outcome;
      throw startFailure(spec, run.startFailure.join('\n'), outcome.exitCode);
    }

    const record: CommandRecord = {
      id: randomUUID(),
      sandboxId,
      content: spec.command,
      background: spec.background ?? false,
      startedAt: new Date(startedAt),
      finishedAt: null,
      exitCode: null,
      error: undefined,
      output: log,
      interrupt: () => run.stop('interrupt'),
    };
    this.records.add(record);
    const settled = run.outcome.then((o) => {
      record.exitCode = o.exitCode;
      record.error = o.error;
      record.finishedAt = new Date();
    });

    onEvent({ type: 'init', text: record.id, timestamp: run.startedAt });
    if (spec.background) {
      // Like execd: the request is over once the process runs; status and logs tell the rest.
      onEvent({ type: 'execution_complete', execution_time: Date.now() - startedAt, timestamp: Date.now() });
      run.attach(() => undefined);
      return { id: record.id, done: Promise.resolve() };
    }
    run.attach(onEvent, flow);
    return { id: record.id, done: settled };
  }

  /** Interrupts a running command (TERM to its process tree, KILL after a grace). */
  async interrupt(sandboxId: string, id: string): Promise<void> {
    const r = this.require(sandboxId, id);
    // A command that already ended is left as it is: interrupting it again changes nothing.
    if (r.finishedAt !== null) return;
    // Signals need a Running container (a paused one cannot take them): else the engine's 409.
    this.deps.engine.runningContainer(sandboxId);
    await r.interrupt();
  }

  status(sandboxId: string, id: string): CommandStatusBody {
    return statusBody(this.require(sandboxId, id));
  }

  /** Background output from line `cursor` on, and the cursor for the next read. */
  logs(sandboxId: string, id: string, cursor?: number): LogSlice {
    const r = this.require(sandboxId, id);
    if (!r.output) throw invalid('id', `command ${id} ran in the foreground; its output was streamed, not kept`);
    return r.output.read(cursor);
  }

  close(): void {
    this.unsubscribe();
    this.records.clear();
  }

  /** A command of a sandbox the engine knows (else its 404); none once the sandbox is Terminated. */
  private require(sandboxId: string, id: string): CommandRecord {
    // The Terminated event goes out once the record is on disk, so a reader may see the state
    // first: the record decides, not the event.
    if (this.deps.engine.get(sandboxId).status.state === 'Terminated') this.records.drop(sandboxId);
    const r = this.records.get(sandboxId, id);
    if (!r) throw new EngineError('not_found', `Sandbox ${sandboxId} has no command ${id}`);
    return r;
  }
}

function validate(spec: CommandSpec): void {
  if (!spec.command.trim()) throw invalid('command', 'must not be blank');
  if (spec.gid !== undefined && spec.uid === undefined) throw invalid('gid', 'needs uid as well: a group alone cannot be set');
  for (const key of Object.keys(spec.envs ?? {})) {
    if (key === '' || key.includes('=') || key.includes('\0')) throw invalid(`envs.${key}`, 'is not a valid environment variable name');
  }
  if (spec.cwd !== undefined && spec.cwd !== '' && !spec.cwd.startsWith('/')) throw invalid('cwd', 'must be an absolute path');
}

/** Docker's message when it could not start the process at all (its OCI runtime's words). */
function startFailure(spec: CommandSpec, message: string, exitCode: number): EngineError {
  const text = message.trim();
  const chdir = /chdir to cwd .* failed: (.*?)(?:: unknown)?$/.exec(text);
  if (chdir) {
    const who = spec.uid !== undefined ? ` as uid ${spec.uid}` : '';
    return invalid('cwd', `cannot enter ${spec.cwd ?? ''} in the sandbox${who}: ${chdir[1] ?? text}`);
  }
  return new EngineError('conflict', `The sandbox could not start /bin/sh (exit code ${exitCode}): ${text || 'no reason given'}`);
}

/** Docker refusing to create or start the exec: the container went away or stopped meanwhile. */
function dockerRefusal(sandboxId: string, err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message;
  if (status === 404 || status === 409) return new EngineError('conflict', `Sandbox ${sandboxId} cannot run commands now: ${message}`);
  return err;
}
