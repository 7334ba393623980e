// Where the shown sandboxes live: the context list (Local and the remote servers, never their
// keys) and which one is current. Replaced whole from contexts.* answers and after a resync.
import type { StateCreator } from 'zustand/vanilla';
import { LOCAL_CONTEXT_ID, type ContextList, type SandboxContext } from '../../src-main/contract/contexts';
import type { Store } from './types';

export interface ContextsSlice {
  contexts: ContextList | null;
  setContexts(list: ContextList): void;
}

export const createContextsSlice: StateCreator<Store, [], [], ContextsSlice> = (set) => ({
  contexts: null,
  setContexts: (contexts) => set({ contexts }),
});

/** The current context; null until the list arrived. */
export function currentContext(s: Pick<Store, 'contexts'>): SandboxContext | null {
  return s.contexts?.contexts.find((c) => c.id === s.contexts?.current) ?? null;
}

/** True while a remote server is current: the inside of a sandbox (logs, terminal, files, usage) is local-only. */
export function isRemote(s: Pick<Store, 'contexts'>): boolean {
  return s.contexts !== null && s.contexts.current !== LOCAL_CONTEXT_ID;
}
