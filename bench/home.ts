// A throwaway Sandlot data folder for the bench server: its own key and instance id, so its
// containers are told apart from everyone else's on the shared daemon.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EditableSettings } from '../src-main/contract/settings';
import { openSettingsFile, SettingsStore } from '../src-main/store/settings';

export interface BenchHome {
  dir: string;
  apiKey: string;
  instanceId: string;
}

/**
 * By default deleted sandboxes are purged at the next sweep (about a second), so the records the
 * list benchmark scans are the live fleet only, not also the leftovers of the create benchmark.
 */
export function createHome(overrides: Partial<EditableSettings> = { terminatedRetentionSeconds: 0 }): BenchHome {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandlot-bench-'));
  const settings = new SettingsStore(openSettingsFile(dir));
  settings.update(overrides);
  const s = settings.get();
  return { dir, apiKey: s.apiKey, instanceId: s.instanceId };
}

export function removeHome(home: BenchHome): void {
  rmSync(home.dir, { recursive: true, force: true });
}
