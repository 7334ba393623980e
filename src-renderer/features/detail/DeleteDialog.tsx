// "Delete this sandbox?" for the sandbox the store asks about (Delete button or key).
import type { JSX } from 'react';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { displayName } from '../../lib/sandboxes';
import { getStore, useSandlot } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

export function DeleteDialog(): JSX.Element | null {
  const bridge = useBridge();
  const record = useSandlot((s) => (s.deleteId === null ? undefined : s.sandboxes[s.deleteId]));
  if (!record) return null;
  const close = () => getStore().askDelete(null);
  const confirm = async () => {
    try {
      await bridge.invoke('sandboxes.delete', { id: record.id });
      getStore().pushToast('info', `Deleting ${displayName(record)}`);
      close();
    } catch (err) {
      getStore().pushToast('error', errorText(err));
    }
  };
  return (
    <ConfirmDialog title="Delete sandbox?" confirmLabel="Confirm delete" confirmText="Delete" onConfirm={confirm} onClose={close}>
      <p>
        <strong className="break">{displayName(record)}</strong> will be stopped and its container removed. Files inside it are lost; volumes
        marked to survive stay.
      </p>
      <p className="muted small">It stays in the list as Terminated for the retention window.</p>
    </ConfirmDialog>
  );
}
