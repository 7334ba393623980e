// Editable key/value rows (tags, environment variables), shared by the create dialog and the
// detail panel. Each input is named by its label ("Tag key", "Tag value"), the rows by order.
import type { JSX } from 'react';
import type { TagRow, TagRowErrors } from '../lib/tags';
import { Button } from './Button';

interface TagRowsProps {
  rows: readonly TagRow[];
  /** Names of the inputs and the remove buttons: `Tag key`, `Tag value`, `Remove tag 2`. */
  keyLabel?: string;
  valueLabel?: string;
  noun?: string;
  errors: ReadonlyMap<string, TagRowErrors>;
  onChange(rows: TagRow[]): void;
  disabled?: boolean;
}

export function TagRows({ rows, errors, onChange, disabled = false, keyLabel = 'Tag key', valueLabel = 'Tag value', noun = 'tag' }: TagRowsProps): JSX.Element | null {
  if (rows.length === 0) return null;
  const update = (rowId: string, patch: Partial<TagRow>) => onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  return (
    <ul className="kv-rows">
      {rows.map((row, index) => {
        const e = errors.get(row.rowId);
        const keyErr = e?.key ? `${row.rowId}-kerr` : undefined;
        const valErr = e?.value ? `${row.rowId}-verr` : undefined;
        return (
          <li key={row.rowId} className="kv-row">
            <input
              className="input input-sm mono"
              aria-label={keyLabel}
              placeholder="key"
              value={row.key}
              disabled={disabled}
              aria-invalid={e?.key ? true : undefined}
              aria-describedby={keyErr}
              autoComplete="off"
              spellCheck={false}
              onChange={(ev) => update(row.rowId, { key: ev.target.value })}
            />
            <span className="kv-eq" aria-hidden="true">
              =
            </span>
            <input
              className="input input-sm mono"
              aria-label={valueLabel}
              placeholder="value"
              value={row.value}
              disabled={disabled}
              aria-invalid={e?.value ? true : undefined}
              aria-describedby={valErr}
              autoComplete="off"
              spellCheck={false}
              onChange={(ev) => update(row.rowId, { value: ev.target.value })}
            />
            <Button
              variant="ghost"
              size="sm"
              icon="x"
              disabled={disabled}
              aria-label={`Remove ${noun} ${index + 1}`}
              title={`Remove this ${noun}`}
              onClick={() => onChange(rows.filter((r) => r.rowId !== row.rowId))}
            />
            {e?.key ? (
              <p id={keyErr} className="field-error kv-error">
                {e.key}
              </p>
            ) : null}
            {e?.value ? (
              <p id={valErr} className="field-error kv-error">
                {e.value}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
