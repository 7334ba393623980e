// Where the UI's sandboxes live: this Sandlot's own engine ("local"), or a remote OpenSandbox
// server (for example a deployment on Kubernetes) reached through its Lifecycle API with its
// own key. Type-only; remote keys never cross the bridge.

export type SandboxContext =
  | { id: 'local'; kind: 'local'; name: string }
  | { id: string; kind: 'opensandbox'; name: string; url: string };

export interface ContextList {
  contexts: SandboxContext[];
  /** The context the UI (and the tray) works on now. */
  current: string;
}

export interface NewRemoteContext {
  name: string;
  /** Base URL of the server, e.g. https://sandbox.example.com (the /v1 prefix is added). */
  url: string;
  apiKey: string;
}

/** The local engine's context id; it is always on the list and cannot be removed. */
export const LOCAL_CONTEXT_ID = 'local';

/**
 * Pushed on the bridge's event stream (beside EngineEvents) when the current context changed,
 * from the window or the tray: the renderer reloads the snapshot and the context list, as it
 * does after a reconnect. No data of its own, so a missed one is covered by the next resync.
 */
export interface ContextSwitched {
  type: 'context';
  current: string;
}
