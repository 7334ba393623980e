// A small in-memory stand-in for SandboxEngine, for tests about wiring (what calls what, in
// which order), not about lifecycle rules, which the engine's own tests cover. Not a test file.
import { vi } from 'vitest';
import type { BridgeEvent } from '../../../src-main/contexts/contexts';
import type { BridgeResult } from '../../../src-main/contract/bridge';
import type { ContextList } from '../../../src-main/contract/contexts';
import type { EngineEvent, EngineStatus, SandboxRecord } from '../../../src-main/contract/sandbox';
import type { QuitBehavior } from '../../../src-main/contract/settings';
import type { RunningSandlot } from '../../../src-main/sandlot';

export const CONNECTED: EngineStatus = { docker: 'connected', detail: 'Docker 27', endpoint: 'unix:///var/run/docker.sock', since: '2026-01-01T00:00:00.000Z' };

export class FakeEngine {
  records: SandboxRecord[] = [];
  status: EngineStatus = CONNECTED;
  /** Every call, in order, as "name" or "name:arg". */
  readonly calls: string[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  snapshot(): SandboxRecord[] {
    return this.records;
  }
  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }
  async pauseAll(): Promise<number> {
    this.calls.push('pauseAll');
    return 1;
  }
  async resumeAll(): Promise<number> {
    this.calls.push('resumeAll');
    return 1;
  }
  async deleteAll(): Promise<number> {
    this.calls.push('deleteAll');
    return 1;
  }
  async settle(timeoutMs: number): Promise<void> {
    this.calls.push(`settle:${timeoutMs}`);
  }
}

/** The current context as the tray and tray actions see it: here, just the fake engine. */
export class FakeContexts {
  contexts: ContextList = { contexts: [{ id: 'local', kind: 'local', name: 'Local' }], current: 'local' };
  constructor(private readonly engine: FakeEngine) {}
  list(): ContextList {
    return this.contexts;
  }
  snapshot(): SandboxRecord[] {
    return this.engine.snapshot();
  }
  get status(): EngineStatus {
    return this.engine.status;
  }
  subscribe(listener: (e: BridgeEvent) => void): () => void {
    return this.engine.subscribe(listener);
  }
  pauseAll(): Promise<number> {
    return this.engine.pauseAll();
  }
  resumeAll(): Promise<number> {
    return this.engine.resumeAll();
  }
}

export class FakeDispatcher {
  /** The bridge's event stream; the fake engine's events by default. */
  constructor(private readonly events: FakeEngine = new FakeEngine()) {}
  subscribe(listener: (e: BridgeEvent) => void): () => void {
    return this.events.subscribe(listener);
  }
  readonly handle = vi.fn(async (channel: unknown, input: unknown): Promise<BridgeResult<unknown>> => {
    void input;
    return this.answers.get(String(channel)) ?? { ok: true, value: null };
  });
  readonly answers = new Map<string, BridgeResult<unknown>>();
}

export interface FakeSandlot {
  engine: FakeEngine;
  contexts: FakeContexts;
  dispatcher: FakeDispatcher;
  settings: { get(): { quitBehavior: QuitBehavior; apiKey: string; maxTimeoutSeconds: number } };
  port: number;
  url: string;
  fellBack: boolean;
  close: () => Promise<void>;
}

export function fakeSandlot(quitBehavior: QuitBehavior = 'keep'): FakeSandlot {
  const engine = new FakeEngine();
  return {
    engine,
    contexts: new FakeContexts(engine),
    dispatcher: new FakeDispatcher(engine),
    settings: { get: () => ({ quitBehavior, apiKey: 'sl_test_key', maxTimeoutSeconds: 86400 }) },
    port: 8123,
    url: 'http://127.0.0.1:8123',
    fellBack: false,
    close: vi.fn(async () => {
      engine.calls.push('close');
    }),
  };
}

/** The fake where code wants the real thing; only the parts above are ever used. */
export function asRunning(s: FakeSandlot): RunningSandlot {
  return s as unknown as RunningSandlot;
}
