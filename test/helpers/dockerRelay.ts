// A unix-socket relay to the real Docker socket. A server started with
// DOCKER_HOST=unix://<relay.socketPath> reaches Docker only through it, so stopping the relay is
// "Docker went away" for that server alone, without disturbing the daemon other tests use.
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const DOCKER_SOCKET = '/var/run/docker.sock';

export class DockerRelay {
  readonly socketPath: string;
  private server: net.Server | null = null;
  private readonly open = new Set<net.Socket>();

  constructor(socketPath = path.join(os.tmpdir(), `sandlot-relay-${process.pid}-${randomUUID().slice(0, 8)}.sock`)) {
    this.socketPath = socketPath;
  }

  /** The DOCKER_HOST value that points a server at this relay. */
  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    if (existsSync(this.socketPath)) rmSync(this.socketPath);
    const server = net.createServer((client) => {
      const daemon = net.connect(DOCKER_SOCKET);
      this.open.add(client).add(daemon);
      const drop = () => {
        client.destroy();
        daemon.destroy();
        this.open.delete(client);
        this.open.delete(daemon);
      };
      client.on('error', drop).on('close', drop);
      daemon.on('error', drop).on('close', drop);
      client.pipe(daemon).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** Cuts every open connection and stops listening: Docker is "gone" for the relay's users. */
  async stop(): Promise<void> {
    for (const sock of this.open) sock.destroy();
    this.open.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (existsSync(this.socketPath)) rmSync(this.socketPath, { force: true });
  }
}
