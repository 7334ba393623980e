// The header's small Docker status: a dot and a word, details on hover. On a remote context it
// is the server's reachability instead.
import type { JSX } from 'react';
import { useSandlot } from '../../store';
import { isRemote } from '../../store/contexts';

export function EngineIndicator(): JSX.Element {
  const engine = useSandlot((s) => s.engine);
  const remote = useSandlot(isRemote);
  const state = engine?.docker ?? 'connecting';
  if (remote) {
    const text = state === 'connected' ? 'Server reachable' : state === 'unreachable' ? 'Server unreachable' : 'Connecting…';
    return (
      <span className={`engine-indicator engine-${state}`} role="status" title={engine ? `${engine.detail}\n${engine.endpoint}` : text}>
        <span className="engine-dot" aria-hidden="true" />
        <span className="engine-label">{text}</span>
      </span>
    );
  }
  const label = state === 'connected' ? 'Docker connected' : state === 'unreachable' ? 'Docker unreachable' : 'Connecting to Docker…';
  const title = engine ? `${engine.detail || label}\n${engine.endpoint}` : label;
  const version = engine?.detail.match(/\d+\.\d+(\.\d+)?/)?.[0];
  return (
    <span className={`engine-indicator engine-${state}`} role="status" title={title}>
      <span className="engine-dot" aria-hidden="true" />
      <span className="engine-label">{state === 'connected' && version ? `Docker ${version}` : label}</span>
    </span>
  );
}
