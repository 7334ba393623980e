import { describe, expect, it } from 'vitest';
import {
  MAX_METADATA_KEYS,
  NAME_KEY,
  RESERVED_PREFIXES,
  checkMetadata,
  checkMetadataKey,
  checkMetadataValue,
  mergeMetadata,
  parseMetadataFilter,
} from '../../src-main/engine/metadata';
import { engineError } from './support';

const many = (n: number, prefix = 'k'): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe('checkMetadataKey', () => {
  it.each([
    'project',
    'a',
    'A',
    '9',
    'my-key',
    'my_key',
    'my.key',
    'Team.Name-2_x',
    'x'.repeat(63),
    'example.com/app',
    'a.b.c/d',
    'my-org.example/tier',
    `${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(61)}/k`,
    `${'a'.repeat(63)}.com/k`,
  ])('accepts %j', (key) => {
    expect(() => checkMetadataKey(key, 'metadata')).not.toThrow();
  });

  it.each([
    '',
    '-key',
    'key-',
    '_key',
    'key.',
    'has space',
    'ünïcode',
    'a=b',
    'x'.repeat(64),
    '/name',
    'example.com/',
    'Example.com/app',
    'exa_mple.com/app',
    '-example.com/app',
    'a/b/c',
    `${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(62)}/k`,
    `${'a'.repeat(64)}.com/k`,
    `example.${'b'.repeat(64)}/k`,
    'example.com/-bad',
  ])('refuses %j naming metadata.<key>', (key) => {
    const err = engineError(() => checkMetadataKey(key, 'metadata'));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe(`metadata.${key}`);
    expect(err.message.startsWith(`metadata.${key}:`)).toBe(true);
  });

  it('reserves exactly opensandbox.io/ and sandlot.dev/', () => {
    expect([...RESERVED_PREFIXES]).toEqual(['opensandbox.io/', 'sandlot.dev/']);
  });

  it.each(['opensandbox.io/owner', 'opensandbox.io/x', 'sandlot.dev/name', 'sandlot.dev/managed'])(
    'refuses the reserved key %j and says it is reserved',
    (key) => {
      const err = engineError(() => checkMetadataKey(key, 'metadata'));
      expect(err.kind).toBe('invalid');
      expect(err.field).toBe(`metadata.${key}`);
      expect(err.message).toContain('reserved');
      expect(err.message).toContain(key.slice(0, key.indexOf('/') + 1));
    },
  );

  it('does not treat look-alike prefixes as reserved', () => {
    expect(() => checkMetadataKey('opensandbox.io.example.com/x', 'metadata')).not.toThrow();
    expect(() => checkMetadataKey('my-opensandbox.io/x', 'metadata')).not.toThrow();
    expect(() => checkMetadataKey('opensandbox.io', 'metadata')).not.toThrow();
  });

  it('names the field it is given', () => {
    expect(engineError(() => checkMetadataKey('bad key', 'patch')).field).toBe('patch.bad key');
  });
});

describe('checkMetadataValue', () => {
  it.each(['', 'v', 'Apollo', 'v1.2.3', 'a_b-c.d', 'x'.repeat(63), '0'])('accepts %j for an ordinary key', (value) => {
    expect(() => checkMetadataValue('project', value, 'metadata')).not.toThrow();
  });

  it.each(['x'.repeat(64), 'has space', '-lead', 'trail-', '.dot', 'a/b', 'Demo Test', 'é', 'a\nb'])(
    'refuses %j for an ordinary key, naming the key',
    (value) => {
      const err = engineError(() => checkMetadataValue('project', value, 'metadata'));
      expect(err.kind).toBe('invalid');
      expect(err.field).toBe('metadata.project');
    },
  );

  it('lets the name key hold free text', () => {
    expect(NAME_KEY).toBe('name');
    for (const value of ['My sandbox', 'Démo (test) #2 — ok!', 'x'.repeat(128), '  spaced  ', 'a/b=c&d']) {
      expect(() => checkMetadataValue('name', value, 'metadata')).not.toThrow();
    }
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['newline', 'line1\nline2'],
    ['tab', 'a\tb'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
  ])('refuses a %s name', (_label, value) => {
    const err = engineError(() => checkMetadataValue('name', value, 'metadata'));
    expect(err.field).toBe('metadata.name');
    expect(err.message).toContain('name');
  });

  it('applies free text only to the bare name key, not a prefixed one', () => {
    const err = engineError(() => checkMetadataValue('example.com/name', 'My sandbox', 'metadata'));
    expect(err.field).toBe('metadata.example.com/name');
  });
});

describe('checkMetadata', () => {
  it('accepts a typical map, including a free-text name', () => {
    expect(() => checkMetadata({ name: 'My dev box', project: 'apollo', 'example.com/tier': 'gold', empty: '' })).not.toThrow();
  });

  it('accepts exactly the maximum number of keys and refuses one more', () => {
    expect(MAX_METADATA_KEYS).toBe(64);
    expect(() => checkMetadata(many(64))).not.toThrow();
    const err = engineError(() => checkMetadata(many(65)));
    expect(err.field).toBe('metadata');
    expect(err.message).toContain('64');
  });

  it('names the offending key and uses the default field "metadata"', () => {
    const err = engineError(() => checkMetadata({ ok: 'fine', 'opensandbox.io/pool': 'x' }));
    expect(err.field).toBe('metadata.opensandbox.io/pool');
  });

  it('names the offending value by its key, under a custom field', () => {
    const err = engineError(() => checkMetadata({ project: 'not ok' }, 'req.metadata'));
    expect(err.field).toBe('req.metadata.project');
  });
});

describe('mergeMetadata (RFC 7396)', () => {
  it('sets new keys, replaces changed ones, keeps absent ones and deletes nulls', () => {
    const current = { keep: 'k', change: 'old', drop: 'x' };
    const next = mergeMetadata(current, { change: 'new', drop: null, add: 'a' });
    expect(next).toEqual({ keep: 'k', change: 'new', add: 'a' });
    expect('drop' in next).toBe(false);
  });

  it('does not change the current map', () => {
    const current = { a: '1', b: '2' };
    mergeMetadata(current, { a: null, c: '3' });
    expect(current).toEqual({ a: '1', b: '2' });
  });

  it('returns an equal copy for an empty patch', () => {
    const current = { a: '1' };
    const next = mergeMetadata(current, {});
    expect(next).toEqual(current);
    expect(next).not.toBe(current);
  });

  it('treats null on a missing key as a no-op', () => {
    expect(mergeMetadata({ a: '1' }, { missing: null })).toEqual({ a: '1' });
  });

  it('allows an empty string value (which is not a delete)', () => {
    expect(mergeMetadata({ a: '1' }, { a: '' })).toEqual({ a: '' });
  });

  it('checks the keys and values it sets, naming the field', () => {
    expect(engineError(() => mergeMetadata({}, { 'bad key': 'v' })).field).toBe('metadata.bad key');
    expect(engineError(() => mergeMetadata({}, { ok: 'bad value' })).field).toBe('metadata.ok');
    const reserved = engineError(() => mergeMetadata({}, { 'opensandbox.io/x': 'v' }));
    expect(reserved.field).toBe('metadata.opensandbox.io/x');
    expect(reserved.message).toContain('reserved');
    expect(engineError(() => mergeMetadata({}, { name: '' })).field).toBe('metadata.name');
  });

  it('sets a free-text name', () => {
    expect(mergeMetadata({ name: 'old' }, { name: 'New name (v2)' })).toEqual({ name: 'New name (v2)' });
  });

  it('refuses a patch that would leave more than 64 keys, but allows one that stays within', () => {
    const full = many(64);
    const err = engineError(() => mergeMetadata(full, { extra: 'v' }));
    expect(err.field).toBe('metadata');
    expect(err.message).toContain('64');
    // Deleting one and adding one stays at 64.
    const next = mergeMetadata(full, { k0: null, extra: 'v' });
    expect(Object.keys(next)).toHaveLength(64);
    expect(next['extra']).toBe('v');
    expect(next['k0']).toBeUndefined();
  });
});

describe('parseMetadataFilter', () => {
  it('parses one pair', () => {
    expect(parseMetadataFilter('project=Apollo')).toEqual([['project', 'Apollo']]);
  });

  it('parses k=v&k2=v2 into ordered pairs', () => {
    expect(parseMetadataFilter('project=Apollo&tier=gold')).toEqual([
      ['project', 'Apollo'],
      ['tier', 'gold'],
    ]);
  });

  it('is empty for an empty string', () => {
    expect(parseMetadataFilter('')).toEqual([]);
  });

  it('keeps an empty value and everything after the first "="', () => {
    expect(parseMetadataFilter('a=')).toEqual([['a', '']]);
    expect(parseMetadataFilter('expr=x=y')).toEqual([['expr', 'x=y']]);
  });

  it('does not decode a second time', () => {
    expect(parseMetadataFilter('note=Demo%20Test')).toEqual([['note', 'Demo%20Test']]);
    expect(parseMetadataFilter('note=Demo Test')).toEqual([['note', 'Demo Test']]);
  });

  it.each(['project', '=Apollo', 'a=1&b', 'a=1&&b=2', 'a=1&'])('refuses %j naming the metadata field', (raw) => {
    const err = engineError(() => parseMetadataFilter(raw));
    expect(err.kind).toBe('invalid');
    expect(err.field).toBe('metadata');
    expect(err.message).toContain('k=v&k2=v2');
  });
});
