// Which detail tabs a sandbox can show now, and why not when it cannot.
import type { SandboxRecord, SandboxState } from '../../../src-main/contract/sandbox';
import type { DetailTab } from '../../store/ui';

/** States whose container still has output to read (a Failed one keeps its last lines). */
const HAS_LOGS: ReadonlySet<SandboxState> = new Set(['Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Failed']);

/** Why `tab` has nothing to show for sandbox `r` now, or undefined when it works. */
export function tabUnavailable(tab: DetailTab, r: Pick<SandboxRecord, 'status' | 'containerId'>): string | undefined {
  const state = r.status.state;
  if (tab === 'overview') return undefined;
  if (tab === 'logs') {
    if (state === 'Failed' && r.containerId === null) return 'This sandbox failed before it had a container, so there is no output.';
    if (HAS_LOGS.has(state)) return undefined;
    return state === 'Pending' ? 'Output appears once the sandbox has started.' : 'A terminated sandbox has no container left to read output from.';
  }
  if (state === 'Running') return undefined;
  const what = tab === 'terminal' ? 'A terminal' : tab === 'files' ? 'Browsing files' : 'Live usage';
  return `${what} needs a Running sandbox; this one is ${state}.`;
}
