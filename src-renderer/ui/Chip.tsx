// A filter chip: a checkbox that looks like a pill (several can be on).
import type { JSX, ReactNode } from 'react';

interface ChipProps {
  checked: boolean;
  onChange(checked: boolean): void;
  children: ReactNode;
  count?: number;
  tone?: string;
  title?: string;
}

export function Chip({ checked, onChange, children, count, tone, title }: ChipProps): JSX.Element {
  return (
    <label className={`chip${checked ? ' is-on' : ''}${tone ? ` chip-${tone}` : ''}`} title={title}>
      <input type="checkbox" className="chip-input" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="chip-label">{children}</span>
      {count !== undefined ? <span className="chip-count">{count}</span> : null}
    </label>
  );
}
