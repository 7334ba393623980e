// One list row. Memoized on the record: an event for another sandbox does not re-render it, and
// only its countdown and age read the shared clock.
import { memo, type JSX, type KeyboardEvent } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { formatLimits } from '../../lib/quantities';
import { displayName, hasName, isFinal } from '../../lib/sandboxes';
import { Age } from '../../ui/Age';
import { Countdown } from '../../ui/Countdown';
import { StateBadge } from '../../ui/StateBadge';
import { RowUsage } from '../usage/RowUsage';

interface SandboxRowProps {
  record: SandboxRecord;
  index: number;
  start: number;
  selected: boolean;
  focusable: boolean;
  onSelect(id: string): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>, index: number): void;
}

function SandboxRowView({ record: r, index, start, selected, focusable, onSelect, onKeyDown }: SandboxRowProps): JSX.Element {
  const final = isFinal(r.status.state);
  const named = hasName(r);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      data-sandbox-id={r.id}
      data-index={index}
      className={`grid-row sandbox-row${selected ? ' is-selected' : ''}${final ? ' is-final' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onSelect(r.id)}
      onKeyDown={(e) => onKeyDown(e, index)}
    >
      <div role="gridcell" className="cell cell-name">
        <span className={`row-name${named ? '' : ' mono'}`} title={displayName(r)}>
          {displayName(r)}
        </span>
        {named ? <span className="row-sub mono">{r.id}</span> : null}
      </div>
      <div role="gridcell" className="cell cell-image">
        <span className="mono truncate" title={r.image}>
          {r.image}
        </span>
      </div>
      <div role="gridcell" className="cell cell-state">
        <StateBadge status={r.status} />
      </div>
      <div role="gridcell" className="cell cell-ttl">
        <Countdown expiresAt={r.expiresAt} ended={final} />
      </div>
      <div role="gridcell" className="cell cell-resources">
        <span className="truncate">{formatLimits(r.resourceLimits)}</span>
      </div>
      <div role="gridcell" className="cell cell-usage">
        {r.status.state === 'Running' ? <RowUsage id={r.id} /> : null}
      </div>
      <div role="gridcell" className="cell cell-age">
        <Age since={r.createdAt} />
      </div>
    </div>
  );
}

export const SandboxRow = memo(SandboxRowView);
