import { describe, expect, it, vi } from 'vitest';
import { QUIT_SETTLE_MS, shutdownSandlot } from '../../../src-main/electron/quitBehavior';
import { fakeSandlot } from './fakeEngine';

describe('quit behaviour', () => {
  it("'keep' leaves the sandboxes alone and closes", async () => {
    const s = fakeSandlot('keep');
    await shutdownSandlot(s);
    expect(s.engine.calls).toEqual(['close']);
  });

  it("'pause' pauses all, waits for Docker to finish, then closes", async () => {
    const s = fakeSandlot('pause');
    await shutdownSandlot(s);
    expect(s.engine.calls).toEqual(['pauseAll', `settle:${QUIT_SETTLE_MS}`, 'close']);
    expect(QUIT_SETTLE_MS).toBe(10_000);
  });

  it("'delete' deletes all, waits, then closes", async () => {
    const s = fakeSandlot('delete');
    await shutdownSandlot(s);
    expect(s.engine.calls).toEqual(['deleteAll', 'settle:10000', 'close']);
  });

  it('still closes when pausing fails', async () => {
    const s = fakeSandlot('pause');
    s.engine.pauseAll = async () => {
      throw new Error('Docker went away');
    };
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await shutdownSandlot(s);
    expect(s.engine.calls).toEqual(['close']);
    log.mockRestore();
  });
});
