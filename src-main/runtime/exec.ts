// Processes inside a container, through Docker's exec API: the one way Sandlot runs anything in
// a sandbox (commands, file operations that need a tool, the terminal). Nothing is injected:
// the image only needs the program that is asked for.
import type Docker from 'dockerode';
import { PassThrough, type Duplex, type Readable } from 'node:stream';

export interface ExecOptions {
  /** argv; no shell unless the caller asks for one. */
  cmd: string[];
  env?: Record<string, string>;
  /** Working directory inside the container; Docker refuses to start when it does not exist. */
  cwd?: string;
  /** `uid`, `uid:gid` or a user name, as `docker exec --user` takes it. */
  user?: string;
  /** A pseudo-terminal: one combined output stream, resizable, for interactive shells. */
  tty?: boolean;
  /** Keep stdin open for writing (the terminal, uploads that stream into a command). */
  stdin?: boolean;
}

export interface ExecProcess {
  /** Docker's exec id. */
  id: string;
  /** Writable when `stdin` was asked for; also the raw (multiplexed unless tty) stream. */
  stream: Duplex;
  /** stdout, or everything when tty is on. */
  stdout: Readable;
  /** stderr; empty when tty is on. */
  stderr: Readable;
  /** Resolves with the exit code once the process has ended and its output is drained. */
  exited: Promise<number>;
  resize(cols: number, rows: number): Promise<void>;
}

export class ExecApi {
  constructor(private readonly docker: Docker) {}

  /** Starts a process and attaches to it. Rejects when Docker refuses (no such file, bad cwd...). */
  async start(containerId: string, opts: ExecOptions): Promise<ExecProcess> {
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: opts.cmd,
      Env: opts.env ? Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) : undefined,
      WorkingDir: opts.cwd,
      User: opts.user,
      Tty: opts.tty ?? false,
      AttachStdin: opts.stdin ?? false,
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = (await exec.start({ hijack: true, stdin: opts.stdin ?? false, Tty: opts.tty ?? false })) as Duplex;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    if (opts.tty) {
      stream.pipe(stdout);
      stderr.end();
    } else {
      this.docker.modem.demuxStream(stream, stdout, stderr);
      stream.once('end', () => {
        stdout.end();
        stderr.end();
      });
    }
    const exited = new Promise<number>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        // A stream that ended means the process is gone; inspect tells how it ended.
        exec.inspect().then(
          (info) => resolve(info.ExitCode ?? -1),
          () => resolve(-1),
        );
      };
      stream.once('end', finish);
      stream.once('close', finish);
      stream.once('error', finish);
    });
    return {
      id: exec.id,
      stream,
      stdout,
      stderr,
      exited,
      resize: async (cols, rows) => {
        await exec.resize({ h: rows, w: cols });
      },
    };
  }

  /** Runs to completion and collects the output (for short tool invocations like `rm`). */
  async run(containerId: string, opts: ExecOptions & { input?: Buffer | string | Readable }): Promise<{ exitCode: number; stdout: Buffer; stderr: Buffer }> {
    const p = await this.start(containerId, { ...opts, stdin: opts.input !== undefined });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => err.push(c));
    if (typeof opts.input === 'string' || Buffer.isBuffer(opts.input)) p.stream.end(opts.input);
    else if (opts.input) {
      // A process that exits before reading all of its input breaks the pipe; its exit code
      // tells what happened, so that write error is not one more failure to report.
      p.stream.on('error', () => undefined);
      opts.input.once('error', (err) => p.stream.destroy(err));
      opts.input.pipe(p.stream);
    }
    const exitCode = await p.exited;
    return { exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
  }
}
