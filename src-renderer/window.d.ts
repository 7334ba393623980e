// window.sandlot comes from the Electron preload. It is absent when the same page runs in a plain
// browser (the headless web UI), so the renderer must not assume it.
import type { SandlotBridge } from '../src-preload/bridge';

declare global {
  interface Window {
    readonly sandlot?: SandlotBridge;
  }
}

export {};
