// Settings: API access, the Docker engine (applies at once), sandbox defaults and limits, host folders, Docker volumes, quit behaviour, theme.
// Saved as a partial update; the engine's field errors sit by their inputs.
import { useState, type JSX } from 'react';
import type { EditableSettings, QuitBehavior, Theme } from '../../../src-main/contract/settings';
import { useBridge } from '../../bridge/context';
import { errorField, errorText } from '../../lib/errors';
import { stripField } from '../../lib/errors';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/Field';
import { Segmented } from '../../ui/Segmented';
import { AllowlistRows, folderRow, type FolderRow } from './AllowlistRows';
import { ApiAccess } from './ApiAccess';
import { DockerEngines } from './DockerEngines';
import { DurationField } from './DurationField';
import { LimitFields } from './LimitFields';
import { changedSettings, checkSettings, type SettingsErrors } from './form';

const QUIT_OPTIONS: ReadonlyArray<{ value: QuitBehavior; label: string }> = [
  { value: 'keep', label: 'Keep them running' },
  { value: 'pause', label: 'Pause them all' },
  { value: 'delete', label: 'Delete them all' },
];
const THEMES: ReadonlyArray<{ value: Theme; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsDialog(): JSX.Element {
  const saved = useSandlot((s) => s.settings);
  if (saved === null) {
    return (
      <Dialog title="Settings" size="sm" onClose={() => getStore().closeDialog()}>
        <div className="progress-view" role="status">
          <span className="spinner spinner-lg" aria-hidden="true" />
          <p>Loading settings…</p>
        </div>
      </Dialog>
    );
  }
  return <SettingsForm saved={saved} />;
}

function SettingsForm({ saved }: { saved: EditableSettings }): JSX.Element {
  const bridge = useBridge();
  const [draft, setDraft] = useState<EditableSettings>(saved);
  const [folders, setFolders] = useState<FolderRow[]>(() => saved.hostPathAllowlist.map((p) => folderRow(p)));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [obscured, setObscured] = useState(false);
  const close = () => getStore().closeDialog();
  const set = <K extends keyof EditableSettings>(key: K, value: EditableSettings[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const save = async () => {
    const next = { ...draft, hostPathAllowlist: folders.map((f) => f.path.trim()).filter(Boolean) };
    const local = checkSettings(next);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    const patch = changedSettings(saved, next);
    if (Object.keys(patch).length === 0) return close();
    setBusy(true);
    try {
      getStore().setSettings(await bridge.invoke('settings.update', patch));
      getStore().pushToast('success', 'Settings saved');
      close();
    } catch (err) {
      const field = errorField(err);
      if (field && field in next) setErrors({ [field]: stripField(errorText(err), field) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Settings"
      size="lg"
      onClose={close}
      onSubmit={() => void save()}
      obscured={obscured}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Save settings
          </Button>
        </>
      }
    >
      <FormError>{formError}</FormError>
      <div className="settings-grid">
        <ApiAccess onConfirming={setObscured} />
        <DockerEngines />
        <fieldset className="group">
          <legend>New sandboxes</legend>
          <div className="form-row-2">
            <DurationField label="Default timeout" seconds={draft.defaultTimeoutSeconds} error={errors.defaultTimeoutSeconds} onChange={(v) => set('defaultTimeoutSeconds', v)} hint="Proposed in the New sandbox dialog" />
            <DurationField label="Maximum timeout" seconds={draft.maxTimeoutSeconds} error={errors.maxTimeoutSeconds} onChange={(v) => set('maxTimeoutSeconds', v)} hint="Longest timeout or renewal, from now" />
          </div>
          <div className="form-row-2">
            <DurationField
              label="Keep ended sandboxes for"
              seconds={draft.terminatedRetentionSeconds}
              error={errors.terminatedRetentionSeconds}
              onChange={(v) => set('terminatedRetentionSeconds', v)}
              hint="How long Terminated and Failed ones stay listed"
            />
            <label className="check check-aligned">
              <input type="checkbox" checked={draft.allowNoExpiry} onChange={(e) => set('allowNoExpiry', e.target.checked)} />
              Allow sandboxes without expiry
            </label>
          </div>
        </fieldset>
        <LimitFields draft={draft} errors={errors} set={set} />
        <AllowlistRows rows={folders} onChange={(r) => { setFolders(r); setErrors((e) => ({ ...e, hostPathAllowlist: undefined })); }} error={errors.hostPathAllowlist} />
        <fieldset className="group">
          <legend>Docker volumes</legend>
          <label className="check">
            <input type="checkbox" checked={draft.allowUnmanagedVolumes} onChange={(e) => set('allowUnmanagedVolumes', e.target.checked)} />
            Let sandboxes mount Docker volumes that Sandlot did not create
          </label>
          <p className="field-hint">
            Off: a volume a sandbox asks for by name must be one Sandlot made (a new name is made for it). Other volumes may hold another program’s data,
            such as a database’s files.
          </p>
        </fieldset>
        <fieldset className="group">
          <legend>When Sandlot quits</legend>
          <Segmented label="When Sandlot quits" value={draft.quitBehavior} options={QUIT_OPTIONS} onChange={(v) => set('quitBehavior', v)} />
          {errors.quitBehavior ? <p className="field-error">{errors.quitBehavior}</p> : null}
        </fieldset>
        <fieldset className="group">
          <legend>Appearance</legend>
          <Segmented label="Theme" value={draft.theme} options={THEMES} onChange={(v) => set('theme', v)} />
        </fieldset>
      </div>
    </Dialog>
  );
}
