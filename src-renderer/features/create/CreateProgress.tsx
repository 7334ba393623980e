// After create: the new sandbox's progress (image pull, start) until Running or Failed.
import { useEffect, type JSX } from 'react';
import { displayName } from '../../lib/sandboxes';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { StateBadge } from '../../ui/StateBadge';

const CLOSE_AFTER_RUNNING_MS = 900;

function CreateProgress({ id }: { id: string }): JSX.Element {
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
          ? record.status.message || record.status.reason || 'It stopped before it was running.'
          : state === 'Running'
            ? 'Running. Opening its details…'
            : record.status.message || 'Starting…'}
      </p>
      {!failed && state !== 'Running' ? <div className="progress-bar" aria-hidden="true" /> : null}
    </div>
  );
}

/** The dialog around the progress: its title and buttons follow the state. */
export function ProgressDialog({ id, onBack, onClose }: { id: string; onBack(): void; onClose(): void }): JSX.Element {
  const state = useSandlot((s) => s.sandboxes[id]?.status.state);
  const failed = state === 'Failed' || state === 'Terminated';
  return (
    <Dialog
      title={failed ? 'The sandbox did not start' : state === 'Running' ? 'Sandbox running' : 'Starting sandbox'}
      tone={failed ? 'danger' : 'default'}
      onClose={onClose}
      footer={
        <>
          {failed ? (
            <Button variant="ghost" className="footer-start" onClick={onBack}>
              Back to the form
            </Button>
          ) : null}
          <Button variant="secondary" onClick={onClose} data-autofocus title={failed ? undefined : 'It keeps starting in the background'}>
            Close
          </Button>
        </>
      }
    >
      <CreateProgress id={id} />
    </Dialog>
  );
}
