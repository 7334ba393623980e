import { describe, expect, it } from 'vitest';
import { FINAL_STATES, LIVE_STATES, type SandboxState } from '../../src-main/contract/sandbox';
import { STATES } from '../../src-main/engine/listing';
import { canTransition, isFinal, isLive } from '../../src-main/engine/states';

// The transitions the OpenSandbox spec lists (SandboxState description in sandbox-lifecycle.yml).
const SPEC_EDGES: Array<[SandboxState, SandboxState]> = [
  ['Pending', 'Running'],
  ['Running', 'Pausing'],
  ['Pausing', 'Paused'],
  ['Paused', 'Resuming'],
  ['Resuming', 'Running'],
  ['Running', 'Stopping'],
  ['Paused', 'Stopping'],
  ['Stopping', 'Terminated'],
  ['Pending', 'Failed'],
  ['Running', 'Failed'],
  ['Paused', 'Failed'],
  ['Resuming', 'Failed'],
];

// Sandlot's additions, each with its reason (see states.ts and DESIGN.md).
const SANDLOT_EDGES: Array<[SandboxState, SandboxState]> = [
  ['Pending', 'Stopping'], // delete while provisioning
  ['Running', 'Paused'], // docker pause from the CLI
  ['Paused', 'Running'], // docker unpause from the CLI
  ['Pausing', 'Running'], // pause refused by Docker
  ['Pausing', 'Stopping'],
  ['Pausing', 'Failed'],
  ['Resuming', 'Paused'], // resume refused by Docker
  ['Resuming', 'Stopping'],
  ['Stopping', 'Failed'],
  ['Failed', 'Stopping'], // delete of a failed sandbox
];

const key = ([a, b]: [SandboxState, SandboxState]) => `${a}->${b}`;
const allowed = new Set([...SPEC_EDGES, ...SANDLOT_EDGES].map(key));

describe('canTransition', () => {
  it.each(SPEC_EDGES)('allows the spec transition %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(SANDLOT_EDGES)('allows the Sandlot transition %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else (full 8x8 table)', () => {
    const unexpected: string[] = [];
    for (const from of STATES) {
      for (const to of STATES) {
        if (canTransition(from, to) !== allowed.has(`${from}->${to}`)) unexpected.push(`${from}->${to}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('never leaves Terminated', () => {
    for (const to of STATES) expect(canTransition('Terminated', to)).toBe(false);
  });

  it('has no self-transitions', () => {
    for (const s of STATES) expect(canTransition(s, s)).toBe(false);
  });

  it('never goes back to Pending, nor from Stopping back to a live state', () => {
    for (const s of STATES) expect(canTransition(s, 'Pending')).toBe(false);
    for (const to of ['Running', 'Paused', 'Pausing', 'Resuming'] as const) expect(canTransition('Stopping', to)).toBe(false);
  });

  it('lets a pause or resume only start from Running or Paused', () => {
    expect(STATES.filter((s) => canTransition(s, 'Pausing'))).toEqual(['Running']);
    expect(STATES.filter((s) => canTransition(s, 'Resuming'))).toEqual(['Paused']);
  });

  it('reaches Terminated only through Stopping', () => {
    expect(STATES.filter((s) => canTransition(s, 'Terminated'))).toEqual(['Stopping']);
  });
});

describe('isLive / isFinal', () => {
  it('classifies every state as exactly one of live, Stopping, or final', () => {
    expect(STATES.filter(isLive)).toEqual(['Pending', 'Running', 'Pausing', 'Paused', 'Resuming']);
    expect(STATES.filter(isFinal)).toEqual(['Terminated', 'Failed']);
    expect(STATES.filter((s) => !isLive(s) && !isFinal(s))).toEqual(['Stopping']);
  });

  it('agrees with the contract lists', () => {
    expect(STATES.filter(isLive)).toEqual([...LIVE_STATES]);
    expect(STATES.filter(isFinal)).toEqual([...FINAL_STATES]);
  });
});
