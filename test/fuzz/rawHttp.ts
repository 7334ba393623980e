// Two raw clients for the fuzzer, so that the test, not a library, decides the bytes:
// - `send` uses node:http with a latin1 path (any byte 0x21-0xff, as sent), raw header pairs
//   (duplicates and casing kept, Host set by hand) and a Buffer body, on a fresh connection;
// - `sendBytes` writes arbitrary bytes on a TCP socket (broken framing, control characters,
//   oversized header blocks) and parses whatever answer comes back.
// Both resolve only with a complete HTTP response and reject ("dropped") otherwise.
import http from 'node:http';
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target as latin1 (each char one byte on the wire). */
  path: string;
  /** Raw header pairs, in order, exactly as to be sent (names keep their case). */
  headers: Array<[string, string]>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** A 200 stream (SSE, followed logs) the client stopped reading after its head. */
  streamed: boolean;
}

export class Dropped extends Error {}

const STREAMING = /^(text\/event-stream)/;

/** Sends one request on its own connection; rejects with Dropped unless a whole response came. */
export function send(port: number, req: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err: Error | null, res?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(res!);
    };
    const timer = setTimeout(() => {
      done(new Dropped(`no complete response within ${timeoutMs} ms`));
      r.destroy();
    }, timeoutMs);
    // Node frames a GET/HEAD body by nothing at all unless told: the length is always given.
    const framing: Array<[string, string]> = req.body && !req.headers.some(([k]) => k.toLowerCase() === 'content-length') ? [['Content-Length', String(req.body.length)]] : [];
    const flat: string[] = [...req.headers, ...framing].flat();
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers: flat, setHost: false, agent: false });
    r.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status === 200 && STREAMING.test(String(res.headers['content-type'] ?? ''))) {
        done(null, { status, headers: res.headers, body: Buffer.alloc(0), streamed: true });
        res.destroy();
        r.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (!res.complete) return done(new Dropped(`response to ${req.method} ${req.path} ended before its last byte`));
        done(null, { status, headers: res.headers, body: Buffer.concat(chunks), streamed: false });
      });
      res.on('aborted', () => done(new Dropped(`response to ${req.method} ${req.path} aborted`)));
      res.on('error', (e) => done(new Dropped(`response to ${req.method} ${req.path} failed: ${e.message}`)));
    });
    // An error after a complete response (the server closed while the body was still going out,
    // e.g. after an early 413) is no drop; before one, it is.
    r.on('error', (e) => done(new Dropped(`${req.method} ${req.path}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    r.end(req.body);
  });
}

/** Writes raw bytes, reads until the server closes (or the answer is complete), parses it. */
export function sendBytes(port: number, bytes: Buffer, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed) resolve(parsed);
      else reject(new Dropped(`no complete HTTP response to raw bytes ${JSON.stringify(bytes.subarray(0, 80).toString('latin1'))}`));
    };
    const timer = setTimeout(finish, timeoutMs);
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes, () => undefined));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (parseResponse(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', () => undefined);
  });
}

/** One HTTP/1.1 response with a Content-Length (or chunked) body; null when incomplete. */
export function parseResponse(buf: Buffer): RawResponse | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const lines = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!m) return null;
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const rest = buf.subarray(headEnd + 4);
  const length = headers['content-length'];
  if (length !== undefined) {
    const n = Number(length);
    if (rest.length < n) return null;
    return { status: Number(m[1]), headers, body: rest.subarray(0, n), streamed: false };
  }
  if (String(headers['transfer-encoding'] ?? '').includes('chunked')) {
    const body: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', at);
      if (eol < 0) return null;
      const size = parseInt(rest.subarray(at, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) return null;
      if (size === 0) return { status: Number(m[1]), headers, body: Buffer.concat(body), streamed: false };
      if (rest.length < eol + 2 + size + 2) return null;
      body.push(rest.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
  }
  return null;
}
