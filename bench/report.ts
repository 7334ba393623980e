// Writes docs/benchmarks.md from the results: the machine, a summary against the targets,
// then each measurement with its method, so a reader can judge the numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateResult } from './create';
import type { EngineListResult } from './engineList';
import type { InsideResult } from './inside';
import { insideSection, insideSummaryRows } from './insideReport';
import type { LoadResult } from './load';
import { loadSection, loadSummaryRows } from './loadReport';
import type { Fleet } from './fleet';
import { mb, mbFromKb, ms, times } from './format';
import type { ListResult } from './list';
import type { MachineInfo } from './machine';
import type { MemoryResult, MemorySample } from './memory';
import type { RendererResult } from './renderer';
import { REPORT_FILE } from './paths';
import type { Summary } from './stats';
import { TARGETS, verdict } from './targets';
import { CONFIG } from './config';
import { TICK_WINDOW_END as TICK_END_MS, TICK_WINDOW_START as TICK_START_MS, type TickSeries } from './renderer';

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
  renderer?: RendererResult;
  inside?: InsideResult;
  load?: LoadResult;
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
  const rr = r.renderer;
  const n = rr ? rr.listed.toLocaleString('en-US') : '1,000';
  const fr = rr?.firstRender;
  const loads = fr?.runs.length ?? CONFIG.rendererLoads;
  add('5', `Renderer, ${n} sandboxes: first render, snapshot applied → list painted, median of ${loads} page loads`, fr?.firstRender.median,
    fr ? ms(fr.firstRender.median) : '', TARGETS.firstRenderMs, `≤ ${TARGETS.firstRenderMs} ms`);
  add('5', 'Renderer: the same, slowest page load', fr?.firstRender.max, fr ? ms(fr.firstRender.max) : '', TARGETS.firstRenderMs, `≤ ${TARGETS.firstRenderMs} ms`);
  const tk = rr?.ticks;
  add('5', `Renderer: main-thread work (CPU) of one countdown tick, median of ${tk?.ticks ?? CONFIG.rendererTickSeconds}`, tk?.cpu.tick.median,
    tk ? `${ms(tk.cpu.tick.median)} (wall time ${ms(tk.wall.tick.median)})` : '', TARGETS.tickMs, `≤ ${TARGETS.tickMs} ms`);
  add('5', 'Renderer: the same, slowest tick (garbage collection in its window included)', tk?.cpu.tick.max,
    tk ? `${ms(tk.cpu.tick.max)} (wall time ${ms(tk.wall.tick.max)})` : '', TARGETS.tickMs, `≤ ${TARGETS.tickMs} ms`);
  const ev = rr?.events;
  add('5', 'Renderer: engine event → change painted, p95', ev?.eventToPaint.p95,
    ev ? `${ms(ev.eventToPaint.p95)} (median ${ms(ev.eventToPaint.median)})` : '', TARGETS.eventToScreenMs, `≤ ${TARGETS.eventToScreenMs} ms`);
  insideSummaryRows(r.inside, add);
  loadSummaryRows(r.load, add);
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
inspect (to skip the pull and learn exposed ports), two durable record writes (each a journal
append + fdatasync of that one record: Pending before the 202, and Running with the container
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

const TICK_START = String(TICK_START_MS).padStart(3, '0');
const TICK_END = String(TICK_END_MS).padStart(3, '0');

function rendererSection(r: BenchResults): string {
  const title = '## 5. The renderer with 1,000 live sandboxes (Chromium)';
  const rr = r.renderer;
  if (!rr) return `${title}\n\n${missing(r, 'renderer')}`;
  const c = rr.capacity;
  const fleet = rr.fleet;
  const size = `${rr.listed.toLocaleString('en-US')} sandboxes`;
  const notes: string[] = [];
  if (c.planned < c.wanted) {
    notes.push(`**${c.planned} live, not ${c.wanted.toLocaleString('en-US')}:** this machine had room for ${c.planned} more containers (limited by ${c.limitedBy ?? 'unknown'}${
      c.bridgePortsInUse !== null ? '; Docker attaches every container to its default bridge, and other work on the shared daemon held some of its ports' : ''}). ` +
      `To still list ${c.wanted.toLocaleString('en-US')}, ${fleet.terminated} more were created one at a time, run, and deleted: they stay listed as Terminated (retention one hour), which is what the renderer draws.`);
  }
  if (fleet.failed > 0) {
    notes.push(`${fleet.failed} creates did not reach Running (they stay listed as Failed); first reasons: ${fleet.failures.map((f) => `\`${f.replace(/`/g, "'")}\``).join('; ')}.`);
  }
  const notesText = notes.length > 0 ? `\n\n${notes.join('\n\n')}` : '';
  const fr = rr.firstRender;
  const frText = fr
    ? `${table(SUMMARY_HEAD, [
        summaryRow('snapshot fetch (request → last byte)', fr.fetch),
        summaryRow('last byte → snapshot-applied (parse, store, waiting for the main thread)', fr.wait),
        summaryRow('snapshot-applied → list-rendered (React render, commit)', fr.render),
        summaryRow('list-rendered → list-painted (style, layout, paint)', fr.paint),
        summaryRow('**snapshot-applied → list-painted (first render)**', fr.firstRender),
        summaryRow('last byte → list-painted', fr.fromResponse),
      ])}

Snapshot ${(fr.cold.bytes / 1024).toFixed(0)} KiB of JSON; ${fr.cold.rows} rows in the DOM (the list is virtualized). First load of
the run (new browser, nothing compiled or cached): ${ms(fr.cold.firstRenderMs)} from snapshot-applied, ${ms(fr.cold.fromResponseMs)} from the
last byte. First render median ${ms(fr.firstRender.median)}, slowest ${ms(fr.firstRender.max)} (target ≤ ${TARGETS.firstRenderMs} ms:
**${verdict(fr.firstRender.median, TARGETS.firstRenderMs)}** for the median, **${verdict(fr.firstRender.max, TARGETS.firstRenderMs)}** for the slowest). These are wall times in the page: on a
loaded two-core machine (see the load average above) a load whose main thread waits for a core takes longer.
The snapshot request starts before React mounts, so when it is quick its data waits for the main thread to finish
starting the app; that wait is in "last byte → snapshot-applied", not in the first render.`
    : `Not measured: ${rr.errors.find((e) => e.startsWith('first render')) ?? 'see Errors'}`;
  const tk = rr.ticks;
  const seriesRows = (label: string, t: TickSeries): Row[] => [
    summaryRow(`**${label}: tick window, all main-thread tasks**`, t.tick),
    ...(t.tickWithoutGc && t.gcWindows > 0 ? [summaryRow(`${label}: tick windows without a GC (${t.tickWithoutGc.n})`, t.tickWithoutGc)] : []),
    summaryRow(`${label}: tick window, of which script`, t.script),
    summaryRow(`${label}: tick window, of which layout`, t.layout),
    summaryRow(`${label}: rest of the second (no tick)`, t.rest),
  ];
  const tkText = tk
    ? `${table(SUMMARY_HEAD, [...seriesRows('CPU', tk.cpu), ...seriesRows('wall', tk.wall)])}

${tk.rowsInDom} rows in the DOM, one sandbox selected (its detail panel ticks too); the detail countdown read
\`${tk.countdownBefore}\` before and \`${tk.countdownAfter}\` after, so every window held a tick that changed the text
of every visible countdown. Windows with a garbage collection in them (the JS heap shrank across the window):
${tk.cpu.gcWindows} of ${tk.ticks} (CPU pass), ${tk.wall.gcWindows} of ${tk.ticks} (wall pass). Long tasks (> 50 ms) seen by a
\`PerformanceObserver\` over both passes: ${tk.longTasks}. Work per tick (CPU): median ${ms(tk.cpu.tick.median)}, slowest ${ms(tk.cpu.tick.max)}
(target ≤ ${TARGETS.tickMs} ms: **${verdict(tk.cpu.tick.median, TARGETS.tickMs)}** for the median, **${verdict(tk.cpu.tick.max, TARGETS.tickMs)}** for the slowest). In wall
time the slowest was ${ms(tk.wall.tick.max)}: on a loaded two-core machine the main thread is sometimes descheduled in
the middle of a task, which wall time counts and CPU time does not.`
    : `Not measured: ${rr.errors.find((e) => e.startsWith('countdown')) ?? 'see Errors'}`;
  const ev = rr.events;
  const evText = ev
    ? `${table(SUMMARY_HEAD, [
        summaryRow('in the page: event received → DOM changed', ev.receivedToDom),
        summaryRow('in the page: event received → painted', ev.receivedToPaint),
        summaryRow('event (first seen by the bench) → DOM changed', ev.eventToDom),
        summaryRow('**event (first seen by the bench) → painted**', ev.eventToPaint),
        summaryRow('PATCH sent → painted (upper bound)', ev.sendToPaint),
        summaryRow('PATCH round trip (client)', ev.api),
      ])}

Clock offset between the bench and the page known to ±${(ev.clockRttMs / 2).toFixed(2)} ms. The bench's own event loop was late by up
to ${ms(ev.benchLoopDelayMaxMs)} (p99 ${ms(ev.benchLoopDelayP99Ms)}) meanwhile: its readings can be that late, which makes "first seen by the bench"
later than the emission and the numbers measured from it that much shorter (below zero, when the page was quicker
than the bench). The in-page rows are free of that. p95 event → painted ${ms(ev.eventToPaint.p95)} (target ≤ ${TARGETS.eventToScreenMs} ms:
**${verdict(ev.eventToPaint.p95, TARGETS.eventToScreenMs)}**); the renderer's own share, received → painted, p95 ${ms(ev.receivedToPaint.p95)}.`
    : `Not measured: ${rr.errors.find((e) => e.startsWith('event')) ?? 'see Errors'}`;
  return `${title}

A \`serve\` child (tsx) with ${size} in its list, all created through the API before the browser opens
(${CONFIG.rendererConcurrency} at a time, image \`sandlot-test/busybox:1\`, entrypoint \`sleep 3600\`, cpu 100m, memory 16Mi, timeout
3600 s, tags \`bench=renderer\`, one of 8 \`group\` values and a \`name\`): ${fleet.running} Running real containers${
    fleet.terminated > 0 ? ` and ${fleet.terminated} Terminated` : ''}${fleet.failed > 0 ? ` and ${fleet.failed} Failed` : ''}, ${fleet.seconds.toFixed(0)} s to create.${notesText}

The web UI, built from this tree just before (\`electron-vite build\`), runs in Debian's Chromium ${rr.chromium}
(headless, the e2e flags, 1280×800) driven by playwright-core, signed in through \`serve\`'s one-time link. The
renderer carries three performance marks for this benchmark: \`sandlot:snapshot-applied\` (store/session.ts, right
after the snapshot is put in the store), \`sandlot:list-rendered\` (features/list/SandboxList.tsx, a layout effect after
the first commit with rows, so before the browser paints) and \`sandlot:list-painted\` (a task queued from the next
animation frame's callback, so after that frame's style, layout and paint). The section runs alone with
\`npx tsx bench/runRenderer.ts\` (it prints the numbers and leaves this file alone).

### First render after the data arrives

${fr?.runs.length ?? CONFIG.rendererLoads} page loads, each in a fresh browser context (same session cookie, no shared cache), timed in the page
with the Performance API: the snapshot request's Resource Timing entry (\`POST /bridge/sandboxes.snapshot\`,
\`responseEnd\` = its last byte) against the marks above.

${frText}

### One countdown tick

The renderer has one clock: a timer each wall-clock second (a few ms past it) updates the store, and every visible
countdown (and age) re-renders when its text changes. Measured on an idle page with the Chrome DevTools Protocol:
\`Performance.getMetrics\` read at .${TICK_START} s and at .${TICK_END} s of each second, ${tk?.ticks ?? CONFIG.rendererTickSeconds} seconds in a row, twice: once
with \`timeDomain: threadTicks\` (durations in the main thread's CPU time: the work) and once with \`timeTicks\` (wall
time). The difference of \`TaskDuration\` (all main-thread task time: script, style, layout, paint, garbage
collection; minus \`DevToolsCommandDuration\`, the readings themselves) across the window around each tick is that
tick's work: its timer task, the React render, and the frame that shows it. Anything else that runs in the window
counts too (on an idle page that is garbage collection; the event stream's heartbeat comes every 15 s), so each number
is an upper bound for one tick. The rest of each second is read the same way.

${tkText}

### Engine event → on screen

With the page open, the bench renames a sandbox whose row is on screen (\`PATCH /v1/sandboxes/{id}/metadata\`
\`{"name": …}\`), ${ev?.runs ?? CONFIG.rendererEvents} times, 150–350 ms apart, over 8 rows. The engine emits the event after the
change is on disk and before the API answers; it carries no timestamp, so its time is bracketed by what the bench
sees: after sending the PATCH, and no later than the first of (a) the event arriving on the bench's own subscription
to the same event stream the page reads (with the page's session; the server writes an event to every subscriber in
the turn it emits it) and (b) the API's answer. In the page, a tap on the event stream (a \`fetch\` wrapper installed
before the app loads) notes when the event's bytes reach the page's reader, and a \`MutationObserver\` on the list notes
when the row's name text changes (React's commit) and again in a task queued from the next animation frame
(painted); all as \`performance.timeOrigin + performance.now()\`, moved onto the bench's clock with the offset from the
fastest of 40 \`page.evaluate\` round trips (Cristian's method). The renderer batches events for 16 ms before it
applies them.

${evText}`;
}

function notesSection(r: BenchResults): string {
  const lines = [
    '## Notes',
    '',
    '- The Docker daemon is shared with other work on this machine (see the load average and the',
    '  container count above); Docker-bound numbers (1, and the fleet build) move with that load.',
    '- Percentiles interpolate linearly between the nearest ranks (numpy\'s default).',
    `- Cleanup: ${r.cleanup.removed} containers removed by label (the fleet of 2 and 4 before 5, the renderer's fleet right after 5, anything left at the end)${r.cleanup.error ? `; cleanup error: ${r.cleanup.error}` : ''}.`,
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
    rendererSection(r),
    insideSection(r.inside, table, summaryRow, SUMMARY_HEAD, missing(r, 'inside')),
    loadSection(r.load, table, summaryRow, SUMMARY_HEAD, missing(r, 'load')),
    notesSection(r),
  ].join('\n\n') + '\n';
}

export function writeReport(r: BenchResults): string {
  mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  writeFileSync(REPORT_FILE, renderReport(r));
  return REPORT_FILE;
}
