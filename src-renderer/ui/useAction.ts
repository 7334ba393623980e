// Runs a bridge call with a busy flag; a refusal becomes an error notice unless handled.
import { useCallback, useState } from 'react';
import { errorText } from '../lib/errors';
import { getStore } from '../store';

export function useAction(): { busy: string | null; run(tag: string, fn: () => Promise<unknown>, done?: string): Promise<boolean> } {
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(async (tag: string, fn: () => Promise<unknown>, done?: string) => {
    setBusy(tag);
    try {
      await fn();
      if (done) getStore().pushToast('success', done);
      return true;
    } catch (err) {
      getStore().pushToast('error', errorText(err));
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, run };
}
