// The inline "New folder" name box above the listing.
import { useState, type FormEvent, type JSX } from 'react';
import { validName } from '../../lib/files';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';

export function NewFolderForm({ onCreate, onCancel }: { onCreate(name: string): Promise<boolean>; onCancel(): void }): JSX.Element {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = validName(name);
    setError(problem);
    if (problem) return;
    setBusy(true);
    const ok = await onCreate(name.trim());
    setBusy(false);
    if (ok) onCancel();
  };
  return (
    <form className="new-folder" onSubmit={(e) => void submit(e)} noValidate>
      <div className="new-folder-row">
        <input
          className="input input-sm mono"
          aria-label="New folder name"
          placeholder="folder name"
          autoFocus
          value={name}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel();
            }
          }}
        />
        <Button type="submit" size="sm" variant="primary" busy={busy}>
          Create
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
