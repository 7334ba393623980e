// Memory of a process from /proc: the server's own resident set, and its helper processes.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMemory {
  /** VmRSS: resident now, in KiB. */
  rssKb: number;
  /** VmHWM: the peak resident set so far, in KiB. */
  peakKb: number;
  /** RssAnon: heaps and other private memory, in KiB. */
  anonKb: number;
  /** RssFile: mapped files (the node binary, shared libraries), in KiB. */
  fileKb: number;
  threads: number;
}

export interface ChildProcessMemory {
  pid: number;
  command: string;
  rssKb: number;
}

function field(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status);
  return m?.[1] ? Number(m[1]) : 0;
}

export function readProcMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rssKb: field(status, 'VmRSS'),
    peakKb: field(status, 'VmHWM'),
    anonKb: field(status, 'RssAnon'),
    fileKb: field(status, 'RssFile'),
    threads: field(status, 'Threads'),
  };
}

/** Direct children of `pid` (e.g. the esbuild service tsx starts), with their RSS. */
export function childProcesses(pid: number): ChildProcessMemory[] {
  const ids = new Set<number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const c of text.split(/\s+/)) if (c) ids.add(Number(c));
    } catch {
      // the thread ended meanwhile
    }
  }
  const out: ChildProcessMemory[] = [];
  for (const child of ids) {
    try {
      const cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter((s) => s !== '');
      const exe = cmd[0]?.split('/').pop() ?? '?';
      out.push({ pid: child, command: [exe, ...cmd.slice(1)].join(' '), rssKb: readProcMemory(child).rssKb });
    } catch {
      // it exited meanwhile
    }
  }
  return out;
}
