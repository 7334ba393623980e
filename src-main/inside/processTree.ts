// Signals a process and all its descendants inside a container. Docker's exec API has no kill,
// so a second exec runs a small script. It uses shell builtins only (read, kill, case, [ ]):
// images may have nothing but busybox, or no pkill/ps. It reads every /proc/<pid>/status for
// the parent pid rather than /proc/<pid>/task/<pid>/children, which many kernels leave out
// (CONFIG_PROC_CHILDREN), then grows the tree from the root until it stops growing.
import type { ExecApi } from '../runtime/exec';

export type TreeSignal = 'TERM' | 'KILL';

/** `$1` is the root pid, `$2` the signal name. Always exits 0: a pid that is gone is not an error. */
export const SIGNAL_TREE_SCRIPT = `root=$1; sig=$2; pairs=''
for d in /proc/[0-9]*; do
  pp=''
  while read -r k v; do
    if [ "$k" = PPid: ]; then pp=$v; break; fi
  done 2>/dev/null < "$d/status"
  [ -n "$pp" ] && pairs="$pairs \${d#/proc/}:$pp"
done
tree=" $root "; grew=1
while [ "$grew" = 1 ]; do
  grew=0
  for pair in $pairs; do
    case "$tree" in *" \${pair#*:} "*) case "$tree" in *" \${pair%%:*} "*) ;; *) tree="$tree\${pair%%:*} "; grew=1 ;; esac ;; esac
  done
done
kill -"$sig" $tree 2>/dev/null
exit 0`;

/**
 * Sends `signal` to `pid` and every process below it. Runs as root so it can signal commands
 * started under any uid. Pids that are already gone are skipped silently.
 */
export async function signalTree(exec: ExecApi, containerId: string, pid: number, signal: TreeSignal): Promise<void> {
  await exec.run(containerId, { cmd: ['/bin/sh', '-c', SIGNAL_TREE_SCRIPT, 'sandlot-signal', String(pid), signal], user: '0' });
}
