// Watching a container from outside: its log stream and Docker's resource statistics.
import type Docker from 'dockerode';
import { PassThrough, type Readable } from 'node:stream';
import { followJsonLines } from './jsonLines';

export interface LogOptions {
  follow: boolean;
  /** Lines from the end to start with; 'all' for everything. */
  tail: number | 'all';
  /** Only lines after this time: Docker's `seconds[.nanoseconds]` form. */
  since: string | null;
}

/** One piece of a container's output, as Docker framed it (with its timestamp prefix). */
export interface LogChunk {
  stream: 'stdout' | 'stderr';
  bytes: Buffer;
}

/** A subset of Docker's stats JSON: what a usage reading is computed from. */
export interface DockerStats {
  read: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  pids_stats?: { current?: number };
}

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** A running subscription to something Docker streams; `stop` ends it (idempotent). */
export interface Feed {
  stop(): void;
}

/**
 * Splits Docker's multiplexed stream ([stream, 0, 0, 0, size(4)] + payload) into chunks, across
 * reads that cut frames anywhere.
 */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(data: Buffer): LogChunk[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const out: LogChunk[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const kind = this.pending[0];
      out.push({ stream: kind === 2 ? 'stderr' : 'stdout', bytes: this.pending.subarray(8, 8 + size) });
      this.pending = this.pending.subarray(8 + size);
    }
    return out;
  }
}

export class ObserveApi {
  constructor(protected readonly docker: Docker) {}

  /**
   * The container's output with Docker's timestamps, as an object-mode stream of LogChunks.
   * Followed, it ends when the container stops (or `destroy()` is called).
   */
  async logs(containerId: string, opts: LogOptions): Promise<Readable> {
    const info = await this.docker.getContainer(containerId).inspect();
    const raw = await this.dial(`/containers/${containerId}/logs?`, {
      stdout: true,
      stderr: true,
      timestamps: true,
      follow: opts.follow,
      tail: String(opts.tail),
      ...(opts.since !== null ? { since: opts.since } : {}),
    });
    const out = new PassThrough({ objectMode: true });
    const splitter = new FrameSplitter();
    // A TTY container's output is one raw stream, without frames.
    raw.on('data', (data: Buffer) => {
      const chunks = info.Config.Tty ? [{ stream: 'stdout' as const, bytes: data }] : splitter.push(data);
      for (const c of chunks) out.write(c);
    });
    raw.on('end', () => out.end());
    raw.on('error', (err: Error) => out.destroy(err));
    out.on('close', () => raw.destroy());
    return out;
  }

  /** The CPU limit (NanoCpus, 0 for none) Docker enforces, and when the container started. */
  async limits(containerId: string): Promise<{ nanoCpus: number; startedAt: string }> {
    const info = await this.docker.getContainer(containerId).inspect();
    return { nanoCpus: info.HostConfig.NanoCpus ?? 0, startedAt: info.State.StartedAt };
  }

  /**
   * Follows Docker's stats stream (one reading a second). `onEnd` runs once when it stops by
   * itself: the container stopped, was removed, or Docker went away.
   */
  async stats(containerId: string, onStats: (s: DockerStats) => void, onEnd: (err?: Error) => void): Promise<Feed> {
    const raw = await this.dial(`/containers/${containerId}/stats?`, { stream: true });
    const stop = followJsonLines(raw, (v) => onStats(v as DockerStats), onEnd);
    return { stop };
  }

  /** A streamed GET on the Docker API (dockerode buffers non-follow logs otherwise). */
  private dial(path: string, options: Record<string, unknown>): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        { path, method: 'GET', isStream: true, statusCodes: { 200: true, 404: 'no such container', 500: 'server error' }, options },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Readable)),
      );
    });
  }
}
