// How long ago something happened, from the shared clock (re-renders only when the text changes;
// the absolute time in the title is made once per `since`).
import { useMemo, type JSX } from 'react';
import { formatAge, formatAgo, formatDateTime } from '../lib/time';
import { useSandlot } from '../store';

export function Age({ since }: { since: string }): JSX.Element {
  const text = useSandlot((s) => formatAge(since, s.now));
  const title = useMemo(() => formatDateTime(since), [since]);
  return (
    <time className="age" dateTime={since} title={title}>
      {text}
    </time>
  );
}

export function Ago({ since }: { since: string }): JSX.Element {
  const text = useSandlot((s) => formatAgo(since, s.now));
  const title = useMemo(() => formatDateTime(since), [since]);
  return (
    <time dateTime={since} title={title}>
      {text}
    </time>
  );
}
