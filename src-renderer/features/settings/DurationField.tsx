// A duration in seconds, edited as a number and a unit (minutes, hours, days).
import { useState, type JSX } from 'react';
import { joinDuration, splitDuration, type DurationUnit } from '../../lib/durations';
import { Field } from '../../ui/Field';

interface DurationFieldProps {
  label: string;
  seconds: number;
  onChange(seconds: number): void;
  error?: string | undefined;
  hint?: string;
}

export function DurationField({ label, seconds, onChange, error, hint }: DurationFieldProps): JSX.Element {
  const [shown, setShown] = useState(() => splitDuration(seconds));
  const [text, setText] = useState(String(shown.value));
  const set = (value: string, unit: DurationUnit) => {
    setText(value);
    setShown({ value: Number(value), unit });
    const n = Number(value);
    onChange(value.trim() !== '' && Number.isFinite(n) ? joinDuration(n, unit) : Number.NaN);
  };
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <div className="duration">
          <input {...p} className="input" type="number" min={0} step="any" inputMode="decimal" value={text} onChange={(e) => set(e.target.value, shown.unit)} />
          <select className="input" aria-label={`${label} unit`} value={shown.unit} onChange={(e) => set(text, e.target.value as DurationUnit)}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </div>
      )}
    </Field>
  );
}
