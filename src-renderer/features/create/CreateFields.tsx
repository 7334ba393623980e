// The create form's inputs, grouped: image, command, tags, resources, expiry, volumes.
import type { JSX } from 'react';
import type { EditableSettings } from '../../../src-main/contract/settings';
import { newTagRow, type TagRow, type TagRowErrors } from '../../lib/tags';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { TagRows } from '../../ui/TagRows';
import { DEFAULT_ENTRYPOINT, newVolumeRow, type CreateForm, type FormErrors } from './form';
import { TimeoutPicker } from './TimeoutPicker';
import { VolumeRows } from './VolumeRows';

interface CreateFieldsProps {
  form: CreateForm;
  errors: FormErrors;
  settings: EditableSettings;
  update(patch: Partial<CreateForm>): void;
}

function rowErrors(errors: FormErrors, prefix: string, rows: readonly TagRow[]): Map<string, TagRowErrors> {
  const out = new Map<string, TagRowErrors>();
  for (const r of rows) {
    const e = errors[`${prefix}:${r.rowId}`];
    if (e) out.set(r.rowId, { key: e });
  }
  return out;
}

function GroupError({ text }: { text: string | undefined }): JSX.Element | null {
  return text ? <p className="field-error">{text}</p> : null;
}

export function CreateFields({ form, errors, settings, update }: CreateFieldsProps): JSX.Element {
  return (
    <div className="form-grid">
      <Field label="Image" className="span-2" error={errors['image']} hint="Any image on this Docker engine or a registry it can reach, e.g. python:3.12-slim">
        {(p) => <input {...p} className="input mono" value={form.image} placeholder="python:3.12-slim" autoComplete="off" spellCheck={false} data-autofocus onChange={(e) => update({ image: e.target.value })} />}
      </Field>
      <Field label="Name" error={errors['name']} hint="Shown in the list (the name tag)">
        {(p) => <input {...p} className="input" value={form.name} placeholder="my-experiment" autoComplete="off" onChange={(e) => update({ name: e.target.value })} />}
      </Field>
      <Field label="Entrypoint" error={errors['entrypoint']} hint="Split like a shell: quotes group words">
        {(p) => <input {...p} className="input mono" value={form.entrypoint} placeholder={DEFAULT_ENTRYPOINT} autoComplete="off" spellCheck={false} onChange={(e) => update({ entrypoint: e.target.value })} />}
      </Field>

      <fieldset className="group span-2">
        <legend>Resources</legend>
        <div className="form-row-3">
          <Field label="CPU" error={errors['cpu']} hint={`e.g. 500m, 1, 2.5; default ${settings.defaultCpu}`}>
            {(p) => <input {...p} className="input mono" value={form.cpu} placeholder={settings.defaultCpu} onChange={(e) => update({ cpu: e.target.value })} />}
          </Field>
          <Field label="Memory" error={errors['memory']} hint={`e.g. 512Mi, 2Gi; default ${settings.defaultMemory}`}>
            {(p) => <input {...p} className="input mono" value={form.memory} placeholder={settings.defaultMemory} onChange={(e) => update({ memory: e.target.value })} />}
          </Field>
          <Field label="GPU" error={errors['gpu']} hint="Optional: a count or all">
            {(p) => <input {...p} className="input mono" value={form.gpu} placeholder="none" onChange={(e) => update({ gpu: e.target.value })} />}
          </Field>
        </div>
      </fieldset>

      <div className="span-2">
        <TimeoutPicker value={form.timeout} settings={settings} onChange={(timeout) => update({ timeout })} error={errors['timeout']} errorId="create-timeout-error" />
      </div>

      <fieldset className="group span-2">
        <legend>Tags</legend>
        <TagRows rows={form.tags} errors={rowErrors(errors, 'tag', form.tags)} onChange={(tags) => update({ tags })} />
        <GroupError text={errors['tags']} />
        <Button size="sm" variant="ghost" icon="plus" onClick={() => update({ tags: [...form.tags, newTagRow()] })}>
          Add tag
        </Button>
      </fieldset>

      <fieldset className="group span-2">
        <legend>Environment</legend>
        <TagRows rows={form.env} keyLabel="Env key" valueLabel="Env value" noun="variable" errors={rowErrors(errors, 'env', form.env)} onChange={(env) => update({ env })} />
        <GroupError text={errors['env']} />
        <Button size="sm" variant="ghost" icon="plus" onClick={() => update({ env: [...form.env, newTagRow()] })}>
          Add variable
        </Button>
      </fieldset>

      <fieldset className="group span-2">
        <legend>Volumes</legend>
        <VolumeRows rows={form.volumes} errors={errors} allowlist={settings.hostPathAllowlist} onChange={(volumes) => update({ volumes })} />
        <GroupError text={errors['volumes']} />
        <div className="button-row">
          <Button size="sm" variant="ghost" icon="plus" onClick={() => update({ volumes: [...form.volumes, newVolumeRow()] })}>
            Add volume
          </Button>
          {settings.hostPathAllowlist.length === 0 ? <span className="muted small">Host folders must first be allowed in Settings.</span> : null}
        </div>
      </fieldset>

      <fieldset className="group span-2">
        <legend>Private registry</legend>
        <div className="form-row-2">
          <Field label="Registry user" error={errors['username']} hint="Only for private images; used for the pull, never stored">
            {(p) => <input {...p} className="input" value={form.username} autoComplete="off" onChange={(e) => update({ username: e.target.value })} />}
          </Field>
          <Field label="Registry password" error={errors['password']}>
            {(p) => <input {...p} type="password" className="input" value={form.password} autoComplete="new-password" onChange={(e) => update({ password: e.target.value })} />}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
