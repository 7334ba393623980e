// execd's /metrics and /metrics/watch, from the same Docker stats as the UI's usage tab.
// execd reports the sandbox as if it were a machine: its cores (the CPU limit, else the host's),
// CPU busy in percent of all those cores (0..100), and memory against its limit, in MiB.
import type { FastifyInstance } from 'fastify';
import type { UsageSample } from '../../contract/inside';
import type { Inside } from '../../inside/inside';
import { EXECD_ROUTE } from './prefix';
import { openSse } from './sse';

/** execd's Metrics schema (execd-api.yaml). */
export interface ExecdMetrics {
  cpu_count: number;
  cpu_used_pct: number;
  mem_total_mib: number;
  mem_used_mib: number;
  /** Unix milliseconds. */
  timestamp: number;
}

const MIB = 1024 * 1024;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function toExecdMetrics(s: UsageSample): ExecdMetrics {
  const pct = s.cpuCores > 0 ? s.cpuPercent / s.cpuCores : 0;
  return {
    cpu_count: s.cpuCores,
    cpu_used_pct: round2(Math.min(100, Math.max(0, pct))),
    mem_total_mib: round2(s.memoryLimitBytes / MIB),
    mem_used_mib: round2(s.memoryBytes / MIB),
    timestamp: Date.parse(s.at),
  };
}

export function execdMetricRoutes(app: FastifyInstance, inside: Inside): void {
  type Req = { Params: { sandboxId: string } };
  app.get<Req>(`${EXECD_ROUTE}/metrics`, { schema: { tags: ['execd'], summary: 'System metrics' } }, async (req, reply) => {
    const sample = await inside.usage.sample(req.params.sandboxId);
    return reply.header('cache-control', 'no-store').send(toExecdMetrics(sample));
  });

  // One event per reading while the sandbox runs; the stream ends when it stops.
  app.get<Req>(`${EXECD_ROUTE}/metrics/watch`, { schema: { tags: ['execd'], summary: 'Watch system metrics (SSE)' } }, async (req, reply) => {
    let stream: ReturnType<typeof openSse> | null = null;
    // watch() checks the state first: 404 / 409 are still plain JSON answers.
    const hold = inside.usage.watch(req.params.sandboxId, {
      onSample: (s) => stream?.send(toExecdMetrics(s)),
      onEnd: () => stream?.close(),
    });
    stream = openSse(reply, { heartbeatMs: 15_000 });
    stream.onClientGone(() => hold.release());
    const now = hold.latest();
    if (now) stream.send(toExecdMetrics(now));
  });
}
