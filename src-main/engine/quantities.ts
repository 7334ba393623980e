// Resource quantities in a request: the contract's rule, refused as a 400 naming the field.
import { cpuNanos, gpuCount, memoryBytes, type Quantity } from '../contract/quantities';
import { invalid } from './errors';

export { MIN_MEMORY_BYTES } from '../contract/quantities';

function orRefuse(q: Quantity, field: string): number {
  if (!q.ok) throw invalid(field, q.problem);
  return q.value;
}

/** `500m` → 5e8, `1` → 1e9, `2.5` → 2.5e9 NanoCpus. */
export const parseCpu = (value: string, field: string): number => orRefuse(cpuNanos(value), field);

/** `512Mi` → 536870912, `1.5Gi`, `500M` → bytes. */
export const parseMemory = (value: string, field: string): number => orRefuse(memoryBytes(value), field);

/** `1`, `2` → that many GPUs; `all` → every GPU (-1, as Docker counts). */
export const parseGpu = (value: string, field: string): number => orRefuse(gpuCount(value), field);
