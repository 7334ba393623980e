import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/contract/settings';
import { changedSettings, checkSettings } from '../../../src-renderer/features/settings/form';

describe('the settings form', () => {
  it('accepts the defaults', () => {
    expect(checkSettings({ ...DEFAULT_SETTINGS })).toEqual({});
  });

  it('checks default limits with the same rule as the engine, before sending', () => {
    const errors = checkSettings({ ...DEFAULT_SETTINGS, defaultCpu: 'two', defaultMemory: '4Qi', pidsLimit: Number.NaN });
    expect(errors.defaultCpu).toBe('"two" is not a CPU quantity (examples: 500m, 1, 2.5)');
    expect(errors.defaultMemory).toBe('"4Qi" is not a memory quantity (examples: 512Mi, 1Gi, 500M)');
    expect(errors.pidsLimit).toBe('must be a whole number from 64 to 1,000,000');
  });

  it('sends only what changed, the volume checkbox included', () => {
    expect(changedSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, allowUnmanagedVolumes: true, defaultMemory: '2Gi' })).toEqual({ allowUnmanagedVolumes: true, defaultMemory: '2Gi' });
  });
});
