// Small helpers shared by the unit tests (not a test file itself).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxRecord, SandboxState } from '../../src-main/contract/sandbox';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/contract/settings';
import { EngineError } from '../../src-main/engine/errors';

/** Runs fn and returns the EngineError it throws; fails the test when it throws nothing or something else. */
export function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw new Error(`expected an EngineError, got ${String(err)}`);
  }
  throw new Error('expected an EngineError, but nothing was thrown');
}

/** Awaits the promise and returns the EngineError it rejects with. */
export async function engineErrorAsync(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw new Error(`expected an EngineError, got ${String(err)}`);
  }
  throw new Error('expected an EngineError, but the promise resolved');
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    hostPathAllowlist: [],
    apiKey: 'sl_test_key_0123456789',
    instanceId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

export interface RecordInit {
  id: string;
  state?: SandboxState;
  createdAt?: string;
  metadata?: Record<string, string>;
  expiresAt?: string | null;
  finishedAt?: string | null;
}

export function record(init: RecordInit): SandboxRecord {
  const createdAt = init.createdAt ?? '2026-01-01T00:00:00.000Z';
  return {
    id: init.id,
    containerId: null,
    image: 'busybox:latest',
    entrypoint: ['sleep', 'infinity'],
    metadata: init.metadata ?? {},
    resourceLimits: { cpu: '1', memory: '64Mi' },
    platform: null,
    volumes: [],
    ports: {},
    status: { state: init.state ?? 'Running', reason: 'test', message: 'test record', lastTransitionAt: createdAt },
    createdAt,
    expiresAt: init.expiresAt ?? null,
    finishedAt: init.finishedAt ?? null,
  };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'sandlot-unit-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
