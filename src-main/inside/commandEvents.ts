// The events of a running command, as execd streams them (ServerStreamEvent in the execd spec)
// and as the OpenSandbox SDKs read them: `init` carries the command id, one `stdout`/`stderr`
// per line, then `execution_complete` (exit 0) or `error` whose `evalue` is the exit code.

export interface CommandErrorDetail {
  ename: string;
  /** The exit code as text: the SDKs parse it into `exitCode`. */
  evalue: string;
  traceback: string[];
}

export type CommandEvent =
  | { type: 'init'; text: string; timestamp: number }
  | { type: 'stdout' | 'stderr'; text: string; timestamp: number }
  | { type: 'execution_complete'; execution_time: number; timestamp: number }
  | { type: 'error'; error: CommandErrorDetail; timestamp: number }
  | { type: 'ping'; text: 'pong'; timestamp: number };

/** execd's error name for a command that did not exit 0. */
export const COMMAND_EXEC_ERROR = 'CommandExecError';

/** The keep-alive execd sends every few seconds on a quiet stream; SDKs skip it. */
export function pingEvent(): CommandEvent {
  return { type: 'ping', text: 'pong', timestamp: Date.now() };
}
