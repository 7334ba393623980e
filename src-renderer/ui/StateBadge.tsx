// The state as a coloured badge with text; reason and message on hover.
import type { JSX } from 'react';
import type { SandboxStatus } from '../../src-main/contract/sandbox';

const TONE: Record<SandboxStatus['state'], string> = {
  Pending: 'progress',
  Running: 'ok',
  Pausing: 'progress',
  Paused: 'paused',
  Resuming: 'progress',
  Stopping: 'progress',
  Terminated: 'off',
  Failed: 'bad',
};

export function stateTitle(status: SandboxStatus): string {
  const reason = status.reason ? status.reason.replace(/_/g, ' ') : '';
  return [reason, status.message].filter(Boolean).join(': ');
}

export function StateBadge({ status, testId = 'state' }: { status: SandboxStatus; testId?: string }): JSX.Element {
  return (
    <span className={`badge badge-${TONE[status.state]}`} data-testid={testId} title={stateTitle(status) || undefined} data-state={status.state}>
      <span className="badge-dot" aria-hidden="true" />
      {status.state}
    </span>
  );
}
