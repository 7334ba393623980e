// How long ago something happened, from the shared clock (re-renders only when the text changes).
import type { JSX } from 'react';
import { formatAge, formatAgo, formatDateTime } from '../lib/time';
import { useSandlot } from '../store';

export function Age({ since }: { since: string }): JSX.Element {
  const text = useSandlot((s) => formatAge(since, s.now));
  return (
    <time className="age" dateTime={since} title={formatDateTime(since)}>
      {text}
    </time>
  );
}

export function Ago({ since }: { since: string }): JSX.Element {
  const text = useSandlot((s) => formatAgo(since, s.now));
  return (
    <time dateTime={since} title={formatDateTime(since)}>
      {text}
    </time>
  );
}
