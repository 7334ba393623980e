// The limits a new sandbox gets for what its create request leaves out: CPU and memory (a
// sandbox without them could take the whole machine), and the most processes it may run.
import { useState, type JSX } from 'react';
import type { EditableSettings } from '../../../src-main/contract/settings';
import { Field } from '../../ui/Field';
import type { SettingsErrors } from './form';

type LimitKey = 'defaultCpu' | 'defaultMemory' | 'pidsLimit';

interface LimitFieldsProps {
  draft: EditableSettings;
  errors: SettingsErrors;
  set<K extends LimitKey>(key: K, value: EditableSettings[K]): void;
}

export function LimitFields({ draft, errors, set }: LimitFieldsProps): JSX.Element {
  const [pids, setPids] = useState(String(draft.pidsLimit));
  return (
    <fieldset className="group">
      <legend>Limits of new sandboxes</legend>
      <p className="field-hint">What a sandbox gets when its create request gives no CPU or memory limit; a limit it gives wins.</p>
      <div className="form-row-3">
        <Field label="Default CPU" error={errors.defaultCpu} hint="e.g. 500m, 1, 2.5">
          {(p) => <input {...p} className="input mono" value={draft.defaultCpu} spellCheck={false} onChange={(e) => set('defaultCpu', e.target.value)} />}
        </Field>
        <Field label="Default memory" error={errors.defaultMemory} hint="e.g. 512Mi, 2Gi">
          {(p) => <input {...p} className="input mono" value={draft.defaultMemory} spellCheck={false} onChange={(e) => set('defaultMemory', e.target.value)} />}
        </Field>
        <Field label="Process limit" error={errors.pidsLimit} hint="Processes per sandbox, at most">
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              inputMode="numeric"
              value={pids}
              onChange={(e) => {
                setPids(e.target.value);
                set('pidsLimit', e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
              }}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
