// "Add server…": a remote OpenSandbox server (a deployment on Kubernetes, another Sandlot) by
// name, URL and API key. Main checks the server answers with that key before keeping it; a
// refusal sits by the field it names. On success the window switches to the new server.
import { useState, type JSX } from 'react';
import type { NewRemoteContext } from '../../../src-main/contract/contexts';
import { useBridge } from '../../bridge/context';
import { errorField, errorText, stripField } from '../../lib/errors';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, FormError } from '../../ui/Field';

type Errors = Partial<Record<keyof NewRemoteContext, string>>;
const FIELDS: ReadonlyArray<keyof NewRemoteContext> = ['name', 'url', 'apiKey'];

/** What can be told before asking the server. */
export function checkNewServer(draft: NewRemoteContext): Errors {
  const errors: Errors = {};
  if (draft.name.trim() === '') errors.name = 'Give the server a name, e.g. staging';
  if (!/^https?:\/\/\S+$/i.test(draft.url.trim())) errors.url = 'An http:// or https:// address, e.g. https://sandbox.example.com';
  if (draft.apiKey.trim() === '') errors.apiKey = "The server's OPEN-SANDBOX-API-KEY";
  return errors;
}

export function AddServerDialog(): JSX.Element {
  const bridge = useBridge();
  const [draft, setDraft] = useState<NewRemoteContext>({ name: '', url: '', apiKey: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => getStore().closeDialog();
  const set = (key: keyof NewRemoteContext, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const local = checkNewServer(draft);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const added = await bridge.invoke('contexts.add', { name: draft.name.trim(), url: draft.url.trim(), apiKey: draft.apiKey.trim() });
      getStore().setContexts(await bridge.invoke('contexts.select', { id: added.id }));
      getStore().select(null);
      getStore().pushToast('success', `Switched to ${added.name}`);
      close();
    } catch (err) {
      const field = errorField(err);
      if (field && (FIELDS as readonly string[]).includes(field)) setErrors({ [field]: stripField(errorText(err), field) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add server"
      description="Manage the sandboxes of a remote OpenSandbox server, e.g. a deployment on Kubernetes. The key stays in Sandlot's settings file."
      size="sm"
      onClose={close}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" busy={busy}>
            {busy ? 'Checking…' : 'Add and switch'}
          </Button>
        </>
      }
    >
      <div className="form-stack">
        <Field label="Name" error={errors.name} hint="How the switcher and the tray show it">
          {(p) => <input {...p} className="input" value={draft.name} placeholder="staging" autoComplete="off" data-autofocus onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field label="Server URL" error={errors.url} hint="The server's base address; /v1 is added">
          {(p) => <input {...p} className="input mono" value={draft.url} placeholder="https://sandbox.example.com" autoComplete="off" spellCheck={false} onChange={(e) => set('url', e.target.value)} />}
        </Field>
        <Field label="API key" error={errors.apiKey} hint="Sent as OPEN-SANDBOX-API-KEY">
          {(p) => <input {...p} className="input mono" type="password" value={draft.apiKey} autoComplete="off" spellCheck={false} onChange={(e) => set('apiKey', e.target.value)} />}
        </Field>
        <FormError>{formError}</FormError>
      </div>
    </Dialog>
  );
}
