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
