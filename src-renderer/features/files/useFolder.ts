// The folder the Files tab shows: its entries, loaded on every move and on demand.
import { useCallback, useEffect, useState } from 'react';
import type { FileEntry } from '../../../src-main/contract/inside';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';

export interface Folder {
  entries: readonly FileEntry[] | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useFolder(id: string, path: string): Folder {
  const bridge = useBridge();
  const [entries, setEntries] = useState<readonly FileEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    bridge.invoke('files.list', { id, path }).then(
      (list) => {
        if (!live) return;
        setEntries(list);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setEntries(null);
        setError(errorText(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [bridge, id, path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { entries, error, loading, reload };
}
