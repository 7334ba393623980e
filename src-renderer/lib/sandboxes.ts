// Pure questions about one sandbox record that several views ask.
import { FINAL_STATES, type SandboxRecord, type SandboxState } from '../../src-main/contract/sandbox';

export const NAME_KEY = 'name';

export const ALL_STATES: readonly SandboxState[] = [
  'Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Stopping', 'Terminated', 'Failed',
];

/** The human name (metadata.name), else the id. */
export function displayName(r: SandboxRecord): string {
  const name = r.metadata[NAME_KEY];
  return name !== undefined && name !== '' ? name : r.id;
}

export function hasName(r: SandboxRecord): boolean {
  const name = r.metadata[NAME_KEY];
  return name !== undefined && name !== '';
}

export function isFinal(state: SandboxState): boolean {
  return FINAL_STATES.includes(state);
}

/** When a Terminated/Failed sandbox leaves the list (finishedAt + retention), or null. */
export function purgeAt(r: SandboxRecord, retentionSeconds: number | undefined): number | null {
  if (!isFinal(r.status.state) || r.finishedAt === null || retentionSeconds === undefined) return null;
  const at = Date.parse(r.finishedAt);
  return Number.isNaN(at) ? null : at + retentionSeconds * 1000;
}

/** Tags other than the name, as `key=value` strings. */
export function tagPairs(r: SandboxRecord): Array<[string, string]> {
  return Object.entries(r.metadata).filter(([k]) => k !== NAME_KEY);
}
