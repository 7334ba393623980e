// The lifecycle state machine: which state may follow which.
import type { SandboxState } from '../contract/sandbox';

const NEXT: Record<SandboxState, readonly SandboxState[]> = {
  Pending: ['Running', 'Stopping', 'Failed'],
  // Running → Paused and Paused → Running happen when someone pauses or unpauses the
  // container with the Docker CLI; Sandlot follows what Docker really has.
  Running: ['Pausing', 'Paused', 'Stopping', 'Failed'],
  // A pause or resume that Docker refuses falls back to the state it came from.
  Pausing: ['Paused', 'Running', 'Stopping', 'Failed'],
  Paused: ['Resuming', 'Running', 'Stopping', 'Failed'],
  Resuming: ['Running', 'Paused', 'Stopping', 'Failed'],
  Stopping: ['Terminated', 'Failed'],
  Terminated: [],
  // Deleting a failed sandbox clears what is left of it.
  Failed: ['Stopping'],
};

export function canTransition(from: SandboxState, to: SandboxState): boolean {
  return NEXT[from].includes(to);
}

export function isLive(state: SandboxState): boolean {
  return state === 'Pending' || state === 'Running' || state === 'Pausing' || state === 'Paused' || state === 'Resuming';
}

export function isFinal(state: SandboxState): boolean {
  return state === 'Terminated' || state === 'Failed';
}
