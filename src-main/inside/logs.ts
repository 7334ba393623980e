// A sandbox's output (its main process's stdout and stderr), read or followed, as LogLines.
// Works for any sandbox that still has a container (Running, Paused, Failed...); following
// ends when the container stops.
import type { Readable } from 'node:stream';
import type { LogLine } from '../contract/inside';
import { EngineError, invalid } from '../engine/errors';
import { dockerMessage, isUnreachable, statusCode } from '../runtime/docker';
import type { LogChunk, LogOptions } from '../runtime/observe';
import type { InsideDeps } from './deps';

export interface LogQuery extends LogOptions {
  /** Print Docker's timestamp before each line (text output). */
  timestamps: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UNIX = /^\d{1,12}(\.\d{1,9})?$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;
const MAX_TAIL = 100_000;

function bool(name: string, raw: string | undefined, dflt: boolean): boolean {
  if (raw === undefined || raw === '') return dflt;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalid(name, `"${raw}" is not true or false`);
}

/** Reads the logs query (`follow`, `tail`, `since`, `timestamps`); 400 naming the field. */
export function parseLogQuery(q: Record<string, string | undefined>): LogQuery {
  const follow = bool('follow', q['follow'], false);
  const timestamps = bool('timestamps', q['timestamps'], false);
  let tail: number | 'all' = 'all';
  const t = q['tail'];
  if (t !== undefined && t !== '' && t !== 'all') {
    if (!/^\d+$/.test(t) || Number(t) > MAX_TAIL) throw invalid('tail', `"${t}" is not a line count from 0 to ${MAX_TAIL} (or "all")`);
    tail = Number(t);
  }
  let since: string | null = null;
  const s = q['since'];
  if (s !== undefined && s !== '') {
    if (UNIX.test(s)) since = s;
    else if (RFC3339.test(s) && !Number.isNaN(Date.parse(s))) since = rfc3339ToDocker(s);
    else throw invalid('since', `"${s}" is neither an RFC 3339 date-time nor Unix seconds`);
  }
  return { follow, tail, since, timestamps };
}

/** `2024-01-02T03:04:05.123456789Z` → `1704164645.123456789`, keeping nanoseconds Date drops. */
function rfc3339ToDocker(s: string): string {
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  const whole = Math.floor(Date.parse(s.replace(/\.\d+/, '')) / 1000);
  return frac ? `${whole}.${frac.slice(0, 9)}` : String(whole);
}

/**
 * Turns Docker's chunks (each one log entry, `<timestamp> <text>`) into lines per stream. A line
 * split across entries (Docker cuts lines over 16 KiB) keeps the first entry's timestamp.
 */
export class LineAssembler {
  private readonly pending: Record<LogLine['stream'], { text: string; at: string | null } | null> = { stdout: null, stderr: null };

  push(c: LogChunk): LogLine[] {
    let text = c.bytes.toString('utf8');
    let at: string | null = null;
    const m = TIMESTAMP.exec(text);
    if (m) {
      at = m[1] ?? null;
      text = text.slice(m[0].length);
    }
    const p = this.pending[c.stream];
    const acc = p ? { text: p.text + text, at: p.at } : { text, at };
    const parts = acc.text.split('\n');
    const last = parts.pop() ?? '';
    const lines = parts.map((t) => ({ stream: c.stream, text: t.replace(/\r$/, ''), at: acc.at }));
    this.pending[c.stream] = last ? { text: last, at: lines.length ? at : acc.at } : null;
    return lines;
  }

  /** What is left without a final newline. */
  flush(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.pending[stream];
      if (p) out.push({ stream, text: p.text, at: p.at });
      this.pending[stream] = null;
    }
    return out;
  }
}

export interface LogFeed {
  /** Lets lines flow (set up the receiving end first). */
  start(): void;
  /** Holds Docker's stream while the reader is slow. */
  pause(): void;
  resume(): void;
  /** Ends the feed early (the client went away). */
  stop(): void;
}

export class Logs {
  constructor(protected readonly deps: InsideDeps) {}

  /**
   * Streams the sandbox's log lines to `onLine`, then calls `onEnd` (once): at the end of what
   * Docker has without `follow`, when the container stops with it, or after `stop()`.
   * Throws EngineErrors (404 unknown, 409 no container, 503 no Docker) before anything is sent.
   */
  async open(id: string, q: LogOptions, onLine: (l: LogLine) => void, onEnd: () => void): Promise<LogFeed> {
    const containerId = this.deps.engine.anyContainer(id);
    let stream: Readable;
    try {
      stream = await this.deps.runtime.observe.logs(containerId, q);
    } catch (err) {
      if (isUnreachable(err)) throw new EngineError('unavailable', dockerMessage(err));
      if (statusCode(err) === 404) throw new EngineError('conflict', `Sandbox ${id} has no container any more`);
      throw err;
    }
    const lines = new LineAssembler();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      for (const l of lines.flush()) onLine(l);
      onEnd();
    };
    stream.pause();
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
    return {
      start: () => {
        stream.on('data', (c: LogChunk) => {
          for (const l of lines.push(c)) onLine(l);
        });
        stream.resume();
      },
      pause: () => stream.pause(),
      resume: () => stream.resume(),
      stop: () => {
        ended = true;
        stream.destroy();
      },
    };
  }
}
