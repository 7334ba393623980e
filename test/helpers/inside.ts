// Reads what a test sandbox sees, with a plain Docker exec (the test's own way in, not Sandlot's).
import type { Readable } from 'node:stream';
import { demuxLogs } from '../../src-main/runtime/docker';
import { LABEL } from '../../src-main/runtime/labels';
import { docker } from './sandlot';

/** Runs argv in a container and answers its output (stdout and stderr together) and exit code. */
export async function execIn(containerId: string, argv: string[]): Promise<{ output: string; exitCode: number }> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
  const stream = (await exec.start({ Detach: false, Tty: false })) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const info = await exec.inspect();
  return { output: demuxLogs(Buffer.concat(chunks)), exitCode: info.ExitCode ?? -1 };
}

/** The container of a sandbox, found by Sandlot's label (the wire format does not carry it). */
export async function containerOf(sandboxId: string): Promise<string> {
  const [c] = await docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${sandboxId}`] } });
  if (!c) throw new Error(`no container for sandbox ${sandboxId}`);
  return c.Id;
}
