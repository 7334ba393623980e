// Asks each candidate, in parallel and briefly, whether it answers and what it is.
import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import type { DockerEndpoint, EngineCandidate } from '../../contract/engines';
import { dockerMessage } from '../docker';
import { connectionOptions } from './connection';
import { identify, withIdentity, type VersionAnswer } from './version';

export const PROBE_TIMEOUT_MS = 1500;

export type Probe = (e: DockerEndpoint) => Promise<EngineCandidate>;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Pings the endpoint and reads its version; never throws (an error is the candidate's detail). */
export async function probeEndpoint(endpoint: DockerEndpoint, timeoutMs = PROBE_TIMEOUT_MS): Promise<EngineCandidate> {
  try {
    const docker = new Docker({ ...connectionOptions(endpoint, (p) => readFileSync(p)), timeout: timeoutMs });
    const version = await withDeadline(
      (async () => {
        await docker.ping();
        return (await docker.version()) as VersionAnswer;
      })(),
      timeoutMs,
    );
    const id = identify(version);
    return { endpoint: withIdentity(endpoint, id), reachable: true, detail: id.detail };
  } catch (err) {
    return { endpoint, reachable: false, detail: unreachableWords(err) };
  }
}

/** Why an endpoint does not answer, in words a person can act on. */
export function unreachableWords(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (code === 'ENOENT') return 'Not running (no socket there)';
  if (code === 'ECONNREFUSED') return 'Not running (connection refused)';
  if (code === 'EACCES') return 'Permission denied (is your user allowed to use this socket?)';
  return dockerMessage(err);
}

export function probeAll(endpoints: DockerEndpoint[], probe: Probe = probeEndpoint): Promise<EngineCandidate[]> {
  return Promise.all(endpoints.map(probe));
}
