// 1. Create → Running through the HTTP API against raw dockerode create + start of the same
// container body (containerOptions), alternating on the same daemon, one container at a time.
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import type { CreateSandboxRequest } from '../src-main/contract/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../src-main/contract/settings';
import { buildSandboxSpec, type SandboxSpec } from '../src-main/engine/createSpec';
import { containerName, containerOptions } from '../src-main/runtime/containerConfig';
import { NetworkApi, sandboxNetworkName } from '../src-main/runtime/networks';
import { TEST_IMAGE } from '../test/fixtures/image';
import { type ApiClient, sleep } from './apiClient';
import { CONFIG } from './config';
import { createAndWait, deleteAndWait } from './sandboxes';
import { median, summarize, type Summary } from './stats';

const TIMEOUT_SECONDS = 3600;
/** Lets Docker finish tearing down (network, port proxy) before the next measurement. */
export const SETTLE_MS = 150;

export const CREATE_REQUEST: CreateSandboxRequest = {
  image: { uri: TEST_IMAGE },
  entrypoint: ['sleep', '3600'],
  timeout: TIMEOUT_SECONDS,
  resourceLimits: { cpu: '500m', memory: '128Mi' },
  metadata: { bench: 'create' },
};

export interface CreateResult {
  warmupPairs: number;
  pairs: number;
  pollMs: number;
  settleMs: number;
  /** POST → GET answers Running, seen by the client. */
  api: Summary;
  /** createdAt → Running transition, by the server's own clock. */
  apiServer: Summary;
  /** dockerode createContainer + start. */
  raw: Summary;
  /** median(api) / median(raw). */
  ratio: number;
  /** The median of api/raw within each pair: less sensitive to load that drifts over the run. */
  pairedRatio: number;
}

interface RawDocker {
  docker: Docker;
  spec: SandboxSpec;
  exposedPorts: string[];
  instanceId: string;
}

/** Exactly the body the provisioner sends, with the name in the query as the runtime does. */
async function rawCreateStart(raw: RawDocker): Promise<{ ms: number; containerId: string }> {
  const t0 = performance.now();
  const sandboxId = randomUUID();
  const now = Date.now();
  const body = containerOptions(
    raw.spec,
    { sandboxId, instanceId: raw.instanceId, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + TIMEOUT_SECONDS * 1000).toISOString() },
    raw.exposedPorts,
  );
  const c = await raw.docker.createContainer({ _query: { name: containerName(sandboxId) }, _body: body } as unknown as ContainerCreateOptions);
  await c.start();
  return { ms: performance.now() - t0, containerId: c.id };
}

/**
 * `rawInstanceId` labels the raw containers: not the server's own id, so the server's Docker
 * event stream and reconciler never see (or adopt) them, but still a label cleanup can find.
 */
export async function benchCreate(api: ApiClient, docker: Docker, rawInstanceId: string, log: (s: string) => void): Promise<CreateResult> {
  const settings: Settings = { ...DEFAULT_SETTINGS, apiKey: 'unused', instanceId: rawInstanceId };
  const spec = await buildSandboxSpec(CREATE_REQUEST, settings);
  const image = await docker.getImage(TEST_IMAGE).inspect();
  const raw: RawDocker = { docker, spec, exposedPorts: Object.keys(image.Config?.ExposedPorts ?? {}), instanceId: rawInstanceId };
  // The body names the instance's network; made once, as Sandlot's stays while it runs.
  await new NetworkApi(docker).ensure(sandboxNetworkName(rawInstanceId, null), rawInstanceId, null);

  const apiMs: number[] = [];
  const apiServerMs: number[] = [];
  const rawMs: number[] = [];
  const pairRatios: number[] = [];
  const total = CONFIG.createWarmupPairs + CONFIG.createPairs;
  for (let i = 0; i < total; i++) {
    const measured = i >= CONFIG.createWarmupPairs;
    // Alternate which side goes first, so neither always follows the other's teardown.
    const order = i % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const);
    const line: string[] = [];
    let pairApi = 0;
    let pairRaw = 0;
    for (const side of order) {
      if (side === 'api') {
        const s = await createAndWait(api, CREATE_REQUEST, CONFIG.createPollMs);
        await deleteAndWait(api, s.id);
        pairApi = s.clientMs;
        if (measured) {
          apiMs.push(s.clientMs);
          apiServerMs.push(s.serverMs);
        }
        line.push(`api ${s.clientMs.toFixed(0)} ms`);
      } else {
        const r = await rawCreateStart(raw);
        await docker.getContainer(r.containerId).remove({ force: true, v: true });
        pairRaw = r.ms;
        if (measured) rawMs.push(r.ms);
        line.push(`raw ${r.ms.toFixed(0)} ms`);
      }
      await sleep(SETTLE_MS);
    }
    if (measured) pairRatios.push(pairApi / pairRaw);
    log(`  pair ${i + 1}/${total}${measured ? '' : ' (warm-up)'}: ${line.join(', ')}`);
  }
  const apiSummary = summarize(apiMs);
  const rawSummary = summarize(rawMs);
  return {
    warmupPairs: CONFIG.createWarmupPairs,
    pairs: CONFIG.createPairs,
    pollMs: CONFIG.createPollMs,
    settleMs: SETTLE_MS,
    api: apiSummary,
    apiServer: summarize(apiServerMs),
    raw: rawSummary,
    ratio: apiSummary.median / rawSummary.median,
    pairedRatio: median(pairRatios),
  };
}
