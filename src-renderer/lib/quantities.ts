// Kubernetes quantities as people read them: `500m` → `0.5 CPU`, `128Mi` → `128 MiB`.
import type { ResourceLimits } from '../../src-main/contract/sandbox';

const trim = (n: number): string => String(Number(n.toFixed(3)));

export function formatCpu(value: string | undefined): string {
  if (value === undefined || value === '') return 'no CPU limit';
  const milli = /^(\d+(?:\.\d+)?)m$/.exec(value);
  const cores = milli ? Number(milli[1]) / 1000 : Number(value);
  if (!Number.isFinite(cores)) return value;
  return `${trim(cores)} ${cores > 1 ? 'CPUs' : 'CPU'}`;
}

const MEMORY_UNITS: Record<string, string> = {
  Ki: 'KiB', Mi: 'MiB', Gi: 'GiB', Ti: 'TiB', Pi: 'PiB', Ei: 'EiB',
  k: 'kB', K: 'kB', M: 'MB', G: 'GB', T: 'TB', P: 'PB', E: 'EB',
};

export function formatMemory(value: string | undefined): string {
  if (value === undefined || value === '') return 'no memory limit';
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]{0,2})$/.exec(value);
  if (!m) return value;
  const [, num, unit] = m;
  if (unit === '' || unit === undefined) return formatBytes(Number(num));
  const label = MEMORY_UNITS[unit];
  return label ? `${trim(Number(num))} ${label}` : value;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${trim(Number(v.toFixed(1)))} ${units[i]}`;
}

export function formatGpu(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value === 'all') return 'all GPUs';
  return `${value} ${value === '1' ? 'GPU' : 'GPUs'}`;
}

/** One short line for the list: `0.5 CPU · 128 MiB`. */
export function formatLimits(limits: ResourceLimits): string {
  const parts = [
    limits.cpu ? formatCpu(limits.cpu) : null,
    limits.memory ? formatMemory(limits.memory) : null,
    formatGpu(limits.gpu),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : 'no limits';
}
