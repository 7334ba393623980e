import { describe, expect, it } from 'vitest';
import { CommandRecords, statusBody, type CommandRecord } from '../../src-main/inside/commandRecords';

function record(id: string, finishedAt: number | null, sandboxId = 's1'): CommandRecord {
  return {
    id,
    sandboxId,
    content: `echo ${id}`,
    background: false,
    startedAt: new Date(0),
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
    exitCode: finishedAt === null ? null : 0,
    error: undefined,
    output: null,
    interrupt: async () => undefined,
  };
}

describe('CommandRecords', () => {
  it('keeps at most maxFinished finished records, dropping the oldest, never a running one', () => {
    const records = new CommandRecords({ maxFinished: 2, maxAgeMs: 1e9 }, () => 1000);
    records.add(record('run', null));
    for (const id of ['a', 'b', 'c']) records.add(record(id, 500));
    expect(records.get('s1', 'a')).toBeUndefined();
    expect(records.get('s1', 'b')?.id).toBe('b');
    expect(records.get('s1', 'c')?.id).toBe('c');
    expect(records.get('s1', 'run')?.id).toBe('run');
    expect(records.running('s1').map((r) => r.id)).toEqual(['run']);
  });

  it('forgets finished records after maxAgeMs', () => {
    let now = 1000;
    const records = new CommandRecords({ maxFinished: 10, maxAgeMs: 100 }, () => now);
    records.add(record('old', 950));
    expect(records.get('s1', 'old')).toBeDefined();
    now = 1100;
    expect(records.get('s1', 'old')).toBeUndefined();
  });

  it('keeps sandboxes apart and drops a whole sandbox', () => {
    const records = new CommandRecords();
    records.add(record('x', null, 's1'));
    records.add(record('y', null, 's2'));
    expect(records.get('s2', 'x')).toBeUndefined();
    records.drop('s1');
    expect(records.get('s1', 'x')).toBeUndefined();
    expect(records.get('s2', 'y')?.id).toBe('y');
  });

  it('answers status the execd way', () => {
    const running = statusBody(record('r', null));
    expect(running).toEqual({ id: 'r', content: 'echo r', running: true, exit_code: null, started_at: '1970-01-01T00:00:00.000Z', finished_at: null });
    const failed = statusBody({ ...record('f', 2000), exitCode: 2, error: 'exit status 2' });
    expect(failed).toMatchObject({ running: false, exit_code: 2, error: 'exit status 2', finished_at: '1970-01-01T00:00:02.000Z' });
  });
});
