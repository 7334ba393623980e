// The API's address and key. The key is fetched only to show or copy it and lives only in this
// component's state; regenerating asks first (old key stops working at once).
import { useState, type JSX } from 'react';
import { createPortal } from 'react-dom';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';

function domainOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl.replace(/^https?:\/\//, '');
  }
}

export function ApiAccess({ onConfirming }: { onConfirming(on: boolean): void }): JSX.Element {
  const bridge = useBridge();
  const info = useSandlot((s) => s.appInfo);
  const [key, setKey] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const apiAddress = info ? `${info.apiUrl}/v1` : '…';
  const fetchKey = async () => (await bridge.invoke('settings.apiKey', null)).apiKey;

  const toggle = async () => {
    if (key !== null) return setKey(null);
    try {
      setKey(await fetchKey());
    } catch (err) {
      getStore().pushToast('error', errorText(err));
    }
  };
  const ask = (on: boolean) => {
    setConfirming(on);
    onConfirming(on);
  };
  const regenerate = async () => {
    try {
      const { apiKey } = await bridge.invoke('settings.regenerateApiKey', null);
      setKey(apiKey);
      getStore().pushToast('success', 'New API key made; the old one no longer works');
      ask(false);
    } catch (err) {
      getStore().pushToast('error', errorText(err));
    }
  };
  const envText = async () => `export OPEN_SANDBOX_DOMAIN=${domainOf(info?.apiUrl ?? '')}\nexport OPEN_SANDBOX_API_KEY=${await fetchKey()}\n`;

  return (
    <fieldset className="group">
      <legend>API access</legend>
      <p className="muted small">SDKs, the osb CLI and curl use the OpenSandbox Lifecycle API here with this key.</p>
      <div className="field">
        <label className="field-label" htmlFor="api-address">
          API address
        </label>
        <div className="input-with-actions">
          <input id="api-address" className="input mono" readOnly value={apiAddress} />
          <CopyButton label="Copy API address" text={apiAddress} what="API address" size="md" />
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="api-key">
          API key
        </label>
        <div className="input-with-actions">
          <input id="api-key" className="input mono" readOnly value={key ?? '•'.repeat(24)} aria-describedby="api-key-hint" />
          <Button icon={key === null ? 'eye' : 'eyeOff'} aria-label={key === null ? 'Show API key' : 'Hide API key'} onClick={() => void toggle()}>
            {key === null ? 'Show' : 'Hide'}
          </Button>
          <CopyButton label="Copy API key" text={fetchKey} what="API key" size="md" />
          <Button variant="danger-ghost" icon="refresh" aria-label="Regenerate API key" onClick={() => ask(true)}>
            Regenerate
          </Button>
        </div>
        <p id="api-key-hint" className="field-hint">
          Sent as the OPEN-SANDBOX-API-KEY header. {info ? `Stored in ${info.settingsFile}.` : ''}
        </p>
      </div>
      <div className="button-row">
        <CopyButton label="Copy env for scripts" text={envText} variant="secondary" size="sm" what="Environment for scripts">
          Copy env for scripts
        </CopyButton>
        <span className="muted small">OPEN_SANDBOX_DOMAIN and OPEN_SANDBOX_API_KEY as shell exports</span>
      </div>
      {confirming
        ? createPortal(
            <ConfirmDialog title="Regenerate the API key?" confirmLabel="Confirm regenerate" confirmText="Regenerate" onConfirm={regenerate} onClose={() => ask(false)}>
              <p>The current key stops working at once. Scripts and SDK clients that use it must be given the new key.</p>
            </ConfirmDialog>,
            document.body,
          )
        : null}
    </fieldset>
  );
}
