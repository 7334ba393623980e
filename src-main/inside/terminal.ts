// Interactive terminals: a shell with a TTY inside a sandbox, carried over a WebSocket.
//
// Docker has no way to kill an exec: closing the attach connection leaves the shell running.
// So every terminal's shell gets a marker in its environment (inherited by what it starts), and
// ending a terminal runs a tiny killer exec that sends SIGHUP, as a closing terminal would, to
// every process carrying the marker; SIGKILL follows when the shell does not go. A sandbox that
// is paused meanwhile cannot run the killer; it runs when the sandbox runs again.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EngineEvent } from '../contract/sandbox';
import type { ExecProcess } from '../runtime/exec';
import type { InsideDeps } from './deps';

export const TERMINAL_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi'];
const MARKER_VAR = 'SANDLOT_TERMINAL';
/** How long a hung-up shell gets before SIGKILL. */
const HANGUP_GRACE_MS = 1000;
const KILLER = [
  'for f in /proc/[0-9]*/environ; do',
  '  if grep -q "$2" "$f" 2>/dev/null; then p=${f#/proc/}; kill -"$1" "${p%/environ}" 2>/dev/null; fi',
  'done',
  'true',
].join('\n');

export interface TerminalSize {
  cols: number;
  rows: number;
}

export type TerminalEnd =
  /** The shell exited by itself. */
  | { kind: 'exit'; code: number }
  /** The sandbox left Running (paused, stopped, deleted) or Sandlot shut down. */
  | { kind: 'ended'; message: string };

export class TerminalSession {
  private ending: Promise<void> | null = null;
  private readonly endListeners = new Set<(end: TerminalEnd) => void>();
  private ended: TerminalEnd | null = null;

  constructor(
    readonly sandboxId: string,
    readonly containerId: string,
    /** `SANDLOT_TERMINAL=<random>`: what the killer looks for in /proc/<pid>/environ. */
    readonly marker: string,
    private readonly proc: ExecProcess,
    private readonly owner: Terminals,
  ) {
    void proc.exited.then((code) => this.finish({ kind: 'exit', code }));
  }

  /** The terminal's bytes (a TTY merges stdout and stderr). */
  get output(): Readable {
    return this.proc.stdout;
  }

  write(bytes: Buffer): void {
    if (!this.ended && this.proc.stream.writable) this.proc.stream.write(bytes);
  }

  async resize(size: TerminalSize): Promise<void> {
    if (this.ended) return;
    await this.proc.resize(size.cols, size.rows);
  }

  /** Called once when the terminal is over, for whatever reason. */
  onEnd(listener: (end: TerminalEnd) => void): void {
    if (this.ended) listener(this.ended);
    else this.endListeners.add(listener);
  }

  /** Hangs up the shell (and what it started), then drops the connection. Idempotent. */
  close(message = 'The terminal was closed'): Promise<void> {
    this.ending ??= this.hangUp(message);
    return this.ending;
  }

  private async hangUp(message: string): Promise<void> {
    if (!this.ended) {
      const gone = await this.owner.signal(this, 'HUP', HANGUP_GRACE_MS);
      if (!gone) await this.owner.signal(this, 'KILL', HANGUP_GRACE_MS);
    }
    this.proc.stream.destroy();
    this.finish({ kind: 'ended', message });
  }

  /** Resolves true when the shell has exited, false after `ms`. */
  exitedWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void this.proc.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private finish(end: TerminalEnd): void {
    if (this.ended) return;
    this.ended = end;
    this.owner.forget(this);
    for (const l of this.endListeners) l(end);
    this.endListeners.clear();
  }
}

export class Terminals {
  private readonly sessions = new Set<TerminalSession>();
  /** Markers whose processes could not be hung up (sandbox paused), by sandbox id. */
  private readonly pendingKills = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(protected readonly deps: InsideDeps) {
    this.unsubscribe = deps.engine.subscribe((e) => this.onEngineEvent(e));
  }

  /** Starts a login shell in a Running sandbox (404 / 409 / 503 as EngineErrors otherwise). */
  async open(sandboxId: string, size: TerminalSize): Promise<TerminalSession> {
    const containerId = this.deps.engine.runningContainer(sandboxId);
    const marker = `${MARKER_VAR}=${randomBytes(12).toString('hex')}`;
    const proc = await this.deps.runtime.exec.start(containerId, {
      cmd: TERMINAL_SHELL,
      env: { TERM: 'xterm-256color', [MARKER_VAR]: marker.slice(MARKER_VAR.length + 1) },
      tty: true,
      stdin: true,
    });
    const session = new TerminalSession(sandboxId, containerId, marker, proc, this);
    this.sessions.add(session);
    // Docker gives a new TTY 80x24 until told otherwise; a failure here only costs the size.
    await session.resize(size).catch(() => undefined);
    return session;
  }

  /** How many terminals are open (all sandboxes, or one). */
  count(sandboxId?: string): number {
    let n = 0;
    for (const s of this.sessions) if (sandboxId === undefined || s.sandboxId === sandboxId) n++;
    return n;
  }

  /**
   * Sends `sig` to every process of the session's terminal; true when the shell is gone within
   * `graceMs`. A sandbox that cannot run the killer now (paused) gets it when it runs again.
   */
  async signal(session: TerminalSession, sig: 'HUP' | 'KILL', graceMs: number): Promise<boolean> {
    try {
      await this.kill(session.containerId, session.marker, sig);
    } catch {
      this.remember(session.sandboxId, session.marker);
      return true;
    }
    return session.exitedWithin(graceMs);
  }

  /** @internal: the session is over. */
  forget(session: TerminalSession): void {
    this.sessions.delete(session);
  }

  /** Ends every terminal and waits for their shells to be killed, so none outlives Sandlot. */
  async close(): Promise<void> {
    this.unsubscribe();
    await Promise.allSettled([...this.sessions].map((s) => s.close('Sandlot is shutting down')));
  }

  private async kill(containerId: string, marker: string, sig: 'HUP' | 'KILL'): Promise<void> {
    const r = await this.deps.runtime.exec.run(containerId, { cmd: ['/bin/sh', '-c', KILLER, 'sh', sig, marker] });
    if (r.exitCode !== 0) throw new Error(`the terminal killer exited with ${r.exitCode}`);
  }

  private remember(sandboxId: string, marker: string): void {
    const set = this.pendingKills.get(sandboxId) ?? new Set<string>();
    set.add(marker);
    this.pendingKills.set(sandboxId, set);
  }

  private onEngineEvent(e: EngineEvent): void {
    if (e.type === 'removed') {
      this.pendingKills.delete(e.id);
      this.endAll(e.id, 'The sandbox was removed');
      return;
    }
    if (e.type !== 'sandbox') return;
    const { id, status, containerId } = e.sandbox;
    if (status.state === 'Running') {
      const markers = this.pendingKills.get(id);
      if (markers && containerId) {
        this.pendingKills.delete(id);
        for (const m of markers) void this.kill(containerId, m, 'KILL').catch(() => undefined);
      }
      return;
    }
    this.endAll(id, `The sandbox is ${status.state}`);
  }

  private endAll(sandboxId: string, message: string): void {
    for (const s of [...this.sessions]) if (s.sandboxId === sandboxId) void s.close(message);
  }
}
