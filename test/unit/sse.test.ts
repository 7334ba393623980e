import { describe, expect, it } from 'vitest';
import { takeSseData } from '../../src-main/contract/sse';

describe('takeSseData', () => {
  it('takes whole frames, skips comments, and keeps a partial frame for later', () => {
    const { data, rest } = takeSseData(': connected\n\ndata: {"a":1}\n\ndata: {"b"');
    expect(data).toEqual(['{"a":1}']);
    expect(rest).toBe('data: {"b"');
    const next = takeSseData(`${rest}:2}\n\n`);
    expect(next).toEqual({ data: ['{"b":2}'], rest: '' });
  });

  it('joins multi-line data and returns nothing for an empty buffer', () => {
    expect(takeSseData('data: line1\ndata: line2\n\n').data).toEqual(['line1\nline2']);
    expect(takeSseData('')).toEqual({ data: [], rest: '' });
  });
});
