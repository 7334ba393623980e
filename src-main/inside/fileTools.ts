// POSIX tools run inside a sandbox for what the archive API cannot do (remove, move, chmod,
// chown, walk a tree, read owner ids). Run as root, like execd; argv only, never a shell
// string built from user input (scripts take paths as "$@").
import type { Readable } from 'node:stream';
import type { ExecApi } from '../runtime/exec';
import { FileError } from './fileErrors';

export interface ToolResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/** Docker's and the shells' words for "no such program". */
const MISSING = /executable file not found|no such file or directory|not found/i;

export class Tools {
  constructor(private readonly exec: ExecApi) {}

  /** Runs argv; a missing program is a 501 that names it. The exit code is the caller's. */
  async run(containerId: string, cmd: string[], input?: Buffer | Readable): Promise<ToolResult> {
    const tool = cmd[0] ?? '';
    let r: { exitCode: number; stdout: Buffer; stderr: Buffer };
    try {
      r = await this.exec.run(containerId, { cmd, user: '0', ...(input ? { input } : {}) });
    } catch (err) {
      if (MISSING.test((err as Error).message ?? '')) throw missingTool(tool);
      throw err;
    }
    const stderr = r.stderr.toString('utf8').trim();
    // Docker reports a program it could not start as exit 126/127 with its message as output.
    if ((r.exitCode === 126 || r.exitCode === 127) && MISSING.test(`${stderr} ${r.stdout.toString('utf8')}`)) throw missingTool(tool);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr };
  }

  /** Runs argv and turns a non-zero exit into a FileError with the tool's own message. */
  async must(containerId: string, cmd: string[]): Promise<ToolResult> {
    const r = await this.run(containerId, cmd);
    if (r.exitCode !== 0) throw toolFailed(cmd[0] ?? '', r.stderr);
    return r;
  }
}

function missingTool(tool: string): FileError {
  return new FileError(501, 'NOT_IMPLEMENTED', `The sandbox image has no \`${tool}\`, which this file operation needs`);
}

export function toolFailed(tool: string, stderr: string): FileError {
  const text = stderr || `${tool} failed`;
  if (/permission denied|read-only file system|operation not permitted/i.test(text)) return new FileError(403, 'PERMISSION_DENIED', text);
  if (/no such file or directory/i.test(text)) return new FileError(404, 'FILE_NOT_FOUND', text);
  return new FileError(500, 'RUNTIME_ERROR', text);
}
