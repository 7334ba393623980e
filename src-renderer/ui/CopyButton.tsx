// Copies a text (given, or fetched on click) and confirms with a tick for a moment.
import { useEffect, useState, type JSX } from 'react';
import { copyText } from '../lib/clipboard';
import { getStore } from '../store';
import { Button, type ButtonVariant } from './Button';

interface CopyButtonProps {
  /** The accessible name, e.g. "Copy API key". */
  label: string;
  text: string | (() => Promise<string>);
  children?: string;
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  describedBy?: string;
  /** What the toast says was copied. */
  what?: string;
}

export function CopyButton({ label, text, children, variant = 'secondary', size = 'sm', describedBy, what }: CopyButtonProps): JSX.Element {
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(false), 1500);
    return () => clearTimeout(t);
  }, [done]);
  const copy = async () => {
    setBusy(true);
    try {
      await copyText(typeof text === 'string' ? text : await text());
      setDone(true);
      if (what) getStore().pushToast('success', `${what} copied to the clipboard`);
    } catch (err) {
      getStore().pushToast('error', `Could not copy: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant={variant}
      size={size}
      icon={done ? 'check' : 'copy'}
      busy={busy}
      aria-label={label}
      aria-describedby={describedBy}
      title={label}
      className={done ? 'is-done' : undefined}
      onClick={() => void copy()}
    >
      {children}
    </Button>
  );
}
