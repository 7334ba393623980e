// One port's endpoint: what the API answers, Open (a fresh link each time for proxied ports,
// whose sign-in links work once) and Copy.
import { useCallback, useEffect, useId, useState, type JSX } from 'react';
import type { EndpointLink } from '../../../src-main/contract/bridge';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';

interface EndpointLinkRowProps {
  sandboxId: string;
  port: number;
  /** The published host port, when the image exposes this one. */
  hostPort?: number;
}

export function EndpointLinkRow({ sandboxId, port, hostPort }: EndpointLinkRowProps): JSX.Element {
  const bridge = useBridge();
  const [link, setLink] = useState<EndpointLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const descId = useId();

  const load = useCallback(async () => {
    try {
      setLink(await bridge.invoke('sandboxes.endpoint', { id: sandboxId, port }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [bridge, sandboxId, port]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <li className="endpoint-row">
      <div className="endpoint-info" id={descId}>
        <div className="endpoint-line">
          <span className="endpoint-port">Port {port}</span>
          {link ? (
            <span className={`pill ${link.direct ? 'pill-ok' : ''}`} title={link.direct ? 'Published on 127.0.0.1' : 'Through the Sandlot proxy (needs the API key outside this app)'}>
              {link.direct ? (hostPort !== undefined ? 'published' : 'direct') : 'via proxy'}
            </span>
          ) : null}
        </div>
        {link ? (
          <span className="mono break endpoint-target" title={link.endpoint}>
            {link.endpoint}
          </span>
        ) : error ? (
          <span className="field-error endpoint-target" title={error}>
            {error}
          </span>
        ) : (
          <span className="muted endpoint-target">looking up…</span>
        )}
      </div>
      <div className="endpoint-actions">
        {link ? (
          <>
            <a
              className="btn btn-secondary btn-sm"
              href={link.url}
              target="_blank"
              rel="noopener"
              aria-describedby={descId}
              onClick={() => {
                // A proxy sign-in link works once: get a fresh one for the next click.
                if (!link.direct) setTimeout(() => void load(), 300);
              }}
            >
              <Icon name="external" size={14} />
              Open
            </a>
            <CopyButton label="Copy" text={link.endpoint} describedBy={descId} what="Endpoint">
              Copy
            </CopyButton>
          </>
        ) : null}
      </div>
    </li>
  );
}
