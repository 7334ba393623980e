// The header's small Docker status: a dot and a word, details on hover. On a remote context it
// is the server's reachability instead.
import type { JSX } from 'react';
import { engineSummary } from '../../../src-main/contract/engines';
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
  // Which engine is in use, named ("Docker 27.3.1 · Colima"), with its host on hover.
  const title = engine ? `${engine.name ? `${engine.name}: ` : ''}${engine.detail || label}\n${engine.endpoint}` : label;
  const summary = engine ? engineSummary(engine.name, engine.detail) : null;
  return (
    <span className={`engine-indicator engine-${state}`} role="status" title={title}>
      <span className="engine-dot" aria-hidden="true" />
      <span className="engine-label">{state === 'connected' && summary ? summary : label}</span>
    </span>
  );
}
