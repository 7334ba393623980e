// The list's columns: one definition for the header and the rows (CSS grid template in styles).
import type { JSX } from 'react';
import type { SortKey } from '../../lib/sort';
import { getStore, useSandlot } from '../../store';
import { Icon } from '../../ui/Icon';

export interface Column {
  id: string;
  label: string;
  sortKey?: SortKey;
}

export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name', sortKey: 'name' },
  { id: 'image', label: 'Image' },
  { id: 'state', label: 'State', sortKey: 'state' },
  { id: 'ttl', label: 'Expires in', sortKey: 'expiry' },
  { id: 'resources', label: 'Limits' },
  { id: 'usage', label: 'Usage' },
  { id: 'age', label: 'Age', sortKey: 'created' },
];

function SortHeader({ column }: { column: Column & { sortKey: SortKey } }): JSX.Element {
  const sort = useSandlot((s) => s.sort);
  const active = sort.key === column.sortKey;
  // "Age" sorts by creation time: newest first reads as "youngest first".
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const onClick = () => {
    const s = getStore();
    if (active) s.setSortDir(sort.dir === 'asc' ? 'desc' : 'asc');
    else s.setSortKey(column.sortKey);
  };
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`cell cell-${column.id}`}>
      <button type="button" className={`sort-button${active ? ' is-active' : ''}`} onClick={onClick} title={`Sort by ${column.label.toLowerCase()}`}>
        {column.label}
        <Icon name={active && sort.dir === 'asc' ? 'sortAsc' : 'sortDesc'} size={13} className={active ? 'sort-icon is-active' : 'sort-icon'} />
      </button>
    </div>
  );
}

export function HeaderRow(): JSX.Element {
  return (
    <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
      {COLUMNS.map((c) =>
        c.sortKey ? (
          <SortHeader key={c.id} column={{ ...c, sortKey: c.sortKey }} />
        ) : (
          <div key={c.id} role="columnheader" className={`cell cell-${c.id}`}>
            <span className="header-label">{c.label}</span>
          </div>
        ),
      )}
    </div>
  );
}
