// What Sandlot tells about the inside of a sandbox (usage, logs, files, terminal), shared by the
// HTTP routes, the bridge and the renderer. Type-only.

/** One reading of a sandbox's resource use, from Docker stats. */
export interface UsageSample {
  /** When Docker took the reading (RFC 3339). */
  at: string;
  /** CPU used, in percent of ONE core (docker stats' convention: 250 = two and a half cores). */
  cpuPercent: number;
  /** Cores the sandbox may use: its CPU limit, else the host's CPU count. */
  cpuCores: number;
  memoryBytes: number;
  /** The memory limit, else the host's memory. */
  memoryLimitBytes: number;
  /** Totals since the container started. */
  networkRxBytes: number;
  networkTxBytes: number;
  pids: number;
}

/** One frame of `GET /v1/usage?ids=...` (SSE), about once a second. */
export interface UsageFrame {
  /** Latest reading per sandbox id; a sandbox that is not Running has none. */
  samples: Record<string, UsageSample>;
}

/** One line of a sandbox's output (`GET /v1/sandboxes/{id}/logs`, SSE). */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line without its newline. */
  text: string;
  /** Docker's timestamp of the line (RFC 3339), when it has one. */
  at: string | null;
}

export type FileType = 'file' | 'directory' | 'symlink' | 'other';

/** A file or folder inside a sandbox, as the UI shows it. */
export interface FileEntry {
  /** Absolute path inside the sandbox. */
  path: string;
  name: string;
  type: FileType;
  size: number;
  /** Permission bits as octal digits, the execd way (755). */
  mode: number;
  owner: string;
  group: string;
  modifiedAt: string;
  /** Where a symlink points. */
  linkTarget?: string;
}

/**
 * What a presigned link is for. The UI cannot hold the API key, so for streams and transfers it
 * asks the bridge for a one-time URL, scoped to one sandbox (or a set, for usage) and one use.
 */
export type LinkRequest =
  | { purpose: 'terminal'; id: string }
  | { purpose: 'logs'; id: string }
  | { purpose: 'usage'; ids: string[] }
  | { purpose: 'download'; id: string; path: string }
  | { purpose: 'upload'; id: string };

/** Terminal WebSocket (`GET /v1/sandboxes/{id}/terminal?cols=&rows=`): binary frames are the
 * terminal's bytes both ways; text frames carry these control messages. */
export type TerminalControl = { type: 'resize'; cols: number; rows: number };
export type TerminalNotice = { type: 'exit'; code: number } | { type: 'error'; message: string };
