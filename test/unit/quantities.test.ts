import { describe, expect, it } from 'vitest';
import { MIN_MEMORY_BYTES, parseCpu, parseGpu, parseMemory } from '../../src-main/engine/quantities';
import { engineError } from './support';

describe('parseCpu', () => {
  it.each([
    ['500m', 500_000_000],
    ['1', 1_000_000_000],
    ['2.5', 2_500_000_000],
    ['0.5', 500_000_000],
    ['250m', 250_000_000],
    ['1500m', 1_500_000_000],
    ['10m', 10_000_000],
    ['1024', 1_024_000_000_000],
    [' 2 ', 2_000_000_000],
  ])('%j is %d NanoCpus', (value, nano) => {
    expect(parseCpu(value, 'resourceLimits.cpu')).toBe(nano);
  });

  it.each(['', 'abc', '-1', '1.', '1e3', '1 m', '500M', '1k', '2 cores', '0x10', 'm'])(
    'refuses %j as an invalid request naming the field',
    (value) => {
      const err = engineError(() => parseCpu(value, 'resourceLimits.cpu'));
      expect(err.kind).toBe('invalid');
      expect(err.code).toBe('INVALID_REQUEST');
      expect(err.field).toBe('resourceLimits.cpu');
      expect(err.message.startsWith('resourceLimits.cpu:')).toBe(true);
      expect(err.message).toContain('not a CPU quantity');
    },
  );

  it.each(['0', '0m', '9m', '0.009', '1.5m'])('refuses %j as below the 10m minimum', (value) => {
    const err = engineError(() => parseCpu(value, 'resourceRequests.cpu'));
    expect(err.field).toBe('resourceRequests.cpu');
    expect(err.message).toContain('minimum of 10m');
  });

  it('refuses more CPUs than any machine has', () => {
    const err = engineError(() => parseCpu('1025', 'resourceLimits.cpu'));
    expect(err.field).toBe('resourceLimits.cpu');
    expect(err.message).toContain('1025');
  });

  it('uses the field it is given in the message', () => {
    expect(engineError(() => parseCpu('x', 'a.b')).message).toBe('a.b: "x" is not a CPU quantity (examples: 500m, 1, 2.5)');
  });
});

describe('parseMemory', () => {
  it.each([
    ['512Mi', 536_870_912],
    ['1Gi', 1_073_741_824],
    ['1.5Gi', 1_610_612_736],
    ['500M', 500_000_000],
    ['1G', 1_000_000_000],
    ['6Mi', 6 * 1024 * 1024],
    ['8192Ki', 8 * 1024 * 1024],
    ['10000k', 10_000_000],
    ['10000K', 10_000_000],
    ['1Ti', 2 ** 40],
    ['1T', 1e12],
    ['67108864', 67_108_864],
    [' 64Mi ', 64 * 1024 * 1024],
  ])('%j is %d bytes', (value, bytes) => {
    expect(parseMemory(value, 'resourceLimits.memory')).toBe(bytes);
  });

  it('keeps the minimum at exactly 6Mi', () => {
    expect(MIN_MEMORY_BYTES).toBe(6 * 2 ** 20);
    expect(parseMemory(String(MIN_MEMORY_BYTES), 'm')).toBe(MIN_MEMORY_BYTES);
    const err = engineError(() => parseMemory(String(MIN_MEMORY_BYTES - 1), 'resourceLimits.memory'));
    expect(err.field).toBe('resourceLimits.memory');
    expect(err.message).toContain('minimum of 6Mi');
  });

  it.each(['5Mi', '1Ki', '1', '0', '6M', '0.1Mi'])('refuses %j as below the minimum', (value) => {
    const err = engineError(() => parseMemory(value, 'resourceLimits.memory'));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('resourceLimits.memory');
    expect(err.message).toContain('minimum');
  });

  it.each(['', 'abc', '1gi', '1GB', '1 Gi', '-1Gi', '1m', '1e9', 'Gi', '1.Gi', '1Mib'])(
    'refuses %j as not a memory quantity',
    (value) => {
      const err = engineError(() => parseMemory(value, 'resourceRequests.memory'));
      expect(err.kind).toBe('invalid');
      expect(err.field).toBe('resourceRequests.memory');
      expect(err.message).toContain('not a memory quantity');
    },
  );

  it.each(['1Ei', '8E', '9999999999Pi'])('refuses %j as too large', (value) => {
    const err = engineError(() => parseMemory(value, 'resourceLimits.memory'));
    expect(err.field).toBe('resourceLimits.memory');
    expect(err.message).toContain('too large');
  });

  it('returns whole bytes for fractional quantities', () => {
    const bytes = parseMemory('10.3Mi', 'm');
    expect(Number.isInteger(bytes)).toBe(true);
    expect(bytes).toBe(Math.floor(10.3 * 2 ** 20));
  });
});

describe('parseGpu', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['8', 8],
    ['999', 999],
    [' 4 ', 4],
    ['all', -1],
  ])('%j is %d', (value, count) => {
    expect(parseGpu(value, 'resourceLimits.gpu')).toBe(count);
  });

  it.each(['0', '01', '-1', '1000', '1.5', 'ALL', 'All', 'any', '', 'nvidia.com/gpu'])(
    'refuses %j naming the field',
    (value) => {
      const err = engineError(() => parseGpu(value, 'resourceLimits.gpu'));
      expect(err.kind).toBe('invalid');
      expect(err.field).toBe('resourceLimits.gpu');
      expect(err.message).toContain('not a GPU count');
    },
  );
});
