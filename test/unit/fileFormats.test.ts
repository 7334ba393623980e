// The pure parts of the files API: glob patterns, byte ranges, Content-Disposition, modes,
// passwd/group files, Docker's stat mode bits and byte replacement.
import { describe, expect, it } from 'vitest';
import { contentDisposition, parseRange } from '../../src-main/api/execd/fileRange';
import { FileError } from '../../src-main/inside/fileErrors';
import { globToRegExp } from '../../src-main/inside/fileGlob';
import { idOf, nameOf, parseNameFile } from '../../src-main/inside/fileOwners';
import { checkPermission, parseMode } from '../../src-main/inside/filePermission';
import { modeDigits } from '../../src-main/inside/fileStat';
import { replaceAll } from '../../src-main/inside/files';
import { decodeGoMode } from '../../src-main/runtime/archive';

describe('globToRegExp', () => {
  const m = (pattern: string, name: string) => globToRegExp(pattern).test(name);
  it('matches names like execd', () => {
    expect(m('**', 'anything.at.all')).toBe(true);
    expect(m('*.txt', 'a.txt')).toBe(true);
    expect(m('*.txt', 'a.txt.bak')).toBe(false);
    expect(m('?.md', 'a.md')).toBe(true);
    expect(m('?.md', 'ab.md')).toBe(false);
    expect(m('[ab]*', 'beta')).toBe(true);
    expect(m('[!ab]*', 'beta')).toBe(false);
    expect(m('[a-c]x', 'bx')).toBe(true);
    expect(m('*.{js,ts}', 'x.ts')).toBe(true);
    expect(m('*.{js,ts}', 'x.py')).toBe(false);
    expect(m('a+b(c)', 'a+b(c)')).toBe(true);
    expect(m('\\*', '*')).toBe(true);
    expect(m('\\*', 'x')).toBe(false);
  });

  it('refuses broken patterns naming the field', () => {
    for (const p of ['[abc', '{a,b', 'x\\']) {
      expect(() => globToRegExp(p)).toThrow(FileError);
      expect(() => globToRegExp(p)).toThrow(/^pattern: /);
    }
  });
});

describe('parseRange', () => {
  it('reads the forms execd reads', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ kind: 'part', start: 50, end: 99 });
    expect(parseRange('bytes=200-300, 5-6', 100)).toEqual({ kind: 'part', start: 5, end: 6 });
  });

  it('is unsatisfiable past the end, reversed, malformed or on an empty file', () => {
    expect(parseRange('bytes=100-', 100).kind).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100).kind).toBe('unsatisfiable');
    expect(parseRange('items=0-1', 100).kind).toBe('unsatisfiable');
    expect(parseRange('bytes=a-b', 100).kind).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0).kind).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100).kind).toBe('unsatisfiable');
  });
});

describe('contentDisposition', () => {
  it('quotes plain names and adds filename* for others', () => {
    expect(contentDisposition('a.txt')).toBe('attachment; filename="a.txt"');
    expect(contentDisposition('a"b\\.txt')).toBe('attachment; filename="a_b_.txt"');
    expect(contentDisposition('résumé.pdf')).toBe(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`);
  });
});

describe('modes', () => {
  it('reads octal digits the execd way', () => {
    expect(parseMode('mode', 755)).toBe(0o755);
    expect(parseMode('mode', 4750)).toBe(0o4750);
    expect(parseMode('mode', 0)).toBeUndefined();
    expect(parseMode('mode', undefined)).toBeUndefined();
    for (const bad of [8, 789, 77777, -1, 1.5, '755']) expect(() => parseMode('metadata.mode', bad)).toThrow(/^metadata\.mode: /);
    expect(modeDigits(0o1777)).toBe(1777);
    expect(modeDigits(0o644)).toBe(644);
  });

  it('checks a Permission object', () => {
    expect(checkPermission('/tmp/x', { mode: 700, owner: 'nobody' })).toEqual({ mode: 0o700, owner: 'nobody', group: undefined });
    expect(() => checkPermission('/tmp/x', { owner: 5 })).toThrow(/\/tmp\/x\.owner/);
    expect(() => checkPermission('/tmp/x', 'rw')).toThrow(FileError);
  });

  it('decodes the Go file modes Docker sends', () => {
    expect(decodeGoMode(2147484136)).toEqual({ kind: 'directory', mode: 0o750 });
    expect(decodeGoMode(134218239)).toEqual({ kind: 'symlink', mode: 0o777 });
    expect(decodeGoMode(420)).toEqual({ kind: 'file', mode: 0o644 });
    // /tmp: directory, sticky, 0777.
    expect(decodeGoMode(2 ** 31 + 2 ** 20 + 0o777)).toEqual({ kind: 'directory', mode: 0o1777 });
    // setuid regular file.
    expect(decodeGoMode(2 ** 23 + 0o755)).toEqual({ kind: 'file', mode: 0o4755 });
    // A named pipe.
    expect(decodeGoMode(2 ** 25 + 0o644).kind).toBe('other');
  });
});

describe('passwd and group', () => {
  const t = parseNameFile('root:x:0:0:root:/root:/bin/sh\n# comment\nnobody:x:65534:65534::/:/bin/false\nbroken\nalias:x:0:0::/:/bin/sh\n');
  it('maps both ways, first name wins for an id', () => {
    expect(nameOf(t, 0)).toBe('root');
    expect(nameOf(t, 65534)).toBe('nobody');
    expect(nameOf(t, 1234)).toBe('1234');
    expect(idOf(t, 'user', 'owner', 'nobody')).toBe(65534);
    expect(idOf(t, 'user', 'owner', 'alias')).toBe(0);
    expect(idOf(t, 'user', 'owner', '1000')).toBe(1000);
  });
  it('refuses an unknown name, naming the field', () => {
    expect(() => idOf(t, 'group', 'metadata.group', 'ghost')).toThrow(/^metadata\.group: "ghost" is not a group/);
  });
});

describe('replaceAll', () => {
  it('replaces bytes and counts', () => {
    const r = replaceAll(Buffer.from('a-b-c'), Buffer.from('-'), Buffer.from('--'));
    expect(r).toEqual({ bytes: Buffer.from('a--b--c'), count: 2 });
    expect(replaceAll(Buffer.from('xyz'), Buffer.from('q'), Buffer.from('w')).count).toBe(0);
    expect(replaceAll(Buffer.from('aaa'), Buffer.from('aa'), Buffer.from('b')).bytes.toString()).toBe('ba');
  });
});
