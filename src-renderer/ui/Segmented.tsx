// One choice among a few, as a segmented radio group.
import { useId, type JSX } from 'react';

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
  title?: string;
}

interface SegmentedProps<T extends string> {
  label: string;
  value: T | null;
  options: ReadonlyArray<SegmentOption<T>>;
  onChange(value: T): void;
  invalid?: boolean;
  describedBy?: string | undefined;
}

export function Segmented<T extends string>({ label, value, options, onChange, invalid, describedBy }: SegmentedProps<T>): JSX.Element {
  const name = useId();
  return (
    <div className={`segmented${invalid ? ' has-error' : ''}`} role="radiogroup" aria-label={label} aria-describedby={describedBy}>
      {options.map((o) => (
        <label key={o.value} className={`segment${value === o.value ? ' is-on' : ''}${o.disabled ? ' is-disabled' : ''}`} title={o.title}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
