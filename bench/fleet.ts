// The 200 live sandboxes behind the list and memory measurements, created through the API a
// few at a time (sleep, small limits), each tagged with one of a few `group` values.
import type { CreateSandboxRequest, ListSandboxesResponse } from '../src-main/contract/schemas';
import { TEST_IMAGE } from '../test/fixtures/image';
import type { ApiClient } from './apiClient';
import { CONFIG } from './config';
import { createAndWait } from './sandboxes';

const FLEET_POLL_MS = 25;

export function groupOf(i: number): string {
  return `g${i % CONFIG.fleetGroups}`;
}

function fleetRequest(i: number): CreateSandboxRequest {
  return {
    image: { uri: TEST_IMAGE },
    entrypoint: ['sleep', '3600'],
    timeout: 3600,
    resourceLimits: { cpu: '100m', memory: '16Mi' },
    metadata: { bench: 'list', group: groupOf(i), name: `bench-${i}` },
  };
}

export interface Fleet {
  size: number;
  seconds: number;
}

/** Workers share one keep-alive client each, so requests overlap as real scripts would. */
export async function createFleet(makeClient: () => ApiClient, log: (s: string) => void): Promise<Fleet> {
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    const api = makeClient();
    try {
      while (next < CONFIG.fleetSize) {
        const i = next++;
        await createAndWait(api, fleetRequest(i), FLEET_POLL_MS);
        done++;
        if (done % 25 === 0) log(`  ${done}/${CONFIG.fleetSize} Running`);
      }
    } finally {
      api.close();
    }
  };
  await Promise.all(Array.from({ length: CONFIG.fleetConcurrency }, worker));
  return { size: CONFIG.fleetSize, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Throws, saying what happened, unless the whole fleet is still Running. Anything on the shared
 * daemon that removes containers by Sandlot's label (e.g. the end of .ci/run, which removes every
 * `dev.sandlot.managed` container) would otherwise show up as a wrong list result.
 */
export async function checkFleet(api: ApiClient): Promise<void> {
  const states = new Map<string, number>();
  let running = 0;
  for (let page = 1; ; page++) {
    const body = await api.json<ListSandboxesResponse>('GET', `/v1/sandboxes?metadata=bench%3Dlist&pageSize=200&page=${page}`, 200);
    for (const s of body.items) {
      const key = `${s.status.state}${s.status.reason ? ` (${s.status.reason})` : ''}`;
      states.set(key, (states.get(key) ?? 0) + 1);
      if (s.status.state === 'Running') running++;
    }
    if (!body.pagination.hasNextPage) break;
  }
  if (running === CONFIG.fleetSize) return;
  const seen = [...states].map(([k, n]) => `${n} ${k}`).join(', ');
  throw new Error(
    `only ${running} of the ${CONFIG.fleetSize} sandboxes are still Running (${seen || 'none listed'}); ` +
      'something else on the daemon removed or stopped them (.ci/run removes every dev.sandlot.managed container when it ends)',
  );
}
