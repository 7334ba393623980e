// The report's part for 7 (mixed load): its summary rows and its section.
import { CONFIG } from './config';
import { mb, mbFromKb, mbOfBytes, ms } from './format';
import { LOAD_KINDS, type LoadResult } from './load';
import type { Summary } from './stats';
import { TARGETS, verdict } from './targets';

type Row = readonly string[];
type AddRow = (n: string, what: string, value: number | undefined, shown: string, target: number, targetText: string) => void;

export function loadSummaryRows(l: LoadResult | undefined, add: AddRow): void {
  const who = `${l?.clients ?? CONFIG.loadClients} clients, ${l ? l.seconds.toFixed(0) : CONFIG.loadSeconds} s, ${l?.fleet ?? CONFIG.loadFleet}+ live sandboxes`;
  add('7', `Mixed load (${who}): errors`, l?.errors, l ? `${l.errors} of ${l.ops.toLocaleString('en-US')} requests` : '', TARGETS.loadErrors, `${TARGETS.loadErrors}`);
  const raw = l?.rawReads ? `; raw Docker inspect under the same load p99 ${ms(l.rawReads.p99)}, so **${(l.reads.p99 / l.rawReads.p99).toFixed(2)}×** raw` : '';
  const own = l ? `; Sandlot's own part (Server-Timing) p99 ${ms(l.readsInServer.p99)}` : '';
  add('7', 'Mixed load: reads (get, list, endpoints) p99', l?.reads.p99, l ? `${ms(l.reads.p99)} (p50 ${ms(l.reads.median)})${raw}${own}` : '', TARGETS.loadReadP99Ms, `≤ ${TARGETS.loadReadP99Ms} ms`);
  const r = l?.rss;
  add('7', 'Mixed load: server RSS the load left behind (at rest after − at rest before, per minute of load)', r?.retainedMbPerMin,
    r ? `${r.retainedMbPerMin.toFixed(2)} MB/min (after a full GC: ${mb(r.atRest.before.rssKb)} before, ${mb(r.atRest.after.rssKb)} after; live heap ${mbOfBytes(r.atRest.before.heapBytes)} → ${mbOfBytes(r.atRest.after.heapBytes)}; during the load ${mb(r.startKb)} → max ${mb(r.maxKb)})` : '',
    TARGETS.loadRssRetainedMbPerMin, `≤ ${TARGETS.loadRssRetainedMbPerMin} MB/min`);
}

export function loadSection(l: LoadResult | undefined, table: (head: Row, rows: readonly Row[]) => string, summaryRow: (label: string, s: Summary) => Row, head: Row, missing: string): string {
  const title = '## 7. Mixed load: 50 clients, reads and lifecycle changes at once';
  if (!l) return `${title}\n\n${missing}`;
  const rows = LOAD_KINDS.flatMap((k) => {
    const s = l.latency[k];
    return s ? [summaryRow(k, s)] : [];
  });
  const r = l.rss;
  const rss = r
    ? `Server RSS (VmRSS of the \`serve\` process, read every second of the measured part, ${r.samplesKb.length} readings): start ${mb(r.startKb)},
end ${mb(r.endKb)}, max ${mb(r.maxKb)}; end − start ${(mbFromKb(r.endKb) - mbFromKb(r.startKb)).toFixed(1)} MB. Garbage collection saws RSS up
and down by tens of MB, so a slope through every reading mostly measures where the saw happened to stop
(${r.slopeMbPerMin.toFixed(2)} MB/min here). The lowest reading of each 10 s window:
${r.lowsKb.map((kb) => mb(kb)).join(', ')}; their slope ${r.lowSlopeMbPerMin.toFixed(2)} MB/min. Even those rise in a busy minute without
any leak: V8 leaves a busy minute's garbage in the old generation until allocation slows down. So what is judged is what
the load **leaves behind**, read when nothing is left to collect: before the clients start and after they stop (churn
deleted, fleet resumed), the bench has the server run two full garbage collections (through its inspector, opened on
loopback for the bench only) and then reads RSS and V8's live heap. Before: RSS ${mb(r.atRest.before.rssKb)}, live heap
${mbOfBytes(r.atRest.before.heapBytes)}; after: RSS ${mb(r.atRest.after.rssKb)}, live heap ${mbOfBytes(r.atRest.after.heapBytes)}. Left behind: **${r.retainedMbPerMin.toFixed(2)} MB of RSS per minute
of load** (target ≤ ${TARGETS.loadRssRetainedMbPerMin} MB/min: **${verdict(r.retainedMbPerMin, TARGETS.loadRssRetainedMbPerMin)}**).`
    : 'Server RSS: not read.';
  return `${title}

A fleet of ${l.fleet} sandboxes (busybox \`sleep 3600\`, cpu 100m, memory 16Mi, tags \`bench=load\` and one of 4
\`group\` values) is created and Running first. Then ${l.clients} clients run at once in the bench process, each on its
own keep-alive connection, each waiting a random 0–${l.thinkMs} ms between requests, for ${l.warmupSeconds} s of warm-up (not
counted) and **${l.seconds.toFixed(1)} s** measured. Each request is drawn at random:

- reads (65%): \`GET /v1/sandboxes/{id}\` of any fleet sandbox (30%); \`GET /v1/sandboxes?metadata=bench%3Dload%26group%3Dg…\`
  alone, with \`state=Running\`, or with \`state=Running&state=Paused\`, pageSize 50 (20%); \`GET …/endpoints/8000\` (published)
  or \`…/endpoints/44772\` (execd) of any fleet sandbox (15%);
- lifecycle (35%): create, then next time delete, a sandbox of the client's own (8%); pause or resume, whichever the
  state allows after a GET, on a sandbox the client owns (13%; fleet sandbox i belongs to client i mod ${l.clients}); renew to two
  hours from now (7%); patch two metadata keys (7%).

Every answer is checked against the status the API promises (200, 202, 204); anything else, or a failed request, is an
error. Live sandboxes during the run: ${l.liveMin}–${l.liveMax}. Deleted ones are purged at the next sweep (retention 0).
Timed from sending each request to the last byte of its answer, in the bench process (its own event loop, shared
with 49 other clients, is part of each number: its delay was p50 ${ms(l.clientLoopDelay.p50)}, p99 ${ms(l.clientLoopDelay.p99)}, max ${ms(l.clientLoopDelay.max)}
over the measured part). ${l.rawReads ? `The baseline: ${CONFIG.loadRawClients} more clients in the same process read the fleet's containers straight from
Docker (\`GET /containers/{id}/json\`, what \`docker inspect\` does) with the same think time, throughout.` : ''}

${table(head, [...rows, summaryRow('**all reads**', l.reads), summaryRow('all lifecycle changes', l.writes), ...(l.rawReads ? [summaryRow('raw Docker inspect (baseline)', l.rawReads)] : [])])}

**${l.ops.toLocaleString('en-US')} requests, ${l.opsPerSecond.toFixed(0)} per second, ${l.errors} errors** (target 0: **${verdict(l.errors, TARGETS.loadErrors)}**)${
    l.errorSamples.length ? `; first errors: ${l.errorSamples.map((e) => `\`${e.replace(/`/g, "'")}\``).join('; ')}` : ''}.
Reads p99 ${ms(l.reads.p99)} (target ≤ ${TARGETS.loadReadP99Ms} ms: **${verdict(l.reads.p99, TARGETS.loadReadP99Ms)}**)${
    l.rawReads ? `; Docker's own reads under the same load: p99 ${ms(l.rawReads.p99)}, so Sandlot's reads are **${(l.reads.p99 / l.rawReads.p99).toFixed(2)}×** the raw engine's` : ''}.
Of each read, Sandlot itself (its \`Server-Timing: app;dur\`, from routing the request to handing over the answer)
took p50 ${ms(l.readsInServer.median)}, p99 ${ms(l.readsInServer.p99)}, max ${ms(l.readsInServer.max)}; the rest of each read was spent on the way: in
the kernel and in the two processes' queues while they waited for a core (see docs/reliability.md, "Load").

${rss}`;
}
