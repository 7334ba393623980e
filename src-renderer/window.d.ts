// window.sandlot comes from the Electron preload. It is absent when the same page runs in a plain
// browser (the headless web UI), where the HTTP bridge takes its place.
import type { PreloadApi } from '../src-preload/bridge';

declare global {
  interface Window {
    readonly sandlot?: PreloadApi;
  }
}

export {};
