// Notices in the corner; each goes away by itself.
import { useEffect, type JSX } from 'react';
import { getStore, useSandlot } from '../store';
import type { Toast } from '../store/toasts';
import { Button } from './Button';
import { Icon } from './Icon';

function ToastItem({ toast }: { toast: Toast }): JSX.Element {
  useEffect(() => {
    const t = setTimeout(() => getStore().dismissToast(toast.id), toast.tone === 'error' ? 8000 : 3500);
    return () => clearTimeout(t);
  }, [toast]);
  return (
    <div className={`toast toast-${toast.tone}`}>
      <Icon name={toast.tone === 'error' ? 'alert' : toast.tone === 'success' ? 'check' : 'box'} />
      <span className="toast-text">{toast.text}</span>
      <Button variant="ghost" size="sm" icon="x" aria-label="Dismiss notice" onClick={() => getStore().dismissToast(toast.id)} />
    </div>
  );
}

export function Toasts(): JSX.Element {
  const toasts = useSandlot((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
