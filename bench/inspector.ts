// The server's V8 inspector, opened by the bench only (`--inspect=127.0.0.1:0`), to collect
// garbage on demand: memory read right after a full collection is what the process holds on to,
// whatever point of its garbage-collection cycle it happened to be in.
import WebSocket from 'ws';

export interface HeapAfterGc {
  /** V8's used heap right after the collection, bytes. */
  usedBytes: number;
}

interface Reply {
  id?: number;
  result?: { usedSize?: number };
  error?: { message?: string };
}

/** Runs a full garbage collection in the process behind `wsUrl` and returns its live heap. */
export async function collectGarbage(wsUrl: string): Promise<HeapAfterGc> {
  const ws = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    const pending = new Map<number, (r: Reply) => void>();
    ws.on('message', (data: Buffer) => {
      const r = JSON.parse(data.toString()) as Reply;
      if (r.id !== undefined) pending.get(r.id)?.(r);
    });
    let next = 0;
    const call = (method: string) =>
      new Promise<Reply>((resolve, reject) => {
        const id = ++next;
        pending.set(id, (r) => (r.error ? reject(new Error(`${method}: ${r.error.message ?? 'failed'}`)) : resolve(r)));
        ws.send(JSON.stringify({ id, method }));
      });
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return { usedBytes: usage.result?.usedSize ?? 0 };
  } finally {
    ws.close();
  }
}
