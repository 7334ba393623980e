// Expiry: the countdown, renew presets (from the current expiry or now, whichever is later) and a
// chosen time. The engine checks the bounds; its refusal is shown here.
import { useState, type FormEvent, type JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { isFinal } from '../../lib/sandboxes';
import { formatDateTime, fromLocalInput, renewTarget, toLocalInput } from '../../lib/time';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { Countdown } from '../../ui/Countdown';
import { Section } from '../../ui/Section';
import { FormError } from '../../ui/FormError';

const PRESETS = [
  { label: '+10 min', seconds: 600 },
  { label: '+1 h', seconds: 3600 },
  { label: '+6 h', seconds: 6 * 3600 },
] as const;

export function TtlSection({ record }: { record: SandboxRecord }): JSX.Element {
  const bridge = useBridge();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState('');
  const live = !isFinal(record.status.state) && record.status.state !== 'Stopping';

  const renew = async (tag: string, expiresAt: string) => {
    setBusy(tag);
    setError(null);
    try {
      const r = await bridge.invoke('sandboxes.renew', { id: record.id, expiresAt });
      getStore().pushToast('success', `Expiry moved to ${formatDateTime(r.expiresAt ?? expiresAt)}`);
      setChosen('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const renewChosen = (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(chosen);
    if (!at) {
      setError('Pick a date and time first');
      return;
    }
    void renew('chosen', at);
  };

  return (
    <Section title="Expiry">
      <div className="ttl-summary">
        <Countdown expiresAt={record.expiresAt} ended={!live} testId="detail-ttl" withIcon />
        <span className="muted small">
          {record.expiresAt === null ? 'Never expires' : `${live ? 'Expires' : 'Expiry was'} ${formatDateTime(record.expiresAt)}`}
        </span>
      </div>
      {live && record.expiresAt !== null ? (
        <>
          <div className="renew-row" role="group" aria-label="Renew">
            {PRESETS.map((p) => (
              <Button
                key={p.label}
                size="sm"
                busy={busy === p.label}
                disabled={busy !== null}
                aria-label={`Renew ${p.label}`}
                title={`Expire ${p.label.slice(1)} after the current expiry (or now, if later)`}
                onClick={() => void renew(p.label, renewTarget(record.expiresAt, Date.now(), p.seconds))}
              >
                {p.label}
              </Button>
            ))}
          </div>
          <form className="renew-custom" onSubmit={renewChosen}>
            <label className="visually-hidden" htmlFor={`renew-at-${record.id}`}>
              Expire at
            </label>
            <input
              id={`renew-at-${record.id}`}
              type="datetime-local"
              className="input input-sm"
              value={chosen}
              min={toLocalInput(new Date())}
              onChange={(e) => setChosen(e.target.value)}
            />
            <Button type="submit" size="sm" busy={busy === 'chosen'} disabled={busy !== null || chosen === ''}>
              Set expiry
            </Button>
          </form>
          <FormError message={error} />
        </>
      ) : null}
    </Section>
  );
}
