// The targets the report prints next to each result. They are goals to read, not assertions:
// a MISS never fails the run.

export const TARGETS = {
  createRatio: 1.15,
  listP50Ms: 5,
  listP99Ms: 20,
  engineListMedianMs: 20,
  rssMb: 150,
  /** 5. Renderer, 1,000 sandboxes: snapshot applied → list painted (median and slowest load). */
  firstRenderMs: 300,
  /** Main-thread work (CPU) of one countdown tick (median and slowest). */
  tickMs: 16,
  /** Engine event → its change painted, p95. */
  eventToScreenMs: 100,
  /** 6. commands.run("echo hi") median over a raw Docker exec's. */
  commandRatio: 1.3,
  /** Terminal keystroke → echo on the client, median. */
  keystrokeMs: 50,
  /** 1 MiB write + read median over the same through raw Docker exec. */
  fileRatio: 2,
  /** 7. Mixed load, 50 clients: p99 of reads (get, list, endpoints). */
  loadReadP99Ms: 50,
  /** Wrong answers or failed requests during the load. */
  loadErrors: 0,
  /** Server RSS the load left behind (at rest after − at rest before), MB per minute of load. */
  loadRssRetainedMbPerMin: 2,
} as const;

export type Verdict = 'PASS' | 'MISS';

/** PASS when the value is at or under the target (every target here is an upper bound). */
export function verdict(value: number, target: number): Verdict {
  return value <= target ? 'PASS' : 'MISS';
}
