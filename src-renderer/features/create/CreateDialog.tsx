// New sandbox: the form, sent as 'sandboxes.create'; field errors sit by their inputs; then the
// new sandbox's progress until it runs (the dialog closes and selects it) or fails.
import { useState, type JSX } from 'react';
import { DEFAULT_SETTINGS } from '../../../src-main/contract/settings';
import { useBridge } from '../../bridge/context';
import { errorField, errorText, stripField } from '../../lib/errors';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/Field';
import { CreateFields } from './CreateFields';
import { ProgressDialog } from './CreateProgress';
import { emptyForm, slotForField, toRequest, type CreateForm, type FormErrors } from './form';

export function CreateDialog(): JSX.Element {
  const bridge = useBridge();
  const settings = useSandlot((s) => s.settings) ?? DEFAULT_SETTINGS;
  const [form, setForm] = useState<CreateForm>(() => emptyForm(settings));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const close = () => getStore().closeDialog();

  const update = (patch: Partial<CreateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    const touched = Object.keys(patch);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.some((t) => k === t || k.startsWith(`${t.replace(/s$/, '')}:`)))));
  };

  const submit = async () => {
    setFormError(null);
    const built = toRequest(form);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const record = await bridge.invoke('sandboxes.create', built.request);
      setCreatedId(record.id);
      getStore().select(record.id);
    } catch (err) {
      const field = errorField(err);
      const slot = field ? slotForField(field, form) : null;
      if (slot && field) setErrors({ [slot]: stripField(errorText(err), field) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (createdId !== null) {
    return <ProgressDialog id={createdId} onBack={() => setCreatedId(null)} onClose={close} />;
  }
  return (
    <Dialog
      title="New sandbox"
      description="Runs on your local Docker engine, with the limits and expiry you choose."
      size="lg"
      onClose={close}
      onSubmit={() => void submit()}
      footer={
        <>
          <span className="footer-hint muted small">
            <kbd>Esc</kbd> to cancel
          </span>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Create
          </Button>
        </>
      }
    >
      <FormError>{formError}</FormError>
      <CreateFields form={form} errors={errors} settings={settings} update={update} />
    </Dialog>
  );
}
