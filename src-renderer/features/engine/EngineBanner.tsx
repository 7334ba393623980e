// Shown while Docker cannot be reached: what is wrong and what to do. Gone by itself when the
// engine reports 'connected' again.
import type { JSX } from 'react';
import { Ago } from '../../ui/Age';
import { Icon } from '../../ui/Icon';
import { useSandlot } from '../../store';

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
  if (!engine || engine.docker !== 'unreachable') return null;
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
