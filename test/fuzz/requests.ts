// fast-check arbitraries for malformed requests. A generated Plan is plain data (printable as
// a counterexample); `render` turns it into bytes against one running server.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { RawRequest } from './rawHttp';

export interface Target {
  port: number;
  key: string;
  /** A Running sandbox the fuzzer may poke (never delete, pause or resume). */
  liveId: string;
  /** `sandlot_session=…` of a signed-in web UI. */
  cookie: string;
}

export interface RouteShape {
  method: string;
  url: string;
}

type ParamKind = 'live' | 'uuid' | 'word' | 'unicode' | 'nul' | 'dots' | 'encodedDots' | 'long' | 'veryLong' | 'empty' | 'percentJunk' | 'random';
type Auth = 'key' | 'none' | 'wrong' | 'oddCase' | 'duplicate' | 'empty' | 'cookieOnly';
type HostKind = 'ip' | 'localhost' | 'upper' | 'ipv6' | 'evil' | 'missing' | 'duplicate' | 'subLocalhost';
type Encoding = 'json' | 'mergePatch' | 'jsonUpper' | 'jsonCharset' | 'text' | 'form' | 'multipart' | 'none' | 'octet' | 'weird';

export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; type: Encoding; gzip: 'no' | 'lie' | 'real' }
  | { kind: 'text'; text: string; type: Encoding }
  | { kind: 'deep'; depth: number; open: '[' | '{"a":' }
  | { kind: 'huge'; bytes: number; field: string }
  | { kind: 'bytes'; hex: string; type: Encoding };

export interface Plan {
  route: RouteShape;
  /** A method other than the route's (405/404 paths), or null for the route's own. */
  method: string | null;
  params: ParamKind[];
  tail: string;
  query: Array<[string, string]>;
  auth: Auth;
  host: HostKind;
  extraHeaders: Array<[string, string]>;
  body: BodyPlan;
}

const QUERY_NAMES = [
  'state', 'metadata', 'page', 'pageSize', 'path', 'depth', 'pattern', 'offset', 'limit', 'cursor', 'id', 'ids', 'follow', 'tail',
  'since', 'timestamps', 'use_server_proxy', 'expires', 'token', 'ticket', 'cols', 'rows', 'verbose', 'x', '', '__proto__',
];
const NUMBERS = ['-1', '0', '-0', '1e3', '99999999999999999999999', '9007199254740993', 'NaN', 'Infinity', '-2147483649', '4294967296', '0x10', '1.5', '١٢'];
const PATHS = ['/tmp', '/etc/passwd', '/nope/x', '', 'relative', '/a/../b', '/proc/1/status', '/sys', '/dev/null', '/%00', '/é/ü', '/a\u0000b', '//', '/tmp/../../etc'];
const CHANNELS = [
  'app.info', 'sandboxes.snapshot', 'sandboxes.create', 'sandboxes.delete', 'sandboxes.pause', 'sandboxes.resume', 'sandboxes.renew',
  'sandboxes.patchMetadata', 'sandboxes.endpoint', 'links.create', 'files.list', 'files.mkdir', 'files.remove', 'engines.discover',
  'engines.select', 'contexts.list', 'contexts.add', 'contexts.remove', 'contexts.select', 'settings.get', 'settings.update',
  'settings.apiKey', 'settings.regenerateApiKey', 'events', 'nope', '__proto__', 'constructor', '',
];
/** Channels whose well-formed input would change the machine under test: only ill-typed input goes there. */
const ONLY_ILL_TYPED = new Set(['settings.update', 'settings.regenerateApiKey', 'engines.select', 'contexts.add', 'contexts.remove', 'contexts.select']);
/** Channels and routes that must not reach the live sandbox. */
const DESTRUCTIVE_CHANNELS = new Set(['sandboxes.delete', 'sandboxes.pause', 'sandboxes.resume']);

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NUMBERS, ...PATHS),
);

const queryValue = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'q'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%00', '%C3%28', '%ED%A0%80', '&&&', '===', 'k=v&k2', 'a%3Db%26c%3Dd', '+', '%2B', '%FF%FE') },
);

/** Bases the mutations start from: nearly valid bodies, so validation goes deep. */
function bases(liveId: string): Record<string, unknown[]> {
  return {
    create: [{ image: { uri: 'sandlot-test/busybox:1' }, entrypoint: ['sleep', '60'], timeout: 600, resourceLimits: { cpu: '500m', memory: '128Mi' } }],
    renew: [{ expiresAt: new Date(Date.now() + 3_600_000).toISOString() }],
    metadata: [{ team: 'fuzz' }, { name: null }],
    command: [{ command: 'true', background: true }, { command: 'true', cwd: '/', timeout: 1000 }],
    fileMap: [{ '/tmp/fuzz-dir': { mode: 755 } }, { '/tmp/x': { old: 'a', new: 'b' } }],
    mv: [[{ src: '/tmp/a', dest: '/tmp/b' }]],
    bridge: [{ input: null }, { input: { id: liveId, path: '/tmp' } }, { input: { purpose: 'logs', id: liveId } }],
  };
}

/** A JSON value changed at one random place: a field dropped, retyped, or given an odd value. */
function mutate(base: unknown, pick: number, replacement: unknown): unknown {
  if (base === null || typeof base !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...(base as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const k = keys[pick % keys.length]!;
  const child = (copy as Record<string, unknown>)[k];
  const deeper = child !== null && typeof child === 'object' && pick % 3 !== 0;
  if (replacement === undefined && !deeper) {
    delete (copy as Record<string, unknown>)[k];
  } else {
    (copy as Record<string, unknown>)[k] = deeper ? mutate(child, Math.floor(pick / 3), replacement) : replacement;
  }
  return copy;
}

const oddValue = fc.oneof(
  fc.constantFrom(undefined, null, true, -1, 0, -0, 1e308, -1e308, 2 ** 53 + 2, 0.5, '', ' ', '-1', '1e999', [], {}, [null], { '': '' }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer({ min: 70, max: 400 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'.repeat(i % 70)]))),
  fc.integer({ min: 100, max: 20_000 }).map((n) => 'm'.repeat(n)),
);

const rawTexts = fc.constantFrom(
  '{"timeout": 1e999}', '{"timeout": -1e999}', '{"timeout": 9007199254740993}', '{"a":1,}', '{"a":1} trailing', '\ufeff{}', '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}', 'null', 'true', '"str"', '[]', '0', '-0', '{', '}', '[[[', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":1,"a":2}',
  'NaN', '{"input":', ' ', '\n\n', '{"input": null, "input": {"x": 1}}',
);

const encoding = fc.constantFrom<Encoding>('json', 'json', 'json', 'json', 'mergePatch', 'jsonUpper', 'jsonCharset', 'text', 'form', 'multipart', 'none', 'octet', 'weird');

function bodyArb(liveId: string): fc.Arbitrary<BodyPlan> {
  const allBases = Object.values(bases(liveId)).flat();
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
    {
      weight: 20,
      arbitrary: fc.record({
        kind: fc.constant('json' as const),
        value: fc.oneof(
          { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...allBases), fc.nat(), oddValue).map(([b, pick, r]) => mutate(b, pick, r)) },
          { weight: 1, arbitrary: fc.constantFrom(...allBases) },
          { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
          { weight: 1, arbitrary: fc.record({ input: fc.jsonValue({ maxDepth: 3 }) }) },
        ),
        type: encoding,
        gzip: fc.constantFrom<'no' | 'lie' | 'real'>('no', 'no', 'no', 'no', 'no', 'lie', 'real'),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.oneof(rawTexts, fc.string({ maxLength: 60 })), type: encoding }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deep' as const),
        depth: fc.oneof(fc.integer({ min: 10, max: 2_000 }), fc.integer({ min: 2_000, max: 400_000 })),
        open: fc.constantFrom<'[' | '{"a":'>('[', '{"a":'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('huge' as const),
        bytes: fc.oneof(
          fc.constantFrom(1024 * 1024 - 64, 1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 2 * 1024 * 1024),
          fc.integer({ min: 64 * 1024, max: 1100 * 1024 }),
        ),
        field: fc.constantFrom('metadata', 'command', 'expiresAt', 'input', 'image'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        hex: fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex')),
          fc.constantFrom('7b2261223a22ff227d', '7b2261223a22c328227d', '7b2261223a22eda080227d', '7b2261223a22c0af227d', 'fffe7b007d00', 'efbbbf7b7d', '7b2261223a2280227d'),
        ),
        type: encoding,
      }),
    },
  );
}

const PARAM_KINDS: ParamKind[] = ['live', 'live', 'live', 'uuid', 'word', 'unicode', 'nul', 'dots', 'encodedDots', 'long', 'veryLong', 'empty', 'percentJunk', 'random', 'random'];

const oddHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('X-Request-ID', 'x-request-id', 'X-REQUEST-ID'), fc.oneof(fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constant('a'.repeat(129)))),
    fc.tuple(fc.constantFrom('Accept', 'ACCEPT', 'accept'), fc.constantFrom('text/event-stream', 'text/html', '*/*', 'application/json', '', 'x/y;q=abc')),
    fc.tuple(fc.constantFrom('Range', 'range'), fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=5-2', 'bytes=0-99999999999999999999', 'lines=1', 'bytes=,,,')),
    fc.tuple(fc.constantFrom('Cookie', 'cookie'), fc.constantFrom('sandlot_session=%', 'sandlot_proxy=%E0%A4%A', 'a=b; ; =; sandlot_session=', '%%%')),
    fc.tuple(fc.constantFrom('X-Sandlot-Bridge', 'x-sandlot-bridge'), fc.constantFrom('1', '0', '1, 1', '')),
    fc.tuple(fc.constantFrom('OPEN-SANDBOX-CLIENT-IP', 'X-Forwarded-For', 'Origin', 'Referer', 'If-None-Match', 'Expect'), fc.constantFrom('1.2.3.4', 'http://evil.example', 'null', '100-continue', 'é'.repeat(10))),
    fc.tuple(fc.constantFrom('X-Huge', 'x-huge'), fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'h'.repeat(n))),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).map((s) => `X-${s.replace(/[^A-Za-z0-9-]/g, '') || 'Junk'}`), fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))),
  ),
  { maxLength: 4 },
);

/** Every request the fuzzer sends through node:http. */
export function planArb(routes: readonly RouteShape[], liveId: string): fc.Arbitrary<Plan> {
  return fc.record({
    route: fc.constantFrom(...routes),
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'QUERY') },
    ),
    params: fc.array(fc.constantFrom(...PARAM_KINDS), { minLength: 3, maxLength: 3 }),
    tail: fc.oneof(fc.constant(''), fc.constantFrom('index.html', '../../etc/passwd', '%2e%2e/%2e%2e/x', 'a/b/c', '%00', '%E2%80%AE')),
    query: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Array<[string, string]>) },
      { weight: 4, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 8 })), queryValue), { maxLength: 6 }) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...QUERY_NAMES), queryValue, fc.integer({ min: 2, max: 40 })).map(([k, v, n]) => Array.from({ length: n }, (): [string, string] => [k, v])) },
    ),
    auth: fc.constantFrom<Auth>('key', 'key', 'key', 'key', 'key', 'key', 'none', 'wrong', 'oddCase', 'duplicate', 'empty', 'cookieOnly'),
    host: fc.constantFrom<HostKind>('ip', 'ip', 'ip', 'ip', 'ip', 'ip', 'localhost', 'upper', 'ipv6', 'evil', 'missing', 'duplicate', 'subLocalhost'),
    extraHeaders: oddHeaders,
    body: bodyArb(liveId),
  });
}

const pct = (s: string) => encodeURIComponent(s);
/** Bytes of `s` in UTF-8, one latin1 char each (how node:http puts a path on the wire). */
const asLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

function paramValue(kind: ParamKind, name: string, t: Target, destructive: boolean, salt: number): string {
  if (name === 'port') {
    return ['80', '44772', '0', '-1', '65536', '99999', '8000', 'abc', '1e3', '%00', '', '00080', '٨٠'][salt % 13]!;
  }
  if (name === 'channel') return pct(CHANNELS[salt % CHANNELS.length]!);
  switch (kind) {
    case 'live':
      return destructive ? `gone-${salt}` : t.liveId;
    case 'uuid':
      return '0b9f1c8e-0000-4000-8000-00000000000' + (salt % 10);
    case 'word':
      return 'x';
    case 'unicode':
      return pct('sändbox-☃-\u202e');
    case 'nul':
      return `a%00b`;
    case 'dots':
      return '..';
    case 'encodedDots':
      return '%2e%2e%2f%2e%2e';
    case 'long':
      return 'l'.repeat(200 + (salt % 56));
    case 'veryLong':
      return 'v'.repeat(257 + (salt % 5000));
    case 'empty':
      return '';
    case 'percentJunk':
      return ['%', '%ZZ', '%C3%28', '%FF', '%E0%80%80'][salt % 5]!;
    case 'random':
      return asLatin1(String.fromCharCode(0x21 + (salt % 90)) + salt.toString(36)).replace(/[?#/]/g, '_');
  }
}

function contentType(e: Encoding): string | null {
  switch (e) {
    case 'json':
      return 'application/json';
    case 'mergePatch':
      return 'application/merge-patch+json';
    case 'jsonUpper':
      return 'APPLICATION/JSON';
    case 'jsonCharset':
      return 'application/json; charset=utf-16';
    case 'text':
      return 'text/plain';
    case 'form':
      return 'application/x-www-form-urlencoded';
    case 'multipart':
      return 'multipart/form-data; boundary=fuzz';
    case 'octet':
      return 'application/octet-stream';
    case 'weird':
      return ';;;/';
    case 'none':
      return null;
  }
}

function renderBody(b: BodyPlan): { bytes: Buffer | undefined; headers: Array<[string, string]> } {
  switch (b.kind) {
    case 'none':
      return { bytes: undefined, headers: [] };
    case 'json': {
      const raw = Buffer.from(JSON.stringify(b.value) ?? '', 'utf8');
      const type = contentType(b.type);
      const headers: Array<[string, string]> = type ? [['Content-Type', type]] : [];
      if (b.gzip !== 'no') headers.push(['Content-Encoding', 'gzip']);
      return { bytes: b.gzip === 'real' ? gzipSync(raw) : raw, headers };
    }
    case 'text': {
      const type = contentType(b.type);
      return { bytes: Buffer.from(b.text, 'utf8'), headers: type ? [['Content-Type', type]] : [] };
    }
    case 'deep': {
      const close = b.open === '[' ? ']' : '}';
      return { bytes: Buffer.from(b.open.repeat(b.depth) + '1' + close.repeat(b.depth)), headers: [['Content-Type', 'application/json']] };
    }
    case 'huge': {
      const filler = 'z'.repeat(Math.max(0, b.bytes - 40));
      const value = b.field === 'metadata' ? { metadata: { name: filler } } : { [b.field]: filler };
      return { bytes: Buffer.from(JSON.stringify(value)), headers: [['Content-Type', 'application/json']] };
    }
    case 'bytes': {
      const type = contentType(b.type);
      return { bytes: Buffer.from(b.hex, 'hex'), headers: type ? [['Content-Type', type]] : [] };
    }
  }
}

/** True when the route, with the live sandbox in it, would end or stop that sandbox. */
export function destructiveFor(method: string, url: string): boolean {
  return (method === 'DELETE' && /^\/v1\/sandboxes\/:sandboxId$/.test(url)) || /\/(pause|resume)$/.test(url);
}

export function render(plan: Plan, t: Target, salt: number): RawRequest {
  const method = plan.method ?? plan.route.method;
  const destructive = destructiveFor(method, plan.route.url);
  let i = 0;
  let path = plan.route.url.replace(/:(\w+)/g, (_m, name: string) => paramValue(plan.params[i++ % plan.params.length]!, name, t, destructive, salt + i));
  path = path.replace(/\*$/, plan.tail);
  if (plan.query.length) path += `?${plan.query.map(([k, v]) => `${asLatin1(k).replace(/[\s#]/g, '')}=${pct(v)}`).join('&')}`;
  path = path.replace(/[^\x21-\xff]/g, (c) => pct(c));
  if (!path.startsWith('/')) path = `/${path}`;

  const headers: Array<[string, string]> = [];
  const hostPort = `127.0.0.1:${t.port}`;
  switch (plan.host) {
    case 'ip':
      headers.push(['Host', hostPort]);
      break;
    case 'localhost':
      headers.push(['host', `localhost:${t.port}`]);
      break;
    case 'upper':
      headers.push(['HOST', `LOCALHOST:${t.port}`]);
      break;
    case 'ipv6':
      headers.push(['Host', `[::1]:${t.port}`]);
      break;
    case 'evil':
      headers.push(['Host', `evil.example:${t.port}`]);
      break;
    case 'duplicate':
      headers.push(['Host', hostPort], ['Host', 'evil.example']);
      break;
    case 'subLocalhost':
      headers.push(['Host', 'a.b.localhost']);
      break;
    case 'missing':
      break;
  }
  const bridge = plan.route.url.startsWith('/bridge');
  if (bridge && plan.auth !== 'none') {
    headers.push(['Cookie', t.cookie]);
    if (plan.auth !== 'cookieOnly') headers.push(['X-Sandlot-Bridge', '1']);
  }
  switch (plan.auth) {
    case 'key':
      headers.push(['OPEN-SANDBOX-API-KEY', t.key]);
      break;
    case 'oddCase':
      headers.push(['open-Sandbox-API-key', t.key]);
      break;
    case 'wrong':
      headers.push(['OPEN-SANDBOX-API-KEY', `${t.key.slice(0, -1)}x`]);
      break;
    case 'duplicate':
      headers.push(['OPEN-SANDBOX-API-KEY', t.key], ['open-sandbox-api-key', t.key]);
      break;
    case 'empty':
      headers.push(['OPEN-SANDBOX-API-KEY', '']);
      break;
    case 'none':
    case 'cookieOnly':
      break;
  }
  headers.push(...plan.extraHeaders.map(([k, v]): [string, string] => [k, asLatin1(v)]));

  let body = renderBody(plan.body);
  // Bridge channels that would change the machine get only ill-typed input (never an object).
  const channel = decodeURIComponentSafe(path.split('?')[0]!.split('/')[2] ?? '');
  if (bridge && (ONLY_ILL_TYPED.has(channel) || DESTRUCTIVE_CHANNELS.has(channel)) && plan.body.kind === 'json') {
    body = { ...body, bytes: Buffer.from(JSON.stringify({ input: ONLY_ILL_TYPED.has(channel) ? [salt] : { id: `gone-${salt}` } })) };
  }
  headers.push(...body.headers);
  return { method, path, headers, body: body.bytes };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Raw byte requests that break HTTP framing itself; each must still get a JSON answer. */
export function rawBytesArb(port: number): fc.Arbitrary<{ name: string; bytes: string }> {
  const host = `Host: 127.0.0.1:${port}\r\n`;
  const cases: Array<fc.Arbitrary<{ name: string; bytes: string }>> = [
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => ({ name: 'garbage request line', bytes: `${Buffer.from(b).toString('latin1').replace(/\r|\n/g, '')}\r\n\r\n` })),
    fc.constantFrom('é', '☃', '\u00ff\u00fe').map((c) => ({ name: 'raw UTF-8 in the path', bytes: `GET /v1/sandboxes/${asLatin1(c)} HTTP/1.1\r\n${host}\r\n` })),
    fc.integer({ min: 17_000, max: 70_000 }).map((n) => ({ name: 'header block over 16 KiB', bytes: `GET /v1/sandboxes HTTP/1.1\r\n${host}X-Big: ${'b'.repeat(n)}\r\n\r\n` })),
    fc.integer({ min: 17_000, max: 40_000 }).map((n) => ({ name: 'request line over 16 KiB', bytes: `GET /v1/sandboxes?q=${'q'.repeat(n)} HTTP/1.1\r\n${host}\r\n` })),
    fc.constantFrom('\u0001', '\u0000', '\u007f', '\r').map((c) => ({ name: 'control character in a header', bytes: `GET /v1/sandboxes HTTP/1.1\r\n${host}X-Bad: a${c}b\r\n\r\n` })),
    fc.constantFrom('zz', '-1', 'ffffffffffffffffff', '').map((size) => ({
      name: 'broken chunk size',
      bytes: `POST /v1/sandboxes HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n{}\r\n0\r\n\r\n`,
    })),
    fc.constant({ name: 'Content-Length and Transfer-Encoding', bytes: `POST /v1/sandboxes HTTP/1.1\r\n${host}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n` }),
    fc.constant({ name: 'two Content-Lengths', bytes: `POST /v1/sandboxes HTTP/1.1\r\n${host}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}` }),
    fc.constantFrom('-1', '1e3', 'abc', '99999999999999999999').map((n) => ({ name: 'bad Content-Length', bytes: `POST /v1/sandboxes HTTP/1.1\r\n${host}Content-Length: ${n}\r\n\r\n{}` })),
    fc.constant({ name: 'HTTP/1.1 without Host', bytes: 'GET /v1/sandboxes HTTP/1.1\r\n\r\n' }),
    fc.constant({ name: 'unknown HTTP version', bytes: `GET /v1/sandboxes HTTP/7.3\r\n${host}\r\n` }),
    fc.constant({ name: 'space in the path', bytes: `GET /v1/sand boxes HTTP/1.1\r\n${host}\r\n` }),
    fc.constant({ name: 'header without colon', bytes: `GET /v1/sandboxes HTTP/1.1\r\n${host}NoColonHere\r\n\r\n` }),
    fc.constant({ name: 'bare LF line ends', bytes: `GET /v1/sandboxes HTTP/1.1\n${host.replace('\r', '')}\n` }),
    fc.constant({ name: 'obsolete line folding', bytes: `GET /v1/sandboxes HTTP/1.1\r\n${host}X-Fold: a\r\n b\r\n\r\n` }),
  ];
  return fc.oneof(...cases);
}
