// Timeout presets (10 min, 1 h, 6 h, 24 h, the default from settings, and "No expiry" when
// settings allow it); presets above the maximum are disabled.
import type { JSX } from 'react';
import type { EditableSettings } from '../../../src-main/contract/settings';
import { shortDuration } from '../../lib/durations';
import { Segmented, type SegmentOption } from '../../ui/Segmented';

const PRESETS = [600, 3600, 6 * 3600, 24 * 3600];
const NONE = 'none';

interface TimeoutPickerProps {
  value: number | null;
  settings: EditableSettings;
  onChange(value: number | null): void;
  error?: string | undefined;
  errorId: string;
}

export function TimeoutPicker({ value, settings, onChange, error, errorId }: TimeoutPickerProps): JSX.Element {
  const values = [...new Set([...PRESETS, settings.defaultTimeoutSeconds, ...(value !== null ? [value] : [])])].sort((a, b) => a - b);
  const options: Array<SegmentOption<string>> = values.map((s) => ({
    value: String(s),
    label: shortDuration(s),
    disabled: s > settings.maxTimeoutSeconds,
    title: s > settings.maxTimeoutSeconds ? `Longer than the maximum (${shortDuration(settings.maxTimeoutSeconds)}) set in Settings` : undefined,
  }));
  if (settings.allowNoExpiry) options.push({ value: NONE, label: 'No expiry' });
  return (
    <div className="field">
      <span className="field-label" id={`${errorId}-label`}>
        Timeout
      </span>
      <Segmented
        label="Timeout"
        value={value === null ? NONE : String(value)}
        options={options}
        invalid={Boolean(error)}
        describedBy={error ? errorId : undefined}
        onChange={(v) => onChange(v === NONE ? null : Number(v))}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : (
        <p className="field-hint">
          The sandbox is removed when its time is up; renew it from its details. Maximum {shortDuration(settings.maxTimeoutSeconds)}.
        </p>
      )}
    </div>
  );
}
