// Which detail tabs a sandbox can show now, and why not when it cannot.
import type { SandboxState } from '../../../src-main/contract/sandbox';
import type { DetailTab } from '../../store/ui';

/** States whose container still has output to read (a Failed one keeps its last lines). */
const HAS_LOGS: ReadonlySet<SandboxState> = new Set(['Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Failed']);

/** Why `tab` has nothing to show for a sandbox in `state`, or undefined when it works. */
export function tabUnavailable(tab: DetailTab, state: SandboxState): string | undefined {
  if (tab === 'overview') return undefined;
  if (tab === 'logs') {
    if (HAS_LOGS.has(state)) return undefined;
    return state === 'Pending' ? 'Output appears once the sandbox has started.' : 'A terminated sandbox has no container left to read output from.';
  }
  if (state === 'Running') return undefined;
  const what = tab === 'terminal' ? 'A terminal' : tab === 'files' ? 'Its files' : 'Live usage';
  return `${what} needs a Running sandbox; this one is ${state}.`;
}
