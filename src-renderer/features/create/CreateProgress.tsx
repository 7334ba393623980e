// After create: the new sandbox's progress (image pull, start) until Running or Failed.
import { useEffect, type JSX } from 'react';
import { displayName } from '../../lib/sandboxes';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { StateBadge } from '../../ui/StateBadge';

const CLOSE_AFTER_RUNNING_MS = 900;

export function CreateProgress({ id, onBack }: { id: string; onBack(): void }): JSX.Element {
  const record = useSandlot((s) => s.sandboxes[id]);
  const state = record?.status.state;

  useEffect(() => {
    if (state !== 'Running') return;
    const t = setTimeout(() => {
      const s = getStore();
      s.select(id);
      s.closeDialog();
      if (record) s.pushToast('success', `${displayName(record)} is running`);
    }, CLOSE_AFTER_RUNNING_MS);
    return () => clearTimeout(t);
  }, [state, id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!record) {
    return (
      <div className="progress-view" role="status">
        <span className="spinner spinner-lg" aria-hidden="true" />
        <p>Waiting for the engine…</p>
      </div>
    );
  }
  const failed = state === 'Failed' || state === 'Terminated';
  return (
    <div className={`progress-view${failed ? ' is-failed' : ''}`}>
      <div className="progress-head">
        {failed ? (
          <span className="progress-icon bad">
            <Icon name="alert" size={22} />
          </span>
        ) : state === 'Running' ? (
          <span className="progress-icon ok">
            <Icon name="check" size={22} />
          </span>
        ) : (
          <span className="spinner spinner-lg" aria-hidden="true" />
        )}
        <div>
          <p className="progress-title">{displayName(record)}</p>
          <StateBadge status={record.status} testId="create-state" />
        </div>
      </div>
      <p className="progress-message" role="status" aria-live="polite">
        {failed
          ? `The sandbox could not start: ${record.status.message || record.status.reason}`
          : state === 'Running'
            ? 'Running. Opening its details…'
            : record.status.message || 'Starting…'}
      </p>
      {!failed && state !== 'Running' ? <div className="progress-bar" aria-hidden="true" /> : null}
      {failed ? (
        <div className="button-row">
          <Button variant="ghost" onClick={onBack}>
            Back to the form
          </Button>
        </div>
      ) : null}
    </div>
  );
}
