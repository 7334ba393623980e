// Time left until expiry, ticking with the store's one shared clock. Selectors return strings,
// so a row re-renders only when its own text changes.
import { useMemo, type JSX } from 'react';
import { formatCountdown } from '../lib/countdown';
import { formatDateTime } from '../lib/time';
import { useSandlot } from '../store';
import { Icon } from './Icon';

interface CountdownProps {
  expiresAt: string | null;
  /** Terminated/Failed: the clock no longer matters. */
  ended?: boolean;
  testId?: string;
  withIcon?: boolean;
}

export function Countdown({ expiresAt, ended = false, testId = 'ttl', withIcon = false }: CountdownProps): JSX.Element {
  const text = useSandlot((s) => formatCountdown(expiresAt, s.now).text);
  const tone = useSandlot((s) => formatCountdown(expiresAt, s.now).tone);
  const shown = ended && tone !== 'expired' ? 'ended' : text;
  const cls = ended ? 'ttl ttl-ended' : `ttl ttl-${tone}`;
  // The title changes only with expiresAt, not with the clock: made once, not on every tick.
  const title = useMemo(() => (expiresAt ? `Expires ${formatDateTime(expiresAt)}` : 'This sandbox never expires'), [expiresAt]);
  return (
    <span className={cls} data-testid={testId} title={title}>
      {withIcon ? <Icon name="clock" size={14} /> : null}
      <span className="ttl-text">{shown}</span>
    </span>
  );
}
