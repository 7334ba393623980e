// The engine's link to Docker: a ping loop that notices Docker leaving within a second and
// coming back, and Docker's event stream, reconnected whenever it drops.
import type { DockerState, EngineStatus } from '../contract/sandbox';
import { dockerMessage, type DockerEvent, type DockerRuntime } from '../runtime/docker';
import { EngineError } from './errors';

const PING_EVERY_MS = 1000;

export interface DockerLinkHooks {
  /** Docker answered after being away (or at start): reconcile before serving. */
  onConnected: () => Promise<void>;
  onEvent: (e: DockerEvent) => void;
  onStatus: (s: EngineStatus) => void;
}

export class DockerLink {
  private state: EngineStatus;
  private timer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;
  private hasAnswered = false;

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly instanceId: string,
    private readonly hooks: DockerLinkHooks,
  ) {
    this.state = this.statusOf('connecting', 'Looking for Docker…');
  }

  get status(): EngineStatus {
    return this.state;
  }

  get connected(): boolean {
    return this.state.docker === 'connected';
  }

  /** Whether the engine in use has answered since it was chosen (since start, or the last switch). */
  get answered(): boolean {
    return this.hasAnswered;
  }

  /** Checks Docker once now, then keeps checking every second. Also restarts after halt(). */
  async start(): Promise<void> {
    if (this.stopped) {
      this.stopped = false;
      this.hasAnswered = false;
      this.set('connecting', 'Looking for Docker…');
    }
    await this.check();
    this.timer = setInterval(() => void this.check(), PING_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unwatch?.();
    this.unwatch = null;
  }

  /**
   * Stops watching and waits for a check under way, then reports `detail` (e.g. "Switching to
   * Colima…") as connecting: sandbox calls answer 503 until start() runs again.
   */
  async halt(detail: string): Promise<void> {
    this.stop();
    this.set('connecting', detail);
    await this.checking;
    // A check that was under way may have opened a new event stream meanwhile.
    this.unwatch?.();
    this.unwatch = null;
  }

  /** Throws the 503-kind error when Docker is not connected. */
  require(): void {
    if (this.connected) return;
    throw new EngineError(
      'unavailable',
      `Docker is not reachable at ${this.state.endpoint} (${this.state.detail}). Start Docker; Sandlot reconnects by itself.`,
    );
  }

  /** Any Docker call that finds the daemon gone reports here, so status flips at once. */
  lost(err: unknown): void {
    if (this.state.docker === 'unreachable') return;
    this.unwatch?.();
    this.unwatch = null;
    this.set('unreachable', dockerMessage(err));
  }

  check(): Promise<void> {
    if (!this.checking) {
      this.checking = this.checkOnce().finally(() => {
        this.checking = null;
      });
    }
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    if (this.stopped) return;
    let version: string;
    try {
      version = await this.runtime.ping();
    } catch (err) {
      if (!this.stopped) this.lost(err);
      return;
    }
    if (this.connected && this.unwatch) return;
    try {
      this.unwatch = await this.runtime.watch(this.instanceId, this.hooks.onEvent, () => {
        this.unwatch = null;
        // The stream dropped: the next ping decides whether Docker is gone or just reconnects.
        if (!this.stopped) void this.check();
      });
      // Events may have been missed while the stream was down: reconcile on every (re)connect.
      await this.hooks.onConnected();
      if (!this.connected && !this.stopped) {
        this.hasAnswered = true;
        this.set('connected', version);
      }
    } catch (err) {
      if (!this.stopped) this.lost(err);
    }
  }

  private set(docker: DockerState, detail: string): void {
    this.state = this.statusOf(docker, detail);
    this.hooks.onStatus(this.state);
  }

  private statusOf(docker: DockerState, detail: string): EngineStatus {
    const { host, name } = this.runtime.target;
    return { docker, detail, endpoint: host, name, since: new Date().toISOString() };
  }
}
