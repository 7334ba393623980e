// One command process inside a container, from Docker exec start to its last line of output.
//
// The user's command runs under a tiny wrapper: `/bin/sh -c 'echo <marker> $$; exec /bin/sh -c "$1"'`.
// The first stdout line then carries the pid of the process (the `exec` keeps it), which is what
// interrupt and timeout need: Docker's exec API cannot signal a process. When Docker cannot start
// the process at all (a missing cwd, no /bin/sh), the marker never comes and stdout holds Docker's
// message instead, which tells a failed start apart from a command that failed.
import type { Readable } from 'node:stream';
import type { ExecApi, ExecProcess } from '../runtime/exec';
import { COMMAND_EXEC_ERROR, type CommandEvent } from './commandEvents';
import { LineSplitter, type OutputLog } from './commandOutput';
import { signalTree, type TreeSignal } from './processTree';

const PID_MARKER = '__sandlot_command_pid__';
const PID_LINE = new RegExp(`^${PID_MARKER} (\\d+)$`);

/** How long an interrupted command gets after TERM before it is killed. */
export const INTERRUPT_GRACE_MS = 2000;
/** How long to wait for the output to close after KILL before giving up on it (a process that
 * escaped the tree, e.g. by daemonizing, can hold the output open forever). */
const KILL_SETTLE_MS = 3000;

/** The argv that runs `command` with the shell and reports its pid first. */
export function wrapCommand(command: string): string[] {
  return ['/bin/sh', '-c', `echo ${PID_MARKER} $$; exec /bin/sh -c "$1"`, 'sh', command];
}

export type StopReason = 'interrupt' | 'timeout';

/** How a run ended: what status reports and what the last event says. */
export interface RunOutcome {
  exitCode: number;
  /** Set when the exit code is not 0. */
  error?: string;
  final: CommandEvent;
}

export interface RunOptions {
  exec: ExecApi;
  containerId: string;
  process: ExecProcess;
  startedAt: number;
  /** Background output goes here (stdout and stderr combined) instead of to events. */
  log: OutputLog | null;
  timeoutMs?: number;
}

/** Lets a slow reader hold the process back: its output waits in Docker, not in Sandlot. */
export interface FlowControl {
  /** True when the reader has a backlog. */
  congested(): boolean;
  /** Resolves when the backlog is gone (or the reader left). */
  drained(): Promise<void>;
}

export class CommandRun {
  /** The pid inside the container once the marker came; null when Docker did not start it. */
  readonly pid: Promise<number | null>;
  /** Resolves once the process has ended and all its output has been read. */
  readonly outcome: Promise<RunOutcome>;
  /** Docker's words when the process did not start (stdout without the marker). */
  readonly startFailure: string[] = [];

  private knownPid: number | null | undefined;
  private resolvePid!: (pid: number | null) => void;
  private listener: ((e: CommandEvent) => void) | null = null;
  private flow: FlowControl | null = null;
  private held = false;
  /** When the pid marker came: before any output, so the init event can carry it. */
  startedAt = 0;
  private readonly queued: CommandEvent[] = [];
  private stopReason: StopReason | null = null;
  private stopping: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private done = false;

  constructor(private readonly opts: RunOptions) {
    this.pid = new Promise((resolve) => (this.resolvePid = resolve));
    const proc = opts.process;
    const out = new LineSplitter((line) => this.stdoutLine(line));
    const err = new LineSplitter((line) => this.line('stderr', line));
    proc.stdout.on('data', (c: Buffer) => out.push(c));
    proc.stderr.on('data', (c: Buffer) => err.push(c));
    // A destroyed exec stream (after a kill that left the output open) never ends the demuxed
    // streams, so its close counts as their end too (a tick later, so output already in them
    // is read first).
    const closed = new Promise<void>((resolve) => proc.stream.once('close', () => setImmediate(resolve)));
    this.outcome = Promise.all([proc.exited, ended(proc.stdout, closed), ended(proc.stderr, closed)]).then(([code]) => {
      out.end();
      err.end();
      this.done = true;
      if (this.timer) clearTimeout(this.timer);
      if (this.knownPid === undefined) this.resolvePid(null);
      return this.conclude(code);
    });
    if (opts.timeoutMs) {
      const ms = opts.timeoutMs;
      this.timer = setTimeout(() => void this.stop('timeout').catch(() => undefined), ms);
      this.timer.unref();
    }
  }

  /** Starts delivering events (the ones that came before are delivered first). */
  attach(listener: (e: CommandEvent) => void, flow: FlowControl | null = null): void {
    this.listener = listener;
    this.flow = flow;
    for (const e of this.queued.splice(0)) this.emit(e);
  }

  get finished(): boolean {
    return this.done;
  }

  /**
   * Ends the process tree: KILL at once on timeout; TERM, then KILL after a grace, on interrupt.
   * Resolves once the run has ended.
   */
  stop(reason: StopReason): Promise<void> {
    if (this.done) return Promise.resolve();
    this.stopReason ??= reason;
    this.stopping ??= this.terminate(reason);
    return this.stopping;
  }

  private async terminate(reason: StopReason): Promise<void> {
    const pid = await this.pid;
    if (pid !== null) {
      if (reason === 'interrupt') {
        await this.signal(pid, 'TERM');
        if (await this.endsWithin(INTERRUPT_GRACE_MS)) return;
      }
      await this.signal(pid, 'KILL');
    }
    if (await this.endsWithin(KILL_SETTLE_MS)) return;
    this.opts.process.stream.destroy();
    await this.outcome;
  }

  private async signal(pid: number, sig: TreeSignal): Promise<void> {
    // The container may be gone already (deleted sandbox); then so is the process.
    await signalTree(this.opts.exec, this.opts.containerId, pid, sig).catch(() => undefined);
  }

  private async endsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const ok = await Promise.race([this.outcome.then(() => true as const), late]);
    clearTimeout(timer);
    return ok;
  }

  private stdoutLine(line: string): void {
    if (this.knownPid === undefined) {
      const m = PID_LINE.exec(line);
      this.knownPid = m ? Number(m[1]) : null;
      this.startedAt = Date.now();
      this.resolvePid(this.knownPid);
      if (m) return;
    }
    if (this.knownPid === null) this.startFailure.push(line);
    else this.line('stdout', line);
  }

  private line(type: 'stdout' | 'stderr', text: string): void {
    if (this.opts.log) this.opts.log.append(text);
    else this.emit({ type, text, timestamp: Date.now() });
  }

  private emit(e: CommandEvent): void {
    if (!this.listener) {
      this.queued.push(e);
      return;
    }
    this.listener(e);
    if (this.flow && !this.held && this.flow.congested()) {
      this.held = true;
      const stream = this.opts.process.stream;
      stream.pause();
      void this.flow.drained().then(() => {
        this.held = false;
        stream.resume();
      });
    }
  }

  private conclude(reported: number): RunOutcome {
    const timestamp = Date.now();
    // A process killed so hard that Docker lost track reports no code: it died of SIGKILL.
    const exitCode = reported < 0 && this.stopReason ? 137 : reported;
    let detail: string;
    if (this.stopReason === 'timeout') detail = `timed out after ${this.opts.timeoutMs} ms; Sandlot killed it (exit code ${exitCode})`;
    else if (this.stopReason === 'interrupt') detail = `interrupted (exit code ${exitCode})`;
    else detail = `exit status ${exitCode}`;
    const outcome: RunOutcome =
      exitCode === 0 && this.stopReason !== 'timeout'
        ? { exitCode, final: { type: 'execution_complete', execution_time: timestamp - this.opts.startedAt, timestamp } }
        : {
            exitCode,
            error: detail,
            final: { type: 'error', error: { ename: COMMAND_EXEC_ERROR, evalue: String(exitCode), traceback: [detail] }, timestamp },
          };
    this.emit(outcome.final);
    return outcome;
  }
}

function ended(stream: Readable, orElse: Promise<void>): Promise<void> {
  const own = new Promise<void>((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', resolve);
    stream.once('close', resolve);
  });
  return Promise.race([own, orElse]);
}
