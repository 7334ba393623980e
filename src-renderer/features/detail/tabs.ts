// Which detail tabs a sandbox can show now, and why not when it cannot.
import type { SandboxRecord, SandboxState } from '../../../src-main/contract/sandbox';
import type { DetailTab } from '../../store/ui';

/** States whose container still has output to read (a Failed one keeps its last lines). */
const HAS_LOGS: ReadonlySet<SandboxState> = new Set(['Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Failed']);

const INSIDE_NAME: Record<Exclude<DetailTab, 'overview'>, string> = { logs: 'Logs', terminal: 'A terminal', files: 'Browsing files', usage: 'Live usage' };

/**
 * Why `tab` has nothing to show for sandbox `r` now, or undefined when it works. `remote`: the
 * sandbox lives on a remote OpenSandbox server, whose Lifecycle API has no way inside it.
 */
export function tabUnavailable(tab: DetailTab, r: Pick<SandboxRecord, 'status' | 'containerId'>, remote = false): string | undefined {
  const state = r.status.state;
  if (tab === 'overview') return undefined;
  if (remote) return `${INSIDE_NAME[tab]} is not available for a sandbox on a remote server; Sandlot reaches inside local sandboxes only.`;
  if (tab === 'logs') {
    if (state === 'Failed' && r.containerId === null) return 'This sandbox failed before it had a container, so there is no output.';
    if (HAS_LOGS.has(state)) return undefined;
    return state === 'Pending' ? 'Output appears once the sandbox has started.' : 'A terminated sandbox has no container left to read output from.';
  }
  if (state === 'Running') return undefined;
  return `${INSIDE_NAME[tab]} needs a Running sandbox; this one is ${state}.`;
}
