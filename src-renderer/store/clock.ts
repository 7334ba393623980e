// The one shared clock: a tick per second; only components that show time read it.
import type { StateCreator } from 'zustand/vanilla';
import type { Store } from './types';

export interface ClockSlice {
  /** Milliseconds since the epoch at the last tick. */
  now: number;
  tick(now: number): void;
}

export const createClockSlice: StateCreator<Store, [], [], ClockSlice> = (set) => ({
  now: Date.now(),
  tick: (now) => set({ now }),
});

/** Ticks `store` on every wall-clock second; returns the stop function. */
export function startClock(tick: (now: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    const now = Date.now();
    tick(now);
    timer = setTimeout(schedule, 1000 - (now % 1000) + 5);
  };
  schedule();
  return () => clearTimeout(timer);
}
