// Pause, Resume and Delete for one sandbox; each enabled only where the engine would accept it.
import type { JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { useBridge } from '../../bridge/context';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { useAction } from '../../ui/useAction';

export function DetailActions({ record }: { record: SandboxRecord }): JSX.Element {
  const bridge = useBridge();
  const { busy, run } = useAction();
  const state = record.status.state;
  const id = record.id;
  return (
    <div className="detail-actions" role="group" aria-label="Sandbox actions">
      <Button
        icon="pause"
        busy={busy === 'pause'}
        disabled={state !== 'Running'}
        title={state === 'Running' ? 'Freeze every process; memory is kept' : `Only a Running sandbox can be paused (this one is ${state})`}
        onClick={() => void run('pause', () => bridge.invoke('sandboxes.pause', { id }))}
      >
        Pause
      </Button>
      <Button
        icon="play"
        busy={busy === 'resume'}
        disabled={state !== 'Paused'}
        title={state === 'Paused' ? 'Unfreeze the sandbox' : `Only a Paused sandbox can be resumed (this one is ${state})`}
        onClick={() => void run('resume', () => bridge.invoke('sandboxes.resume', { id }))}
      >
        Resume
      </Button>
      <span className="spacer" />
      <Button
        variant="danger-ghost"
        icon="trash"
        disabled={state === 'Stopping' || state === 'Terminated'}
        title="Delete this sandbox and its container"
        onClick={() => getStore().askDelete(id)}
      >
        Delete
      </Button>
    </div>
  );
}
