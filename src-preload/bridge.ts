// What the preload exposes as window.sandlot. A first, tiny version; the typed bridge over IPC
// (shared with the HTTP bridge of the web UI) replaces it.
export interface SandlotBridge {
  /** Sandlot's version, as the API reports it. */
  readonly version: string;
  readonly platform: NodeJS.Platform;
}

/** The main process hands the version to the sandboxed preload as `--sandlot-version=<v>`. */
export const VERSION_ARG = '--sandlot-version=';
