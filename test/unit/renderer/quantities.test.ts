import { describe, expect, it } from 'vitest';
import { formatCpu, formatLimits, formatMemory } from '../../../src-renderer/lib/quantities';
import { metadataPatch, newTagRow, validateTagRows } from '../../../src-renderer/lib/tags';

describe('quantities for people', () => {
  it('shows CPUs and memory', () => {
    expect(formatCpu('500m')).toBe('0.5 CPU');
    expect(formatCpu('1')).toBe('1 CPU');
    expect(formatCpu('2.5')).toBe('2.5 CPUs');
    expect(formatMemory('128Mi')).toBe('128 MiB');
    expect(formatMemory('1.5Gi')).toBe('1.5 GiB');
    expect(formatMemory('500M')).toBe('500 MB');
    expect(formatMemory('1048576')).toBe('1 MiB');
    expect(formatLimits({ cpu: '500m', memory: '128Mi', gpu: 'all' })).toBe('0.5 CPU · 128 MiB · all GPUs');
    expect(formatLimits({})).toBe('no limits');
  });
});

describe('tag rows', () => {
  it('validates exactly as the API does, plus duplicates', () => {
    const rows = [newTagRow('team', 'ml'), newTagRow('-bad', 'x'), newTagRow('env', 'not valid!'), newTagRow('team', 'web'), newTagRow('opensandbox.io/x', 'y')];
    const errors = validateTagRows(rows);
    expect(errors.has(rows[0]!.rowId)).toBe(false);
    expect(errors.get(rows[1]!.rowId)?.key).toMatch(/1-63 characters/);
    expect(errors.get(rows[2]!.rowId)?.value).toMatch(/at most 63 characters/);
    expect(errors.get(rows[3]!.rowId)?.key).toMatch(/used twice/);
    expect(errors.get(rows[4]!.rowId)?.key).toMatch(/reserved/);
    expect(validateTagRows([newTagRow('name', 'Free text, with spaces!')]).size).toBe(0);
  });

  it('makes a merge patch: changed and new keys set, removed keys null', () => {
    const current = { name: 'a', team: 'ml', env: 'dev' };
    const rows = [newTagRow('name', 'a'), newTagRow('team', 'web'), newTagRow('owner', 'me')];
    expect(metadataPatch(current, rows)).toEqual({ env: null, team: 'web', owner: 'me' });
    expect(metadataPatch(current, [newTagRow('name', 'a'), newTagRow('team', 'ml'), newTagRow('env', 'dev')])).toEqual({});
  });
});
