// Settings (never the API key) and the app's facts, loaded once and replaced on save.
import type { StateCreator } from 'zustand/vanilla';
import type { AppInfo } from '../../src-main/contract/bridge';
import type { EditableSettings } from '../../src-main/contract/settings';
import type { Store } from './types';

export interface SettingsSlice {
  settings: EditableSettings | null;
  appInfo: AppInfo | null;
  setSettings(settings: EditableSettings): void;
  setAppInfo(info: AppInfo): void;
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  settings: null,
  appInfo: null,
  setSettings: (settings) => set({ settings }),
  setAppInfo: (appInfo) => set({ appInfo }),
});
