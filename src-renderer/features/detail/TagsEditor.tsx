// Tags of one sandbox: shown as chips; "Add tag" or "Edit" turns them into rows to edit, add and
// remove, checked as the API checks them and saved as a merge patch (null for removed keys).
import { useMemo, useState, type JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { useBridge } from '../../bridge/context';
import { errorField, errorText, stripField } from '../../lib/errors';
import { metadataPatch, newTagRow, rowsFromMetadata, validateTagRows, type TagRow, type TagRowErrors } from '../../lib/tags';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { TagRows } from '../../ui/TagRows';

function TagChips({ metadata }: { metadata: Readonly<Record<string, string>> }): JSX.Element {
  const active = useSandlot((s) => s.filters.tags);
  const entries = Object.entries(metadata).sort(([a], [b]) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)));
  if (entries.length === 0) return <p className="muted small">No tags yet. Tags are key=value labels the list can be filtered by.</p>;
  return (
    <ul className="tag-chips">
      {entries.map(([key, value]) => {
        const on = active.some((t) => t.key === key && t.value === value);
        return (
          <li key={key}>
            <button
              type="button"
              className={`tag-chip${on ? ' is-on' : ''}`}
              aria-pressed={on}
              title={on ? 'Stop filtering by this tag' : 'Show only sandboxes with this tag'}
              onClick={() => getStore().toggleTag({ key, value })}
            >
              <span className="tag-key">{key}</span>
              <span className="tag-value">{value === '' ? '""' : value}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function TagsEditor({ record }: { record: SandboxRecord }): JSX.Element {
  const bridge = useBridge();
  const [rows, setRows] = useState<TagRow[] | null>(null);
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, TagRowErrors>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = record.status.state !== 'Terminated';
  const localErrors = useMemo(
    () => validateTagRows((rows ?? []).filter((r) => checked || r.key.trim() !== '' || r.value !== '')),
    [rows, checked],
  );
  const errors = serverErrors.size > 0 ? serverErrors : localErrors;

  const change = (next: TagRow[] | null) => {
    setRows(next);
    setServerErrors(new Map());
    setFormError(null);
  };
  const startEdit = (extra: boolean) => change([...(rows ?? rowsFromMetadata(record.metadata)), ...(extra ? [newTagRow()] : [])]);
  const stopEdit = () => {
    change(null);
    setChecked(false);
  };

  const save = async () => {
    if (!rows) return;
    const kept = rows.filter((r) => !(r.key.trim() === '' && r.value === ''));
    setChecked(true);
    if (validateTagRows(kept).size > 0) return;
    const patch = metadataPatch(record.metadata, kept);
    if (Object.keys(patch).length === 0) return stopEdit();
    setBusy(true);
    try {
      await bridge.invoke('sandboxes.patchMetadata', { id: record.id, patch });
      stopEdit();
      getStore().pushToast('success', 'Tags saved');
    } catch (err) {
      const field = errorField(err);
      const key = field?.startsWith('metadata.') ? field.slice('metadata.'.length) : null;
      const row = key === null ? undefined : rows.find((r) => r.key.trim() === key);
      if (row && field) setServerErrors(new Map([[row.rowId, { value: stripField(errorText(err), field) }]]));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="Tags"
      actions={
        rows === null && editable && Object.keys(record.metadata).length > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => startEdit(false)}>
            Edit
          </Button>
        ) : null
      }
    >
      {rows === null ? (
        <TagChips metadata={record.metadata} />
      ) : (
        <>
          {rows.length === 0 ? <p className="muted small">All tags removed. Save to apply.</p> : null}
          <TagRows rows={rows} errors={errors} onChange={change} disabled={busy} />
          <FormError>{formError}</FormError>
        </>
      )}
      <div className="button-row">
        <Button size="sm" icon="plus" variant="ghost" disabled={!editable || busy} onClick={() => startEdit(true)}>
          Add tag
        </Button>
        <span className="spacer" />
        {rows !== null ? (
          <>
            <Button size="sm" variant="ghost" disabled={busy} onClick={stopEdit}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" busy={busy} onClick={() => void save()}>
              Save tags
            </Button>
          </>
        ) : null}
      </div>
    </Section>
  );
}
