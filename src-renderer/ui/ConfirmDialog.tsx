// "Are you sure?" for actions that cannot be undone.
import { useState, type JSX, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The visible text of the confirm button, when it should read shorter than its name. */
  confirmText?: string;
  onConfirm(): Promise<void> | void;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, confirmText, onConfirm, onClose }: ConfirmDialogProps): JSX.Element {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      size="sm"
      tone="danger"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" busy={busy} aria-label={confirmLabel} onClick={() => void confirm()}>
            {confirmText ?? confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-text">{children}</div>
    </Dialog>
  );
}
