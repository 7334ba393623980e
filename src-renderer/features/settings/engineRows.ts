// What the Docker engine section shows, worked out from engines.discover's answer (pure, tested).
import type { EngineCandidate, EngineChoice } from '../../../src-main/contract/engines';

export interface EngineRow {
  /** The radio's value: a host, or '' for automatic. */
  value: string;
  name: string;
  host: string | null;
  /** "Docker 27.3.1 (API 1.47, linux/amd64)", or why it does not answer. */
  detail: string;
  reachable: boolean;
  inUse: boolean;
}

export const AUTOMATIC = '';

/** The engine automatic would pick now: the first that answers, else the first. */
export function automaticPick(candidates: readonly EngineCandidate[]): EngineCandidate | undefined {
  return candidates.find((c) => c.reachable) ?? candidates[0];
}

export function engineRows(choice: EngineChoice): EngineRow[] {
  const pick = automaticPick(choice.candidates);
  const auto: EngineRow = {
    value: AUTOMATIC,
    name: 'Automatic',
    host: null,
    detail: pick ? `Uses the first engine that answers, in the order below; now ${pick.endpoint.name}` : 'Uses the first engine that answers',
    reachable: Boolean(pick?.reachable),
    inUse: choice.selected === null,
  };
  return [
    auto,
    ...choice.candidates.map((c) => ({
      value: c.endpoint.host,
      name: c.endpoint.name,
      host: c.endpoint.host,
      detail: c.detail,
      reachable: c.reachable,
      inUse: c.endpoint.host === choice.active,
    })),
  ];
}

/** The radio that is checked: what the user chose (automatic when nothing was chosen). */
export function chosenValue(choice: EngineChoice): string {
  return choice.selected ?? AUTOMATIC;
}
