// What the user is looking at: filters, sort, selection and which dialog is open.
import type { StateCreator } from 'zustand/vanilla';
import type { SandboxState } from '../../src-main/contract/sandbox';
import { NO_FILTERS, type Filters, type TagFilter } from '../lib/filter';
import { DEFAULT_DIR, DEFAULT_SORT, type Sort, type SortDir, type SortKey } from '../lib/sort';
import type { Store } from './types';

export type DialogKind = 'create' | 'settings' | 'add-server';

/** The detail panel's tabs: the record itself, then the inside of the sandbox. */
export type DetailTab = 'overview' | 'logs' | 'terminal' | 'files' | 'usage';

export interface UiSlice {
  filters: Filters;
  sort: Sort;
  selectedId: string | null;
  dialog: DialogKind | null;
  /** The sandbox the delete confirmation asks about. */
  deleteId: string | null;
  /** Bumped to ask the search box for focus ('/'). */
  searchFocus: number;
  /** Kept while the selection changes: someone reading logs likely wants the next one's logs. */
  detailTab: DetailTab;
  toggleState(state: SandboxState): void;
  toggleTag(tag: TagFilter): void;
  setText(text: string): void;
  clearFilters(): void;
  setSortKey(key: SortKey): void;
  setSortDir(dir: SortDir): void;
  select(id: string | null): void;
  openDialog(kind: DialogKind): void;
  closeDialog(): void;
  askDelete(id: string | null): void;
  focusSearch(): void;
  setDetailTab(tab: DetailTab): void;
}

const sameTag = (a: TagFilter, b: TagFilter): boolean => a.key === b.key && a.value === b.value;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  filters: NO_FILTERS,
  sort: DEFAULT_SORT,
  selectedId: null,
  dialog: null,
  deleteId: null,
  searchFocus: 0,
  detailTab: 'overview',
  toggleState: (state) =>
    set((s) => {
      const has = s.filters.states.includes(state);
      const states = has ? s.filters.states.filter((x) => x !== state) : [...s.filters.states, state];
      return { filters: { ...s.filters, states } };
    }),
  toggleTag: (tag) =>
    set((s) => {
      const has = s.filters.tags.some((t) => sameTag(t, tag));
      const tags = has ? s.filters.tags.filter((t) => !sameTag(t, tag)) : [...s.filters.tags, tag];
      return { filters: { ...s.filters, tags } };
    }),
  setText: (text) => set((s) => ({ filters: { ...s.filters, text } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setSortKey: (key) => set({ sort: { key, dir: DEFAULT_DIR[key] } }),
  setSortDir: (dir) => set((s) => ({ sort: { ...s.sort, dir } })),
  select: (selectedId) => set({ selectedId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  askDelete: (deleteId) => set({ deleteId }),
  focusSearch: () => set((s) => ({ searchFocus: s.searchFocus + 1 })),
  setDetailTab: (detailTab) => set({ detailTab }),
});
