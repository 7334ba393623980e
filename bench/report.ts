// Writes docs/benchmarks.md from the results: the machine, a summary against the targets,
// then each measurement with its method, so a reader can judge the numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateResult } from './create';
import type { EngineListResult } from './engineList';
import type { Fleet } from './fleet';
import { mb, mbFromKb, ms, times } from './format';
import type { ListResult } from './list';
import type { MachineInfo } from './machine';
import type { MemoryResult, MemorySample } from './memory';
import { REPORT_FILE } from './paths';
import type { Summary } from './stats';
import { TARGETS, verdict } from './targets';

export interface BenchResults {
  quick: boolean;
  machine?: MachineInfo;
  startedAt: Date;
  finishedAt: Date;
  loadStart: string;
  loadEnd: string;
  engine?: EngineListResult;
  create?: CreateResult;
  fleet?: Fleet;
  list?: ListResult;
  memory: MemoryResult;
  errors: Array<{ phase: string; message: string }>;
  cleanup: { removed: number; error?: string };
}

type Row = readonly string[];

function table(head: Row, rows: readonly Row[]): string {
  const line = (r: Row) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function summaryRow(label: string, s: Summary): Row {
  return [label, String(s.n), ms(s.median), ms(s.p95), ms(s.p99), ms(s.min), ms(s.max), ms(s.mean)];
}
const SUMMARY_HEAD: Row = ['', 'n', 'median', 'p95', 'p99', 'min', 'max', 'mean'];

function missing(r: BenchResults, phase: string): string {
  const e = r.errors.find((x) => x.phase === phase);
  return e ? `Not measured: ${e.message}` : 'Not measured (an earlier step failed).';
}

function machineSection(r: BenchResults): string {
  const m = r.machine;
  const seconds = (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000;
  const rows: Row[] = m
    ? [
        ['CPU', m.cpuModel],
        ['Cores', String(m.cores)],
        ['Memory', `${m.memoryGiB.toFixed(1)} GiB`],
        ['OS', `${m.os}; ${m.kernel}`],
        ['Node', m.node],
        ['Docker', `${m.docker}${m.dockerDetails ? `; ${m.dockerDetails}` : ''}`],
        ['Other containers on the daemon at start', `${m.containersAtStart} (${m.runningAtStart} running)`],
      ]
    : [['Machine', 'unknown (Docker did not answer)']];
  rows.push(
    ['Date', r.startedAt.toISOString()],
    ['Command', '`npm run bench`'],
    ['Duration', `${Math.round(seconds)} s`],
    ['Load average 1/5/15 min', `start ${r.loadStart}; end ${r.loadEnd}`],
  );
  return `## Machine\n\n${table(['', ''], rows)}`;
}

function rssOf(s: MemorySample | undefined): number | undefined {
  return s ? mbFromKb(s.proc.rssKb) : undefined;
}

function summarySection(r: BenchResults): string {
  const rows: Row[] = [];
  const add = (n: string, what: string, value: number | undefined, shown: string, target: number, targetText: string) =>
    rows.push([n, what, value === undefined ? 'not measured' : shown, targetText, value === undefined ? '—' : `**${verdict(value, target)}**`]);
  const c = r.create;
  add('1', `Create → Running, API vs raw Docker: ratio of medians`, c?.ratio,
    c ? `${times(c.ratio)} (API ${ms(c.api.median)}, raw ${ms(c.raw.median)})` : '', TARGETS.createRatio, `≤ ${times(TARGETS.createRatio)}`);
  const l = r.list;
  add('2', `List with ${l?.sandboxes ?? 200} live sandboxes, p50`, l?.latency.median, l ? ms(l.latency.median) : '', TARGETS.listP50Ms, `≤ ${TARGETS.listP50Ms} ms`);
  add('2', `List with ${l?.sandboxes ?? 200} live sandboxes, p99`, l?.latency.p99, l ? ms(l.latency.p99) : '', TARGETS.listP99Ms, `≤ ${TARGETS.listP99Ms} ms`);
  const e = r.engine;
  add('3', `Engine list/filter over ${e?.records.toLocaleString('en-US') ?? '10,000'} records, median`, e?.list.median, e ? ms(e.list.median) : '', TARGETS.engineListMedianMs, `≤ ${TARGETS.engineListMedianMs} ms`);
  const m = r.memory;
  const tsx = rssOf(m.tsxIdle);
  const damaged = r.errors.some((x) => x.phase === 'fleet intact') ? ' (fleet damaged meanwhile: see Errors)' : '';
  add('4', `Server RSS idle with ${m.sandboxes} sandboxes (\`node --import tsx\`)`, tsx, tsx !== undefined ? `${tsx.toFixed(1)} MB${damaged}` : '', TARGETS.rssMb, `≤ ${TARGETS.rssMb} MB`);
  const compiled = rssOf(m.compiledIdle);
  add('4', `Same, server bundled with esbuild, plain \`node\` (no tsx)`, compiled, compiled !== undefined ? `${compiled.toFixed(1)} MB` : '', TARGETS.rssMb, `≤ ${TARGETS.rssMb} MB`);
  return `## Summary\n\nTargets are goals to compare against, not tests: a MISS does not fail the run.\n\n${table(['#', 'Measurement', 'Result', 'Target', ''], rows)}`;
}

function createSection(r: BenchResults): string {
  const title = '## 1. Create → Running: HTTP API against raw Docker';
  const c = r.create;
  if (!c) return `${title}\n\n${missing(r, 'create')}`;
  return `${title}

One sandbox at a time on the same daemon, alternating API and raw (the side that goes first
alternates too), ${c.warmupPairs} warm-up pairs thrown away, then ${c.pairs} measured pairs. Every
container is removed (and the next one waits ${c.settleMs} ms) before the next measurement starts, so
each one meets the same daemon state.

- **API**: \`POST /v1/sandboxes\` (image \`sandlot-test/busybox:1\`, entrypoint \`sleep 3600\`,
  cpu 500m, memory 128Mi, timeout 3600 s), then \`GET /v1/sandboxes/{id}\` every ${c.pollMs} ms
  until it answers \`Running\`; timed from sending the POST to that answer, on one keep-alive
  connection. Removed with \`DELETE\` and waited until \`Terminated\`.
- **API, server clock**: the same runs, from the record's \`createdAt\` to its \`Running\`
  \`lastTransitionAt\` (millisecond timestamps): the server's own work, without polling.
- **Raw**: dockerode \`createContainer\` + \`start\` in the bench process, with the body from
  \`containerOptions()\` (src-main/runtime/containerConfig.ts) for the same request: the same
  limits, hardening (init, no-new-privileges, dropped capabilities, pids limit), loopback port
  publishing and labels; removed with \`remove({force: true})\`.

${table(SUMMARY_HEAD, [summaryRow('API (client)', c.api), summaryRow('API (server clock)', c.apiServer), summaryRow('Raw dockerode', c.raw)])}

Ratio of medians, API (client) / raw: **${times(c.ratio)}** (target ≤ ${times(TARGETS.createRatio)}:
**${verdict(c.ratio, TARGETS.createRatio)}**); the API's median is ${ms(Math.abs(c.api.median - c.raw.median))} ${c.api.median >= c.raw.median ? 'slower' : 'faster'} than raw.
Server clock / raw: ${times(c.apiServer.median / c.raw.median)}. Median of the ${c.pairs} per-pair ratios
(each API run against the raw run next to it, which cancels load that drifts during the run):
${times(c.pairedRatio)}.

What the API does beyond create + start: a request validated against the schema, an image
inspect (to skip the pull and learn exposed ports), two durable record writes (each a whole-file
write + fsync + rename of every record: Pending before the 202, and Running with the container
id; a third for the volume list when there are volumes), a container inspect after start (state, address,
published ports), and, client side only, the polling (up to one poll interval plus one GET).`;
}

function listSection(r: BenchResults): string {
  const title = '## 2. List latency with live sandboxes';
  const l = r.list;
  const f = r.fleet;
  if (!l) return `${title}\n\n${missing(r, !r.fleet ? 'fleet' : r.errors.some((e) => e.phase === 'fleet intact') ? 'fleet intact' : 'list')}`;
  return `${title}

${l.sandboxes} sandboxes created through the API (entrypoint \`sleep 3600\`, cpu 100m, memory 16Mi,
${f ? `${f.seconds.toFixed(0)} s to get them all Running, 4 at a time` : ''}), all Running, tagged
\`bench=list\` and one of 4 \`group\` values. Then ${l.warmup} warm-up and **${l.requests}** measured
requests, one after another on one keep-alive connection, rotating over the groups:

\`GET ${l.exampleQuery}\`

Each answers a page of ${l.pageItems} sandboxes (pageSize ${l.pageSize}; ${(l.responseBytes / 1024).toFixed(1)} KiB of JSON);
every response is checked (status, count, state and metadata of each item). Timed from sending the
request to the last byte of the body, in the bench process; the server is its own process.

${table(SUMMARY_HEAD, [summaryRow('GET /v1/sandboxes', l.latency)])}

p50 ${ms(l.latency.median)} (target ≤ ${TARGETS.listP50Ms} ms: **${verdict(l.latency.median, TARGETS.listP50Ms)}**),
p99 ${ms(l.latency.p99)} (target ≤ ${TARGETS.listP99Ms} ms: **${verdict(l.latency.p99, TARGETS.listP99Ms)}**).`;
}

function engineSection(r: BenchResults): string {
  const title = '## 3. Engine list/filter over 10,000 records';
  const e = r.engine;
  if (!e) return `${title}\n\n${missing(r, 'engine')}`;
  return `${title}

${e.records.toLocaleString('en-US')} \`SandboxRecord\` objects built in memory (seeded, so every run is the same:
60% Running, 10% Paused, 15% Terminated, 8% Failed, 5% Pending, 2% Stopping; metadata \`name\`,
\`team\` t0..t9, \`env\` prod/staging/dev, sometimes \`owner\`), newest first. Timed in the bench
process with no HTTP and no Docker: \`listRecords(records, parseListQuery(q))\` from
src-main/engine/listing.ts with \`q = ${JSON.stringify(e.query)}\`
(${e.totalItems} matches, ${e.pageItems} on the page), ${e.runs} runs after warm-up.
The second row adds \`RecordStore.all()\` (the newest-first array engine.list asks the store for).

${table(SUMMARY_HEAD, [summaryRow('listRecords(parseListQuery(q))', e.list), summaryRow('store.all() + the same', e.storeAndList)])}

Median ${ms(e.list.median)} (target ≤ ${TARGETS.engineListMedianMs} ms: **${verdict(e.list.median, TARGETS.engineListMedianMs)}**).`;
}

function memoryRow(label: string, s: MemorySample | undefined): Row {
  if (!s) return [label, 'not measured', '', '', '', '', '', ''];
  const kids = s.children.map((c) => `${c.command.split(' ')[0] ?? '?'} ${mb(c.rssKb)}`).join(', ');
  const range = s.idleRangeKb ? `${mbFromKb(s.idleRangeKb[0]).toFixed(1)}–${mbFromKb(s.idleRangeKb[1]).toFixed(1)} MB` : '—';
  return [label, mb(s.proc.rssKb), range, mb(s.proc.anonKb), mb(s.proc.fileKb), mb(s.proc.peakKb), String(s.proc.threads), kids || 'none'];
}

function memorySection(r: BenchResults): string {
  const title = '## 4. Server memory (RSS) idle with live sandboxes';
  const m = r.memory;
  if (!m.tsxIdle) return `${title}\n\n${missing(r, 'memory')}`;
  const tsx = mbFromKb(m.tsxIdle.proc.rssKb);
  const esbuild = m.tsxIdle.children.reduce((s, c) => s + c.rssKb, 0);
  return `${title}

The server runs as its own process, \`node --import tsx src-main/serve.ts --port 0\` with
\`SANDLOT_HOME\` set to a fresh temporary folder, and the numbers are that process's
\`/proc/<pid>/status\` (VmRSS, RssAnon, RssFile, VmHWM). "Idle" means no request for
${m.tsxIdle.idleSeconds} s before the reading (the server's own 1 s Docker ping and expiry sweep still run);
VmRSS is also read each second of that wait; the range shows whether it was still moving.
MB here are 10⁶ bytes.${r.errors.some((e) => e.phase === 'fleet intact')
    ? '\n\n**Warning:** right after the idle reading the fleet was no longer complete (see Errors), so the\nserver may have held fewer live sandboxes than stated.'
    : ''}

${table(['Server', 'RSS', 'RSS range while idle', 'anon', 'file', 'peak (VmHWM)', 'threads', 'child processes (not in RSS)'], [
    memoryRow('tsx: 2 s after start, no sandboxes', m.tsxEmpty),
    memoryRow(`tsx: ${m.sandboxes} sandboxes, idle (the measurement)`, m.tsxIdle),
    memoryRow(`tsx: right after the ${r.list?.requests ?? ''} list requests`, m.tsxAfterList),
    memoryRow('bundled, plain node: 2 s after start, no sandboxes', m.compiledEmpty),
    memoryRow(`bundled, plain node: restarted on the same ${m.sandboxes} sandboxes, idle`, m.compiledIdle),
  ])}

RSS idle with ${m.sandboxes} sandboxes under tsx: **${tsx.toFixed(1)} MB** (target ≤ ${TARGETS.rssMb} MB:
**${verdict(tsx, TARGETS.rssMb)}**).

What the tsx number includes: the whole \`node\` process, that is Sandlot's own memory (records,
Fastify and its schemas, dockerode, the Docker event stream, timers) and also tsx's: Node 20 runs
\`--import tsx\`'s module hooks on a separate loader thread with its own V8 heap (the extra thread
in the table), which holds tsx and esbuild's JS API, and the main heap holds the transpiled
modules. RssFile is mostly the \`node\` binary and shared libraries mapped in. It does **not** include tsx's
esbuild service, a separate process (${esbuild > 0 ? mb(esbuild) : 'not running'} at that moment), nor anything on the
Docker side (containerd shims, docker-proxy). Right after start the process is larger than later
with sandboxes: transpiling every module leaves garbage that V8 collects once the server has run
a while (VmHWM keeps that peak).

${m.compiledIdle
    ? `The bundled row is the same source bundled by esbuild (\`--packages=external\`) and run by plain
\`node\`, as the built app runs it, on the same data folder and fleet after a restart:
${mb(m.compiledIdle.proc.rssKb)}, ${(tsx - mbFromKb(m.compiledIdle.proc.rssKb)).toFixed(0)} MB less than under tsx in this run. Read that difference as rough:
idle RSS differs by several MB from run to run with garbage-collection timing, and the restarted
process loaded the records instead of living through their creation. Under tsx the swing is
larger, up to about 30 MB: the transpile garbage of startup (see the first row and VmHWM) is
either still resident or already returned, depending on when V8 last ran a major collection.${m.compiledEmpty
        ? `

The same bundled server with no sandboxes at all takes ${mb(m.compiledEmpty.proc.rssKb)}: most of the RSS is the
fixed cost of Node, Fastify and dockerode, and the ${m.sandboxes} sandboxes add about
${(mbFromKb(m.compiledIdle.proc.rssKb) - mbFromKb(m.compiledEmpty.proc.rssKb)).toFixed(0)} MB (records, per-sandbox expiry timers, and heap the startup reconcile left behind).`
        : ''}`
    : `The bundled server was not measured: ${m.compiledError ?? 'an earlier step failed'}.`}`;
}

function notesSection(r: BenchResults): string {
  const lines = [
    '## Notes',
    '',
    '- The Docker daemon is shared with other work on this machine (see the load average and the',
    '  container count above); Docker-bound numbers (1, and the fleet build) move with that load.',
    '- Percentiles interpolate linearly between the nearest ranks (numpy\'s default).',
    `- Cleanup: ${r.cleanup.removed} containers removed by label at the end${r.cleanup.error ? `; cleanup error: ${r.cleanup.error}` : ''}.`,
  ];
  if (r.errors.length > 0) {
    lines.push('', '### Errors in this run', '', ...r.errors.map((e) => `- ${e.phase}: ${e.message.replace(/\n/g, ' ')}`));
  }
  return lines.join('\n');
}

export function renderReport(r: BenchResults): string {
  const quick = r.quick ? '\n\n> **Quick run (BENCH_QUICK=1): reduced sizes; these numbers are not the benchmark.**' : '';
  return [
    `# Benchmarks\n\nGenerated by \`npm run bench\` (bench/run.ts) on ${r.startedAt.toISOString()}. Do not edit by hand: run it again.${quick}`,
    machineSection(r),
    summarySection(r),
    createSection(r),
    listSection(r),
    engineSection(r),
    memorySection(r),
    notesSection(r),
  ].join('\n\n') + '\n';
}

export function writeReport(r: BenchResults): string {
  mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  writeFileSync(REPORT_FILE, renderReport(r));
  return REPORT_FILE;
}
