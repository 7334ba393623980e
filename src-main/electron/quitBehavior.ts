// What quitting the desktop app does to the sandboxes (settings: quitBehavior), then the clean
// close. Electron-free, so app.ts only decides *when* and this decides *what*.
import type { QuitBehavior } from '../contract/settings';

/** Long enough for Docker to pause or remove a few dozen containers; quitting must not hang. */
export const QUIT_SETTLE_MS = 10_000;

export interface QuittingEngine {
  pauseAll(): Promise<number>;
  deleteAll(): Promise<number>;
  settle(timeoutMs: number): Promise<void>;
}

export interface ClosableSandlot {
  engine: QuittingEngine;
  settings: { get(): { quitBehavior: QuitBehavior } };
  close(): Promise<void>;
}

export async function applyQuitBehavior(engine: QuittingEngine, behavior: QuitBehavior): Promise<void> {
  if (behavior === 'keep') return;
  const count = behavior === 'pause' ? await engine.pauseAll() : await engine.deleteAll();
  if (count > 0) console.log(`sandlot: quitting; ${behavior === 'pause' ? 'pausing' : 'deleting'} ${count} sandbox(es)`);
  // pauseAll/deleteAll only start the work; wait for Docker to finish it before closing.
  await engine.settle(QUIT_SETTLE_MS);
}

/** Applies the quit behaviour, then closes the API and engine, even if the first part failed. */
export async function shutdownSandlot(sandlot: ClosableSandlot): Promise<void> {
  try {
    await applyQuitBehavior(sandlot.engine, sandlot.settings.get().quitBehavior);
  } catch (err) {
    console.error('sandlot: could not apply the quit behaviour', err);
  }
  await sandlot.close();
}
