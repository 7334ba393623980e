// Sandboxes and engine status, applied straight from engine events (full objects, no re-fetch).
import type { StateCreator } from 'zustand/vanilla';
import type { Snapshot } from '../../src-main/contract/bridge';
import type { EngineEvent, EngineStatus, SandboxRecord } from '../../src-main/contract/sandbox';
import type { Store } from './types';

export interface SandboxesData {
  sandboxes: Readonly<Record<string, SandboxRecord>>;
  engine: EngineStatus | null;
  /** True once the first snapshot arrived. */
  loaded: boolean;
}

export interface SandboxesSlice extends SandboxesData {
  applyEvents(events: readonly EngineEvent[]): void;
  applySnapshot(snapshot: Snapshot): void;
}

/** Applies events in order; one new map for the whole batch, untouched when nothing changed. */
export function reduceEvents(state: SandboxesData, events: readonly EngineEvent[]): SandboxesData {
  let sandboxes: Record<string, SandboxRecord> | null = null;
  let engine = state.engine;
  const writable = (): Record<string, SandboxRecord> => (sandboxes ??= { ...state.sandboxes });
  for (const e of events) {
    switch (e.type) {
      case 'sandbox':
        writable()[e.sandbox.id] = e.sandbox;
        break;
      case 'removed':
        if (e.id in (sandboxes ?? state.sandboxes)) delete writable()[e.id];
        break;
      case 'engine':
        engine = e.status;
        break;
    }
  }
  if (sandboxes === null && engine === state.engine) return state;
  return { ...state, sandboxes: sandboxes ?? state.sandboxes, engine };
}

export function reduceSnapshot(snapshot: Snapshot): SandboxesData {
  const sandboxes: Record<string, SandboxRecord> = {};
  for (const s of snapshot.sandboxes) sandboxes[s.id] = s;
  return { sandboxes, engine: snapshot.engine, loaded: true };
}

export const createSandboxesSlice: StateCreator<Store, [], [], SandboxesSlice> = (set) => ({
  sandboxes: {},
  engine: null,
  loaded: false,
  applyEvents: (events) =>
    set((s) => {
      const next = reduceEvents(s, events);
      if (next === s) return s;
      const selectionGone = s.selectedId !== null && !(s.selectedId in next.sandboxes);
      const deleteGone = s.deleteId !== null && !(s.deleteId in next.sandboxes);
      return {
        sandboxes: next.sandboxes,
        engine: next.engine,
        ...(selectionGone ? { selectedId: null } : {}),
        ...(deleteGone ? { deleteId: null } : {}),
      };
    }),
  applySnapshot: (snapshot) =>
    set((s) => {
      const next = reduceSnapshot(snapshot);
      const selectionGone = s.selectedId !== null && !(s.selectedId in next.sandboxes);
      return { ...next, ...(selectionGone ? { selectedId: null } : {}) };
    }),
});
