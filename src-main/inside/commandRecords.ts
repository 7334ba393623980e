// What Sandlot remembers about the commands run in each sandbox: enough for status, logs and
// interrupt. Finished records are kept for a while (count and age caps), running ones always.
import type { OutputLog } from './commandOutput';

/** The wire shape of `GET /command/status/{id}` (execd's CommandStatusResponse). */
export interface CommandStatusBody {
  id: string;
  content: string;
  running: boolean;
  exit_code: number | null;
  error?: string;
  started_at: string;
  finished_at: string | null;
}

export interface CommandRecord {
  id: string;
  sandboxId: string;
  /** The command line as the client sent it. */
  content: string;
  background: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  exitCode: number | null;
  error: string | undefined;
  /** Combined stdout and stderr of a background command; foreground output is streamed only. */
  output: OutputLog | null;
  /** Stops the process tree (TERM, then KILL after a grace); resolves once it has ended. */
  interrupt(): Promise<void>;
}

export function statusBody(r: CommandRecord): CommandStatusBody {
  return {
    id: r.id,
    content: r.content,
    running: r.finishedAt === null,
    exit_code: r.exitCode,
    ...(r.error !== undefined ? { error: r.error } : {}),
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

export interface RetentionLimits {
  /** Finished records kept per sandbox, newest first. */
  maxFinished: number;
  /** How long a finished record is kept. */
  maxAgeMs: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { maxFinished: 1000, maxAgeMs: 60 * 60 * 1000 };

export class CommandRecords {
  /** Per sandbox, in start order (a Map keeps insertion order). */
  private readonly bySandbox = new Map<string, Map<string, CommandRecord>>();

  constructor(
    private readonly limits: RetentionLimits = DEFAULT_RETENTION,
    private readonly now: () => number = Date.now,
  ) {}

  add(r: CommandRecord): void {
    let records = this.bySandbox.get(r.sandboxId);
    if (!records) {
      records = new Map();
      this.bySandbox.set(r.sandboxId, records);
    }
    records.set(r.id, r);
    this.prune(r.sandboxId);
  }

  get(sandboxId: string, id: string): CommandRecord | undefined {
    this.prune(sandboxId);
    return this.bySandbox.get(sandboxId)?.get(id);
  }

  running(sandboxId: string): CommandRecord[] {
    return [...(this.bySandbox.get(sandboxId)?.values() ?? [])].filter((r) => r.finishedAt === null);
  }

  /** Forgets a sandbox's commands (it was deleted: its processes died with its container). */
  drop(sandboxId: string): void {
    this.bySandbox.delete(sandboxId);
  }

  clear(): void {
    this.bySandbox.clear();
  }

  /** Drops finished records that are too old, then the oldest finished ones over the count cap. */
  prune(sandboxId: string): void {
    const records = this.bySandbox.get(sandboxId);
    if (!records) return;
    const oldest = this.now() - this.limits.maxAgeMs;
    const finished: CommandRecord[] = [];
    for (const r of records.values()) {
      if (r.finishedAt === null) continue;
      if (r.finishedAt.getTime() < oldest) records.delete(r.id);
      else finished.push(r);
    }
    const over = finished.length - this.limits.maxFinished;
    for (const r of finished.slice(0, Math.max(0, over))) records.delete(r.id);
  }
}
