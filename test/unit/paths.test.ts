import { describe, expect, it } from 'vitest';
import { FileError } from '../../src-main/inside/fileErrors';
import { baseName, checkChangeablePath, checkPath, parentOf } from '../../src-main/inside/paths';

function refusal(fn: () => unknown): FileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FileError);
    return err as FileError;
  }
  throw new Error('expected a refusal');
}

describe('checkPath', () => {
  it('normalizes repeated and trailing slashes', () => {
    expect(checkPath('path', '/tmp//a/')).toBe('/tmp/a');
    expect(checkPath('path', '/')).toBe('/');
    expect(checkPath('path', '//')).toBe('/');
    expect(checkPath('path', '/a b/ünï côde')).toBe('/a b/ünï côde');
  });

  it('refuses empty, relative, NUL and dot segments with a 400 naming the field', () => {
    for (const bad of ['', 'tmp/a', './a', '/tmp/\0x', '/tmp/../etc', '/tmp/./a', '/..', 42, null, undefined]) {
      const e = refusal(() => checkPath('metadata.path', bad));
      expect(e.status).toBe(400);
      expect(e.code).toBe('INVALID_PATH');
      expect(e.field).toBe('metadata.path');
      expect(e.message).toMatch(/^metadata\.path: /);
    }
  });

  it('allows names that merely contain dots', () => {
    expect(checkPath('path', '/tmp/..hidden/...')).toBe('/tmp/..hidden/...');
  });

  it('refuses the kernel filesystems with a 400 (PATH_FORBIDDEN)', () => {
    for (const p of ['/proc', '/proc/1/status', '/sys/x', '/dev', '/dev//null']) {
      const e = refusal(() => checkPath('path', p));
      expect(e.status).toBe(400);
      expect(e.code).toBe('PATH_FORBIDDEN');
    }
    expect(checkPath('path', '/process/x')).toBe('/process/x');
    expect(checkPath('path', '/devices')).toBe('/devices');
  });

  it('refuses over-long paths', () => {
    expect(refusal(() => checkPath('path', `/${'a'.repeat(5000)}`)).status).toBe(400);
  });

  it('never lets the root be changed', () => {
    expect(refusal(() => checkChangeablePath('path', '/')).status).toBe(400);
    expect(checkChangeablePath('path', '/tmp')).toBe('/tmp');
  });
});

describe('path helpers', () => {
  it('splits and joins', () => {
    expect(parentOf('/a/b/c')).toBe('/a/b');
    expect(parentOf('/a')).toBe('/');
    expect(baseName('/a/b/c.txt')).toBe('c.txt');
  });
});
