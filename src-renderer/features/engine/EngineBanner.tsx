// Shown while Docker cannot be reached: what is wrong and what to do. Gone by itself when the
// engine reports 'connected' again.
import type { JSX } from 'react';
import { Ago } from '../../ui/Age';
import { Icon } from '../../ui/Icon';
import { useSandlot } from '../../store';
import { currentContext } from '../../store/contexts';

function platformHint(): JSX.Element {
  const ua = navigator.userAgent;
  if (/Mac|Windows/.test(ua)) return <>Start Docker Desktop and wait until it says it is running.</>;
  return (
    <>
      Start Docker Desktop, or the Docker service: <code>sudo systemctl start docker</code>.
    </>
  );
}

export function EngineBanner(): JSX.Element | null {
  const engine = useSandlot((s) => s.engine);
  const context = useSandlot(currentContext);
  if (!engine || engine.docker !== 'unreachable') return null;
  if (context?.kind === 'opensandbox') {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" size={20} />
        <div className="banner-text">
          <p className="banner-title">{context.name} is not reachable</p>
          <p>Sandlot keeps asking the server every few seconds; the list shows what it last saw. Switch to Local from the header to work on this computer.</p>
          <p className="banner-detail">
            <span>{engine.detail}</span>
            <span className="muted">
              {' '}
              · lost <Ago since={engine.since} />
            </span>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" size={20} />
      <div className="banner-text">
        <p className="banner-title">Docker is not reachable</p>
        <p>
          {platformHint()} Sandlot reconnects by itself; sandboxes keep their records meanwhile.
        </p>
        <p className="banner-detail">
          <span>{engine.detail}</span>
          <span className="muted">
            {' '}
            · endpoint <code>{engine.endpoint}</code> · lost <Ago since={engine.since} />
          </span>
        </p>
      </div>
    </div>
  );
}
