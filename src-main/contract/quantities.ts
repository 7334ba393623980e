// Kubernetes resource quantities as Docker needs them: the one rule for the create API, the
// settings (default limits) and the forms. Pure: a value or the reason it is not one.

export type Quantity = { ok: true; value: number } | { ok: false; problem: string };

const CPU = /^(\d+(?:\.\d+)?)(m?)$/;
const MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E)?$/;

const MEMORY_FACTORS: Record<string, number> = {
  '': 1,
  k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Docker refuses less than 6 MB of memory; say so before Docker does. */
export const MIN_MEMORY_BYTES = 6 * 2 ** 20;
const MAX_CPUS = 1024;

const ok = (value: number): Quantity => ({ ok: true, value });
const no = (problem: string): Quantity => ({ ok: false, problem });

/** `500m` → 5e8, `1` → 1e9, `2.5` → 2.5e9 NanoCpus. */
export function cpuNanos(value: string): Quantity {
  const m = CPU.exec(value.trim());
  if (!m) return no(`"${value}" is not a CPU quantity (examples: 500m, 1, 2.5)`);
  const cores = Number(m[1]) / (m[2] === 'm' ? 1000 : 1);
  const nano = Math.round(cores * 1e9);
  if (nano < 1e7) return no(`"${value}" is below the minimum of 10m`);
  if (cores > MAX_CPUS) return no(`"${value}" is more CPUs than any machine Sandlot runs on`);
  return ok(nano);
}

/** `512Mi` → 536870912, `1.5Gi`, `500M` → bytes. */
export function memoryBytes(value: string): Quantity {
  const m = MEMORY.exec(value.trim());
  if (!m) return no(`"${value}" is not a memory quantity (examples: 512Mi, 1Gi, 500M)`);
  const bytes = Math.floor(Number(m[1]) * (MEMORY_FACTORS[m[2] ?? ''] ?? 1));
  if (!Number.isSafeInteger(bytes)) return no(`"${value}" is too large`);
  if (bytes < MIN_MEMORY_BYTES) return no(`"${value}" is below the minimum of 6Mi`);
  return ok(bytes);
}

/** `1`, `2` → that many GPUs; `all` → every GPU (-1, as Docker counts). */
export function gpuCount(value: string): Quantity {
  const v = value.trim();
  if (v === 'all') return ok(-1);
  if (!/^[1-9]\d{0,2}$/.test(v)) return no(`"${value}" is not a GPU count (a whole number, or "all")`);
  return ok(Number(v));
}
