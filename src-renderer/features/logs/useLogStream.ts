// Follows one sandbox's output: the last 500 lines, then new ones as they come, over SSE with a
// fresh one-time link per connection. Lines are buffered and handed to React at most every
// 100 ms, so a chatty process does not re-render per line; the view keeps the newest 5,000.
import { useCallback, useEffect, useState } from 'react';
import type { LogLine } from '../../../src-main/contract/inside';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { readSse, withParams } from '../../lib/sse';

const FLUSH_MS = 100;
export const MAX_LINES = 5_000;
const TAIL = 500;

/** A line with a stable key for the list. */
export interface NumberedLine extends LogLine {
  n: number;
}

export type LogStatus = { kind: 'connecting' } | { kind: 'live' } | { kind: 'ended' } | { kind: 'error'; message: string };

interface Buffer {
  lines: readonly NumberedLine[];
  /** Lines dropped off the front to stay within MAX_LINES. */
  dropped: number;
}

export interface LogStream extends Buffer {
  status: LogStatus;
  reconnect(): void;
  clear(): void;
}

const EMPTY: Buffer = { lines: [], dropped: 0 };

export function useLogStream(id: string): LogStream {
  const bridge = useBridge();
  const [buffer, setBuffer] = useState<Buffer>(EMPTY);
  const [status, setStatus] = useState<LogStatus>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let pending: NumberedLine[] = [];
    let n = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const add = pending;
      pending = [];
      setBuffer((b) => {
        const all = b.lines.concat(add);
        const over = Math.max(0, all.length - MAX_LINES);
        return { lines: over > 0 ? all.slice(over) : all, dropped: b.dropped + over };
      });
    };
    // A reconnect asks for the tail again: start the view over rather than show lines twice.
    setBuffer(EMPTY);
    setStatus({ kind: 'connecting' });
    void (async () => {
      try {
        const { url } = await bridge.invoke('links.create', { purpose: 'logs', id });
        if (abort.signal.aborted) return;
        await readSse(
          withParams(url, { follow: true, tail: TAIL, timestamps: true }),
          abort.signal,
          (data) => {
            pending.push({ ...(JSON.parse(data) as LogLine), n: n++ });
            timer ??= setTimeout(flush, FLUSH_MS);
          },
          () => setStatus({ kind: 'live' }),
        );
        if (!abort.signal.aborted) setStatus({ kind: 'ended' });
      } catch (err) {
        if (!abort.signal.aborted) setStatus({ kind: 'error', message: errorText(err) });
      }
    })();
    return () => {
      abort.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [bridge, id, attempt]);

  const reconnect = useCallback(() => setAttempt((a) => a + 1), []);
  const clear = useCallback(() => setBuffer(EMPTY), []);
  return { ...buffer, status, reconnect, clear };
}
