// Volume rows: a named Docker volume (pvc claim) or a host folder from the allowlist, where to
// mount it, and whether read-only.
import type { JSX } from 'react';
import { Button } from '../../ui/Button';
import type { FormErrors, VolumeRow } from './form';

interface VolumeRowsProps {
  rows: readonly VolumeRow[];
  errors: FormErrors;
  allowlist: readonly string[];
  onChange(rows: VolumeRow[]): void;
}

export function VolumeRows({ rows, errors, allowlist, onChange }: VolumeRowsProps): JSX.Element | null {
  if (rows.length === 0) return null;
  const update = (rowId: string, patch: Partial<VolumeRow>) => onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  return (
    <ul className="volume-rows">
      {rows.map((v, i) => {
        const error = errors[`volume:${v.rowId}`];
        const errId = `${v.rowId}-err`;
        return (
          <li key={v.rowId} className="volume-row">
            <select
              className="input input-sm"
              aria-label={`Volume ${i + 1} type`}
              value={v.kind}
              onChange={(e) => update(v.rowId, { kind: e.target.value === 'host' ? 'host' : 'pvc', source: '' })}
            >
              <option value="pvc">Docker volume</option>
              <option value="host">Host folder</option>
            </select>
            <input
              className="input input-sm mono"
              aria-label={v.kind === 'host' ? `Volume ${i + 1} host folder` : `Volume ${i + 1} claim`}
              placeholder={v.kind === 'host' ? (allowlist[0] ?? '/path/on/host') : 'my-data'}
              list={v.kind === 'host' ? 'host-allowlist' : undefined}
              value={v.source}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errId : undefined}
              onChange={(e) => update(v.rowId, { source: e.target.value })}
            />
            <input
              className="input input-sm mono"
              aria-label={`Volume ${i + 1} mount path`}
              placeholder="/data"
              value={v.mountPath}
              onChange={(e) => update(v.rowId, { mountPath: e.target.value })}
            />
            <label className="check">
              <input type="checkbox" checked={v.readOnly} onChange={(e) => update(v.rowId, { readOnly: e.target.checked })} />
              Read-only
            </label>
            <Button variant="ghost" size="sm" icon="x" aria-label={`Remove volume ${i + 1}`} onClick={() => onChange(rows.filter((r) => r.rowId !== v.rowId))} />
            {error ? (
              <p id={errId} className="field-error kv-error">
                {error}
              </p>
            ) : null}
          </li>
        );
      })}
      <datalist id="host-allowlist">
        {allowlist.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </ul>
  );
}
