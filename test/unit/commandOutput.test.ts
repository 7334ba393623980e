import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS, OutputLog } from '../../src-main/inside/commandOutput';

function split(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  for (const c of chunks) s.push(c);
  s.end();
  return lines;
}

describe('LineSplitter', () => {
  it('gives one line per newline, and the last partial line at the end', () => {
    expect(split([Buffer.from('a\nb'), Buffer.from('c\n\nd')])).toEqual(['a', 'bc', '', 'd']);
    expect(split([Buffer.from('only\n')])).toEqual(['only']);
    expect(split([])).toEqual([]);
  });

  it('keeps a UTF-8 character cut between chunks whole', () => {
    const bytes = Buffer.from('héllo ✓\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual(['héllo ✓']);
  });

  it('cuts an endless line into bounded pieces', () => {
    const lines = split([Buffer.from('x'.repeat(MAX_LINE_CHARS * 2 + 5))]);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS, 5]);
  });
});

describe('OutputLog', () => {
  it('reads everything without a cursor and from a line with one; the cursor is the next line', () => {
    const log = new OutputLog();
    for (const l of ['a', 'b', 'c']) log.append(l);
    expect(log.read()).toEqual({ text: 'a\nb\nc\n', cursor: 3 });
    expect(log.read(1)).toEqual({ text: 'b\nc\n', cursor: 3 });
    expect(log.read(3)).toEqual({ text: '', cursor: 3 });
    expect(log.read(99)).toEqual({ text: '', cursor: 3 });
  });

  it('drops the oldest lines past its cap but keeps numbering', () => {
    const log = new OutputLog(10);
    for (const l of ['1111', '2222', '3333', '4444']) log.append(l);
    expect(log.end).toBe(4);
    // 10 chars hold two 4-char lines with their newlines.
    expect(log.read()).toEqual({ text: '3333\n4444\n', cursor: 4 });
    expect(log.read(0).text).toBe('3333\n4444\n');
    expect(log.read(3).text).toBe('4444\n');
  });

  it('keeps the newest line even when it alone is over the cap', () => {
    const log = new OutputLog(4);
    log.append('long line');
    expect(log.read()).toEqual({ text: 'long line\n', cursor: 1 });
  });
});
