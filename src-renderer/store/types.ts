// The whole store's shape: one object made of slices.
import type { ClockSlice } from './clock';
import type { ContextsSlice } from './contexts';
import type { SandboxesSlice } from './sandboxes';
import type { SettingsSlice } from './settings';
import type { ToastsSlice } from './toasts';
import type { UiSlice } from './ui';

export type Store = SandboxesSlice & UiSlice & ClockSlice & SettingsSlice & ToastsSlice & ContextsSlice;
