// The live sandboxes behind the renderer benchmark: real containers created through the API,
// several at a time. Before creating, checks what this machine can hold (memory, the process
// table, the ports of Docker's default bridge), so a smaller fleet is a stated decision, not a
// crash halfway.
import { readdirSync, readFileSync } from 'node:fs';
import type { CreateSandboxRequest } from '../src-main/contract/schemas';
import { TEST_IMAGE } from '../test/fixtures/image';
import type { ApiClient } from './apiClient';
import { createAndWait, deleteAndWait } from './sandboxes';

/** Measured here: host memory per idle `sleep` sandbox is ~2 MB (shim and docker-proxy pages
 *  are mostly shared); budget generously. */
const MB_PER_SANDBOX = 12;
const MEMORY_RESERVE_MB = 3000;
/** containerd-shim (~12 threads), docker-proxy (~6), docker-init and sleep: each a pid. */
const THREADS_PER_SANDBOX = 22;
const THREAD_RESERVE = 3000;
/** A Linux bridge takes at most 1024 ports (BR_MAX_PORTS); each container is one. */
const BRIDGE_MAX_PORTS = 1024;
const BRIDGE_RESERVE = 8;

export interface Capacity {
  wanted: number;
  planned: number;
  memAvailableMb: number;
  threadsInUse: number;
  pidMax: number;
  bridgePortsInUse: number | null;
  /** Why `planned` is below `wanted`, when it is. */
  limitedBy: string | null;
}

function readNumber(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

function threadsInUse(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      n += readdirSync(`/proc/${pid}/task`).length;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

export function capacity(wanted: number): Capacity {
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const memAvailableMb = Number(/^MemAvailable:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0) / 1024;
  const pidMax = readNumber('/proc/sys/kernel/pid_max') ?? 32768;
  const threads = threadsInUse();
  let bridge: number | null = null;
  try {
    bridge = readdirSync('/sys/class/net/docker0/brif').length;
  } catch {
    // not a Linux bridge (Docker Desktop): no such limit to check here
  }
  const limits: Array<[number, string]> = [
    [Math.floor((memAvailableMb - MEMORY_RESERVE_MB) / MB_PER_SANDBOX), `memory (${memAvailableMb.toFixed(0)} MB available, ${MB_PER_SANDBOX} MB budgeted per sandbox)`],
    [Math.floor((pidMax - threads - THREAD_RESERVE) / THREADS_PER_SANDBOX), `the process table (pid_max ${pidMax}, ${threads} threads in use, ~${THREADS_PER_SANDBOX} per sandbox)`],
  ];
  if (bridge !== null) limits.push([BRIDGE_MAX_PORTS - bridge - BRIDGE_RESERVE, `Docker's bridge (at most ${BRIDGE_MAX_PORTS} ports, ${bridge} in use)`]);
  let planned = wanted;
  let limitedBy: string | null = null;
  for (const [n, why] of limits) {
    if (n < planned) {
      planned = Math.max(0, n);
      limitedBy = why;
    }
  }
  return { wanted, planned, memAvailableMb, threadsInUse: threads, pidMax, bridgePortsInUse: bridge, limitedBy };
}

export function rendererRequest(i: number): CreateSandboxRequest {
  return {
    image: { uri: TEST_IMAGE },
    entrypoint: ['sleep', '3600'],
    timeout: 3600,
    resourceLimits: { cpu: '100m', memory: '16Mi' },
    metadata: { bench: 'renderer', group: `g${i % 8}`, name: `sbx-${String(i).padStart(4, '0')}` },
  };
}

export interface RendererFleet {
  requested: number;
  running: number;
  failed: number;
  /** Made to fill the list up to the size wanted when the machine had no room for that many
   *  live ones: each created, run, and deleted (it stays listed as Terminated). */
  terminated: number;
  /** The first few reasons creates failed, when some did. */
  failures: string[];
  seconds: number;
}

/** Creates `count` sandboxes, `concurrency` at a time, each waited until Running. */
export async function createRendererFleet(makeClient: () => ApiClient, count: number, concurrency: number, log: (s: string) => void): Promise<RendererFleet> {
  const t0 = performance.now();
  let next = 0;
  let running = 0;
  let failed = 0;
  const failures: string[] = [];
  const worker = async () => {
    const api = makeClient();
    try {
      while (next < count) {
        const i = next++;
        try {
          await createAndWait(api, rendererRequest(i), 50);
          running++;
        } catch (err) {
          failed++;
          if (failures.length < 5) failures.push(err instanceof Error ? err.message : String(err));
        }
        const done = running + failed;
        if (done % 100 === 0) log(`  ${done}/${count} created (${running} Running, ${failed} failed), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    } finally {
      api.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requested: count, running, failed, terminated: 0, failures, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Fills the list up to `wanted` with sandboxes that need no room once done: one at a time,
 * created, waited until Running, deleted (kept listed as Terminated for the retention window).
 * Made before the Running fleet, so that they sit at the bottom of the newest-first list and the
 * rows on screen are Running ones, as with a full fleet.
 */
export async function topUpTerminated(api: ApiClient, from: number, wanted: number): Promise<{ terminated: number; seconds: number }> {
  const t0 = performance.now();
  let terminated = 0;
  for (let i = from; i < wanted; i++) {
    const started = await createAndWait(api, rendererRequest(i), 50);
    await deleteAndWait(api, started.id);
    terminated++;
  }
  return { terminated, seconds: (performance.now() - t0) / 1000 };
}
