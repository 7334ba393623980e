import { describe, expect, it } from 'vitest';
import { cpuPercent, cpuPercentSinceStart, memoryUsed, usageSample } from '../../src-main/inside/usageSample';
import { toExecdMetrics } from '../../src-main/api/execd/metrics';
import type { DockerStats } from '../../src-main/runtime/observe';

/** A reading in Docker's shape: 2 host CPUs, the container used `cpu` ns of `system` ns. */
function stats(extra: Partial<DockerStats> = {}): DockerStats {
  return {
    read: '2026-01-02T03:04:05.123456789Z',
    cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 18_000_000_000 },
    memory_stats: { usage: 10_000_000, limit: 134_217_728, stats: { total_inactive_file: 2_000_000 } },
    networks: { eth0: { rx_bytes: 100, tx_bytes: 50 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
    pids_stats: { current: 3 },
    ...extra,
  };
}

describe('cpuPercent', () => {
  it('follows docker stats: (cpu delta / system delta) x online CPUs x 100', () => {
    // 0.5 s of CPU over 2 s of system time on 2 CPUs: half a core.
    expect(cpuPercent(stats())).toBeCloseTo(50);
  });

  it('is null on a stream\'s first reading (no previous system time)', () => {
    expect(cpuPercent(stats({ precpu_stats: { cpu_usage: { total_usage: 0 } } }))).toBeNull();
    expect(cpuPercent(stats({ precpu_stats: undefined }))).toBeNull();
  });

  it('is 0 when nothing moved, never negative', () => {
    const s = stats();
    expect(cpuPercent({ ...s, precpu_stats: s.cpu_stats })).toBe(0);
    expect(cpuPercent(stats({ precpu_stats: { cpu_usage: { total_usage: 9e12 }, system_cpu_usage: 18e9 } }))).toBe(0);
  });

  it('counts per-CPU entries when online_cpus is missing (old daemons)', () => {
    const s = stats();
    s.cpu_stats = { cpu_usage: { total_usage: 1_500_000_000, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 20e9 };
    expect(cpuPercent(s)).toBeCloseTo(100);
  });
});

describe('memoryUsed', () => {
  it('leaves out inactive file cache (cgroup v1 and v2 names)', () => {
    expect(memoryUsed(stats())).toBe(8_000_000);
    expect(memoryUsed(stats({ memory_stats: { usage: 10, stats: { inactive_file: 4 } } }))).toBe(6);
  });

  it('keeps the usage when the cache figure is missing or larger', () => {
    expect(memoryUsed(stats({ memory_stats: { usage: 10, stats: {} } }))).toBe(10);
    expect(memoryUsed(stats({ memory_stats: { usage: 10, stats: { inactive_file: 40 } } }))).toBe(10);
    expect(memoryUsed(stats({ memory_stats: {} }))).toBe(0);
  });
});

describe('usageSample', () => {
  it('reads every field', () => {
    const { sample, cpuKnown } = usageSample(stats(), 500_000_000);
    expect(cpuKnown).toBe(true);
    expect(sample).toEqual({
      at: '2026-01-02T03:04:05.123Z',
      cpuPercent: 50,
      cpuCores: 0.5,
      memoryBytes: 8_000_000,
      memoryLimitBytes: 134_217_728,
      networkRxBytes: 101,
      networkTxBytes: 52,
      pids: 3,
    });
  });

  it('uses the host CPUs when there is no CPU limit', () => {
    expect(usageSample(stats(), 0).sample.cpuCores).toBe(2);
  });

  it('survives a reading without networks (network mode none)', () => {
    const { sample } = usageSample(stats({ networks: undefined }), 0);
    expect(sample.networkRxBytes).toBe(0);
    expect(sample.networkTxBytes).toBe(0);
  });
});

describe('toExecdMetrics', () => {
  it('reports CPU in percent of the sandbox cores and memory in MiB', () => {
    const { sample } = usageSample(stats(), 500_000_000);
    expect(toExecdMetrics(sample)).toEqual({
      cpu_count: 0.5,
      cpu_used_pct: 100,
      mem_total_mib: 128,
      mem_used_mib: 7.63,
      timestamp: Date.parse('2026-01-02T03:04:05.123Z'),
    });
    expect(toExecdMetrics({ ...sample, cpuPercent: 25 }).cpu_used_pct).toBe(50);
  });
});

describe('cpuPercentSinceStart', () => {
  it('averages the CPU time over the time since start', () => {
    // 1.5 s of CPU in 3 s of running: half a core.
    expect(cpuPercentSinceStart(stats(), '2026-01-02T03:04:02.123Z')).toBeCloseTo(50);
    expect(cpuPercentSinceStart(stats(), '2026-01-02T03:04:06Z')).toBe(0);
    expect(cpuPercentSinceStart(stats(), 'not a date')).toBe(0);
  });
});
