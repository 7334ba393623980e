// Host folders that host-path volumes may mount: one absolute path per row.
import type { JSX } from 'react';
import { Button } from '../../ui/Button';

export interface FolderRow {
  rowId: string;
  path: string;
}

let next = 0;
export function folderRow(path = ''): FolderRow {
  next += 1;
  return { rowId: `folder-${next}`, path };
}

export function AllowlistRows({ rows, onChange, error }: { rows: readonly FolderRow[]; onChange(rows: FolderRow[]): void; error?: string | undefined }): JSX.Element {
  return (
    <fieldset className="group">
      <legend>Host folders sandboxes may mount</legend>
      {rows.length === 0 ? <p className="muted small">None yet: host-folder volumes are refused until you add a folder.</p> : null}
      <ul className="kv-rows">
        {rows.map((r, i) => (
          <li key={r.rowId} className="folder-row">
            <input
              className="input input-sm mono"
              aria-label={`Allowed folder ${i + 1}`}
              placeholder="/home/me/projects"
              value={r.path}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(rows.map((x) => (x.rowId === r.rowId ? { ...x, path: e.target.value } : x)))}
            />
            <Button variant="ghost" size="sm" icon="x" aria-label={`Remove folder ${i + 1}`} onClick={() => onChange(rows.filter((x) => x.rowId !== r.rowId))} />
          </li>
        ))}
      </ul>
      {error ? <p className="field-error">{error}</p> : null}
      <Button size="sm" variant="ghost" icon="plus" onClick={() => onChange([...rows, folderRow()])}>
        Add folder
      </Button>
    </fieldset>
  );
}
