// State, reason, message and when it last changed; for ended sandboxes, when they leave the list.
import type { JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { formatSpan } from '../../lib/countdown';
import { isFinal, purgeAt } from '../../lib/sandboxes';
import { useSandlot } from '../../store';
import { Ago } from '../../ui/Age';
import { Section } from '../../ui/Section';

function PurgeNote({ record }: { record: SandboxRecord }): JSX.Element | null {
  const retention = useSandlot((s) => s.settings?.terminatedRetentionSeconds);
  const at = purgeAt(record, retention);
  const text = useSandlot((s) => (at === null ? null : at <= s.now ? 'any moment now' : `in ${formatSpan((at - s.now) / 1000)}`));
  if (text === null) return null;
  return <p className="note">Kept in the list for the retention window; removed {text}.</p>;
}

export function StatusSection({ record }: { record: SandboxRecord }): JSX.Element {
  const { state, reason, message, lastTransitionAt } = record.status;
  const progress = state === 'Pending' || state === 'Pausing' || state === 'Resuming' || state === 'Stopping';
  return (
    <Section title="Status">
      <div className={`status-card status-${state.toLowerCase()}`}>
        {progress ? <span className="spinner" aria-hidden="true" /> : null}
        <div className="status-text">
          <p className="status-message">{message || state}</p>
          <p className="status-meta">
            {reason ? <code className="reason">{reason}</code> : null}
            {lastTransitionAt ? (
              <span>
                changed <Ago since={lastTransitionAt} />
              </span>
            ) : null}
          </p>
        </div>
      </div>
      {isFinal(state) ? <PurgeNote record={record} /> : null}
    </Section>
  );
}
