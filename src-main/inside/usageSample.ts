// One Docker stats reading turned into a UsageSample, the way `docker stats` computes it. Pure.
import type { UsageSample } from '../contract/inside';
import type { DockerStats } from '../runtime/observe';

/**
 * CPU in percent of one core, from the difference to the previous reading (Docker puts it in
 * precpu_stats); null for the first reading of a stream, which has no previous one.
 */
export function cpuPercent(s: DockerStats): number | null {
  const cur = s.cpu_stats;
  const pre = s.precpu_stats;
  if (!cur || !pre || !pre.system_cpu_usage || cur.system_cpu_usage === undefined) return null;
  const cpuDelta = (cur.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = cur.system_cpu_usage - pre.system_cpu_usage;
  const online = onlineCpus(s);
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/**
 * For a first reading that cannot wait for the next one: the average since the container
 * started (its total CPU time over its running time), in percent of one core.
 */
export function cpuPercentSinceStart(s: DockerStats, startedAt: string): number {
  const ranNs = (Date.parse(s.read) - Date.parse(startedAt)) * 1e6;
  const used = s.cpu_stats?.cpu_usage?.total_usage ?? 0;
  if (!(ranNs > 0) || used <= 0) return 0;
  return round(Math.min((used / ranNs) * 100, onlineCpus(s) * 100));
}

/** The host's CPUs as the container sees them. */
export function onlineCpus(s: DockerStats): number {
  return s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
}

/** Memory in use without the page cache the kernel can drop, like the docker CLI shows it. */
export function memoryUsed(s: DockerStats): number {
  const m = s.memory_stats;
  const usage = m?.usage ?? 0;
  const stats = m?.stats ?? {};
  // cgroup v1 names it total_inactive_file, v2 inactive_file.
  const v1 = stats['total_inactive_file'];
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats['inactive_file'];
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/**
 * The reading as a UsageSample; `cpuPercent` is null on a stream's first reading (the caller
 * decides whether to wait for the next). `nanoCpus` is the container's CPU limit, 0 for none.
 */
export function usageSample(s: DockerStats, nanoCpus: number): { sample: UsageSample; cpuKnown: boolean } {
  const cpu = cpuPercent(s);
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  const at = Date.parse(s.read);
  const sample: UsageSample = {
    at: Number.isNaN(at) || at <= 0 ? new Date().toISOString() : new Date(at).toISOString(),
    cpuPercent: round(cpu ?? 0),
    cpuCores: nanoCpus > 0 ? nanoCpus / 1e9 : onlineCpus(s),
    memoryBytes: memoryUsed(s),
    memoryLimitBytes: s.memory_stats?.limit ?? 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    pids: s.pids_stats?.current ?? 0,
  };
  return { sample, cpuKnown: cpu !== null };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
