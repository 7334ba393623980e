// A server-sent event stream on a Fastify reply: each event object leaves as `data: <json>` and
// a blank line (what execd sends and what the SDKs and src-main/contract/sse.ts read), with a
// heartbeat while it is quiet and a clean stop when the client goes away.
import type { FastifyReply } from 'fastify';

export interface SseOptions {
  /** How often to send the heartbeat on a quiet stream; 0 sends none. */
  heartbeatMs?: number;
  /** The heartbeat event; without one, an SSE comment line (`: ping`) that readers skip. */
  heartbeat?: () => object;
}

export interface SseStream {
  /** Writes one event; false once the client is gone (the event is dropped). */
  send(event: object): boolean;
  /** Ends the response (no-op when the client already left). */
  close(): void;
  /** True while the client has not yet taken what was written (slow reader). */
  readonly congested: boolean;
  /** Resolves once the backlog is written out, or the stream closed. */
  drained(): Promise<void>;
  /** True once the client went away or close() ran. */
  readonly closed: boolean;
  /** Runs once when the client goes away before close() (at once if it already has): stop the
   * work that feeds the stream. */
  onClientGone(listener: () => void): void;
}

/** Takes over the reply and sends the SSE head (with the headers hooks already set). */
export function openSse(reply: FastifyReply, opts: SseOptions = {}): SseStream {
  reply.hijack();
  const res = reply.raw;
  const set: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) set[k] = v;
  res.writeHead(200, {
    ...set,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();

  let closed = false;
  let gone = false;
  let lastWrite = Date.now();
  const goneListeners: Array<() => void> = [];
  const write = (chunk: string): boolean => {
    if (closed || res.destroyed || res.writableEnded) return false;
    lastWrite = Date.now();
    res.write(chunk);
    return true;
  };

  const heartbeatMs = opts.heartbeatMs ?? 3000;
  const timer =
    heartbeatMs > 0
      ? setInterval(() => {
          if (Date.now() - lastWrite < heartbeatMs) return;
          write(opts.heartbeat ? frame(opts.heartbeat()) : ': ping\n\n');
        }, heartbeatMs)
      : null;
  timer?.unref();

  const finish = (byClient: boolean) => {
    if (closed) return;
    closed = true;
    gone = byClient;
    if (timer) clearInterval(timer);
    if (byClient) for (const l of goneListeners.splice(0)) l();
  };
  // 'close' also follows our own end(); by then `closed` is already set.
  res.once('close', () => finish(true));

  return {
    send: (event) => write(frame(event)),
    close() {
      if (closed) return;
      finish(false);
      if (!res.destroyed && !res.writableEnded) res.end();
    },
    get closed() {
      return closed;
    },
    get congested() {
      return !closed && res.writableNeedDrain;
    },
    drained() {
      if (closed || !res.writableNeedDrain) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    },
    onClientGone(listener) {
      if (gone) listener();
      else if (!closed) goneListeners.push(listener);
    },
  };
}

export function frame(event: object): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}
