// Settings → Docker engine: the engines found on this computer, whether each answers, which one
// Sandlot uses, and a choice (Automatic or a specific one) that applies at once and is
// remembered. A choice that does not answer is refused by main with the reason, shown here.
import { useCallback, useEffect, useState, type JSX } from 'react';
import type { EngineChoice } from '../../../src-main/contract/engines';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/Field';
import { AUTOMATIC, chosenValue, engineRows } from './engineRows';

export function DockerEngines(): JSX.Element {
  const bridge = useBridge();
  const [choice, setChoice] = useState<EngineChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  const discover = useCallback(async () => {
    setLooking(true);
    try {
      setChoice(await bridge.invoke('engines.discover', null));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLooking(false);
    }
  }, [bridge]);

  useEffect(() => {
    void discover();
  }, [discover]);

  const select = async (value: string) => {
    setBusy(value);
    setError(null);
    try {
      const next = await bridge.invoke('engines.select', { host: value === AUTOMATIC ? null : value });
      setChoice(next);
      const active = next.candidates.find((c) => c.endpoint.host === next.active);
      getStore().pushToast('success', `Sandlot now uses ${active?.endpoint.name ?? next.active}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const rows = choice ? engineRows(choice) : [];
  // The clicked one shows as chosen while it switches; a refusal puts the previous one back.
  const checked = busy ?? (choice ? chosenValue(choice) : null);
  return (
    <fieldset className="group" aria-busy={looking || busy !== null}>
      <legend>Docker engine</legend>
      <p className="muted small">
        Sandboxes run on one engine at a time. Those on another engine are kept there, and come back when you switch to it.
      </p>
      <FormError>{error}</FormError>
      {choice === null ? (
        <p className="muted small" role="status">
          <span className="spinner" aria-hidden="true" /> Looking for Docker engines…
        </p>
      ) : (
        <div className="engine-list" role="radiogroup" aria-label="Docker engine">
          {rows.map((row) => (
            <label key={row.value || 'automatic'} className={`engine-row${row.value === checked ? ' is-chosen' : ''}`} data-host={row.host ?? 'automatic'}>
              <input type="radio" name="docker-engine" value={row.value} checked={row.value === checked} disabled={busy !== null} onChange={() => void select(row.value)} />
              <span className="engine-main">
                <span className="engine-name">
                  {row.name}
                  {row.host !== null && row.inUse ? <span className="engine-tag">In use</span> : null}
                  {busy === row.value ? <span className="spinner" aria-label="Switching" /> : null}
                </span>
                {row.host !== null ? <span className="engine-host mono">{row.host}</span> : null}
                <span className={`engine-detail ${row.host === null ? 'muted' : row.reachable ? 'engine-ok' : 'engine-bad'}`}>{row.detail}</span>
              </span>
            </label>
          ))}
        </div>
      )}
      <div className="button-row">
        <Button size="sm" icon="refresh" busy={looking} onClick={() => void discover()}>
          Look again
        </Button>
      </div>
    </fieldset>
  );
}
