// Short notices: "Copied", or an action that the engine refused.
import type { StateCreator } from 'zustand/vanilla';
import type { Store } from './types';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

export interface ToastsSlice {
  toasts: readonly Toast[];
  pushToast(tone: Toast['tone'], text: string): void;
  dismissToast(id: number): void;
}

const MAX_TOASTS = 4;
let nextId = 0;

export const createToastsSlice: StateCreator<Store, [], [], ToastsSlice> = (set) => ({
  toasts: [],
  pushToast: (tone, text) => {
    nextId += 1;
    const toast = { id: nextId, tone, text };
    set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
