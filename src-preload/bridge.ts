// What the preload exposes as window.sandlot: one small object. The renderer wraps it into the
// SandlotBridge of src-main/contract/bridge.ts (src-renderer/bridge/ipc.ts).
import type { BridgeResult, Channel, UiCommand } from '../src-main/contract/bridge';
import type { EngineEvent } from '../src-main/contract/sandbox';

export interface PreloadApi {
  /** Sandlot's version, as the API reports it. */
  readonly version: string;
  readonly platform: NodeJS.Platform;
  /** One bridge call over IPC; main validates the input and answers with an envelope. */
  invoke(channel: Channel, input: unknown): Promise<BridgeResult<unknown>>;
  /** Engine events pushed by main; returns the unsubscribe function. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  /** Commands from the tray (New sandbox…, open a sandbox); returns the unsubscribe function. */
  onCommand(listener: (c: UiCommand) => void): () => void;
}

/** The main process hands the version to the sandboxed preload as `--sandlot-version=<v>`. */
export const VERSION_ARG = '--sandlot-version=';
