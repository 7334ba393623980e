// Sizes of every measurement. BENCH_QUICK=1 shrinks them for a fast smoke run while editing
// the bench; the report then says so in its header, so a quick run is never mistaken for a real one.
const quick = process.env['BENCH_QUICK'] === '1';

export const CONFIG = {
  quick,
  /** 1. Create → Running: pairs measured, after warm-up pairs that are thrown away. */
  createWarmupPairs: 2,
  createPairs: quick ? 4 : 30,
  /** Poll interval for GET while waiting for Running. */
  createPollMs: 5,
  /** 2 and 4. Live sandboxes behind the list and RSS measurements. */
  fleetSize: quick ? 20 : 200,
  /** Sandboxes being created at once while building the fleet. */
  fleetConcurrency: 4,
  /** Distinct values of the `group` metadata key across the fleet (the list filters on one). */
  fleetGroups: 4,
  listPageSize: 50,
  listWarmupRequests: 50,
  listRequests: quick ? 100 : 500,
  /** 3. Engine-level list over in-memory records. */
  engineRecords: 10_000,
  engineWarmupRuns: 20,
  engineRuns: 100,
  /** 4. How long the server idles before RSS is read. */
  idleSeconds: 5,
  /** 5. Renderer: live sandboxes behind the page, created this many at a time. */
  rendererSandboxes: quick ? 50 : 1000,
  rendererConcurrency: 8,
  /** Page loads timed for the first render (the first one is a cold start). */
  rendererLoads: quick ? 3 : 10,
  /** One-second intervals (one countdown tick each) measured on an idle page. */
  rendererTickSeconds: quick ? 10 : 30,
  /** Engine events (a metadata PATCH each) timed to their change on screen. */
  rendererEvents: quick ? 10 : 40,
  /** 6. Inside a sandbox: measured runs per comparison (files take half), after warm-up runs. */
  insideRuns: quick ? 10 : 50,
  insideWarmup: 3,
  insideFileBytes: 1024 * 1024,
  /** 7. Mixed load: clients at once, measured seconds (after a warm-up), live fleet behind it. */
  loadClients: 50,
  loadSeconds: quick ? 15 : 60,
  loadWarmupSeconds: quick ? 2 : 5,
  loadFleet: quick ? 30 : 100,
  /** Each client waits a random 0..this many ms between its requests (think time). */
  loadThinkMs: 20,
  /** Extra clients reading containers straight from Docker during the load, for the baseline. */
  loadRawClients: 5,
} as const;
