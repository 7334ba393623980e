// 4. The server's resident memory: idle and empty, idle with the fleet, after the list load,
// and the same idle fleet under the server bundled without tsx.
import { sleep } from './apiClient';
import { childProcesses, readProcMemory, type ChildProcessMemory, type ProcMemory } from './procMem';

export interface MemorySample {
  /** The server process itself (/proc/<pid>/status). */
  proc: ProcMemory;
  /** Its direct child processes (tsx's esbuild service), which VmRSS does not include. */
  children: ChildProcessMemory[];
  /** Seconds the server sat without requests before the reading. */
  idleSeconds: number;
  /** Lowest and highest VmRSS read once a second while idle (GC moves it), in KiB. */
  idleRangeKb: [number, number] | null;
}

export function sampleNow(pid: number): MemorySample {
  return { proc: readProcMemory(pid), children: childProcesses(pid), idleSeconds: 0, idleRangeKb: null };
}

/** Sends nothing for `seconds`, reading VmRSS each second, then takes the sample. */
export async function sampleIdle(pid: number, seconds: number): Promise<MemorySample> {
  const seen: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    seen.push(readProcMemory(pid).rssKb);
  }
  const last = sampleNow(pid);
  seen.push(last.proc.rssKb);
  return { ...last, idleSeconds: seconds, idleRangeKb: [Math.min(...seen), Math.max(...seen)] };
}

export interface MemoryResult {
  sandboxes: number;
  /** tsx server right after start, no sandboxes, nothing served yet. */
  tsxEmpty?: MemorySample;
  /** tsx server after the create benchmark and the fleet, idle: the measured value. */
  tsxIdle?: MemorySample;
  /** tsx server right after the list benchmark's requests. */
  tsxAfterList?: MemorySample;
  /** The bundled server (no tsx) on an empty data folder, 2 s after start: the fixed cost. */
  compiledEmpty?: MemorySample;
  /** The bundled server (no tsx) restarted on the same data with the same fleet, idle. */
  compiledIdle?: MemorySample;
  compiledError?: string;
}
