// Filters above the list: state chips (any of them), tag chips (all of them), the count.
import { useMemo, type JSX } from 'react';
import type { SandboxRecord, SandboxState } from '../../../src-main/contract/sandbox';
import { countByState, isFiltering, tagStats } from '../../lib/filter';
import { ALL_STATES } from '../../lib/sandboxes';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TagFilters } from './TagFilters';

/** In-between states get a chip only while some sandbox is in them (or the chip is on). */
const TRANSIENT: ReadonlySet<SandboxState> = new Set(['Pausing', 'Resuming', 'Stopping']);

function StateChips({ all }: { all: readonly SandboxRecord[] }): JSX.Element {
  const states = useSandlot((s) => s.filters.states);
  const counts = useMemo(() => countByState(all), [all]);
  const shown = ALL_STATES.filter((state) => !TRANSIENT.has(state) || counts[state] > 0 || states.includes(state));
  return (
    <div className="filter-group" role="group" aria-label="Filter by state">
      {shown.map((state) => (
        <Chip key={state} tone={state.toLowerCase()} checked={states.includes(state)} count={counts[state]} onChange={() => getStore().toggleState(state)}>
          {state}
        </Chip>
      ))}
    </div>
  );
}

export function FilterBar({ all, shown }: { all: readonly SandboxRecord[]; shown: number }): JSX.Element {
  const filters = useSandlot((s) => s.filters);
  const tags = useMemo(() => tagStats(all), [all]);
  return (
    <div className="toolbar filterbar">
      <StateChips all={all} />
      {tags.length > 0 || filters.tags.length > 0 ? <TagFilters tags={tags} /> : null}
      <div className="filter-summary">
        <span className="muted" aria-live="polite">
          {shown === all.length ? `${all.length} ${all.length === 1 ? 'sandbox' : 'sandboxes'}` : `${shown} of ${all.length}`}
        </span>
        {isFiltering(filters) ? (
          <Button variant="ghost" size="sm" onClick={() => getStore().clearFilters()}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
