// The list as shown: every sandbox, filtered and sorted (recomputed only when one of them changes).
import { useMemo } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { filterSandboxes } from '../../lib/filter';
import { sortSandboxes } from '../../lib/sort';
import { useSandlot } from '../../store';

export function useAllSandboxes(): SandboxRecord[] {
  const sandboxes = useSandlot((s) => s.sandboxes);
  return useMemo(() => Object.values(sandboxes), [sandboxes]);
}

export function useVisibleSandboxes(all: readonly SandboxRecord[]): SandboxRecord[] {
  const filters = useSandlot((s) => s.filters);
  const sort = useSandlot((s) => s.sort);
  return useMemo(() => sortSandboxes(filterSandboxes(all, filters), sort), [all, filters, sort]);
}
