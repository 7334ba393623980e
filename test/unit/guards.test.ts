import { describe, expect, it } from 'vitest';
import { API_KEY_HEADER, isLoopbackHost, keyMatches, requestId } from '../../src-main/api/guards';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'localhost:8080',
    'LOCALHOST:8080',
    'LocalHost',
    'app.localhost',
    'sandlot.localhost:3000',
    '127.0.0.1',
    '127.0.0.1:41234',
    '127.1.2.3',
    '127.255.255.254:80',
    '[::1]',
    '[::1]:8080',
    ' localhost:8080 ',
  ])('accepts %j', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    'evil.com',
    'evil.com:8080',
    '127.0.0.1.evil.com',
    '127.0.0.1.evil.com:8080',
    'evil.127.0.0.1',
    '1127.0.0.1',
    'x127.0.0.1:80',
    'localhost.evil.com',
    'evillocalhost',
    'evil-localhost:80',
    '128.0.0.1',
    '10.0.0.1',
    '0.0.0.0',
    '0.0.0.0:8080',
    '192.168.1.10:8080',
    '[::2]',
    '[::]:8080',
    '[::ffff:7f00:1]',
    '[::1',
    '::1',
    '127.0.0',
    '127.0.0.1:',
    '127.0.0.1:123456',
    '',
    ' ',
  ])('refuses %j', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a missing Host header', () => {
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});

describe('keyMatches', () => {
  const key = 'sl_abcdefghijklmnopqrstuvwxyz012345';

  it('uses the lowercase OPEN-SANDBOX-API-KEY header name', () => {
    expect(API_KEY_HEADER).toBe('open-sandbox-api-key');
  });

  it('accepts the exact key', () => {
    expect(keyMatches(key, key)).toBe(true);
    expect(keyMatches(String(key), key)).toBe(true);
  });

  it.each([
    ['a different key', 'sl_different'],
    ['a prefix of the key', key.slice(0, -1)],
    ['the key with an extra character', `${key}x`],
    ['different letter case', key.toUpperCase()],
    ['surrounding spaces', ` ${key} `],
    ['an empty string', ''],
  ])('refuses %s', (_label, given) => {
    expect(keyMatches(given, key)).toBe(false);
  });

  it('refuses a missing header and a repeated header', () => {
    expect(keyMatches(undefined, key)).toBe(false);
    expect(keyMatches([key, key], key)).toBe(false);
    expect(keyMatches([key], key)).toBe(false);
  });

  it('refuses an empty key even against an empty expected key', () => {
    expect(keyMatches('', '')).toBe(false);
  });
});

describe('requestId', () => {
  it.each(['abc', 'req-123', 'a.b:c_d-e', '0f8fad5b-d9cb-469f-a165-70867728950e', 'x'.repeat(128)])('echoes the sane id %j', (id) => {
    expect(requestId(id)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with a space', 'has space'],
    ['with a newline', 'abc\r\nSet-Cookie: x=y'],
    ['with a slash', 'a/b'],
    ['with unicode', 'idé'],
    ['repeated', ['a', 'b']],
  ])('makes a new UUID when the id is %s', (_label, given) => {
    const id = requestId(given);
    expect(id).toMatch(UUID);
    expect(id).not.toBe(given);
  });

  it('makes a different UUID each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => requestId(undefined)));
    expect(ids.size).toBe(50);
  });
});
