// One zustand store made of slices: a vanilla store (testable without React) and its hook.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createClockSlice } from './clock';
import { createContextsSlice } from './contexts';
import { createSandboxesSlice } from './sandboxes';
import { createSettingsSlice } from './settings';
import { createToastsSlice } from './toasts';
import type { Store } from './types';
import { createUiSlice } from './ui';

export type { Store } from './types';
export type SandlotStore = StoreApi<Store>;

export function createSandlotStore(): SandlotStore {
  return createStore<Store>()((...a) => ({
    ...createSandboxesSlice(...a),
    ...createUiSlice(...a),
    ...createClockSlice(...a),
    ...createSettingsSlice(...a),
    ...createToastsSlice(...a),
    ...createContextsSlice(...a),
  }));
}

/** The app's store. Tests make their own with createSandlotStore(). */
export const appStore = createSandlotStore();

export function useSandlot<T>(selector: (s: Store) => T): T {
  return useStore(appStore, selector);
}

/** Actions and reads outside React (event handlers, the session). */
export const getStore = (): Store => appStore.getState();
