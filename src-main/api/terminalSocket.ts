// The terminal WebSocket: GET /v1/sandboxes/{id}/terminal?cols=&rows= upgraded to a WebSocket.
// Binary frames are the terminal's bytes both ways; text frames from the client are
// TerminalControl JSON; the server sends a TerminalNotice text frame before it closes.
// The shell starts before the handshake completes, so a refusal (404, 409, 503) is a plain
// HTTP answer the client can read.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { TerminalControl, TerminalNotice } from '../contract/inside';
import { EngineError } from '../engine/errors';
import type { Terminals, TerminalSession, TerminalSize } from '../inside/terminal';
import type { Refusal } from './access';
import { errorBody } from './errors';

const TERMINAL_PATH = /^\/v1\/sandboxes\/([^/?#]+)\/terminal(?:\?([^#]*))?$/;
const MAX_DIMENSION = 1000;
/** Output is paused while this much is waiting to go out to a slow client. */
const HIGH_WATER_BYTES = 1024 * 1024;

export function isTerminalPath(url: string | undefined): boolean {
  return TERMINAL_PATH.test(url ?? '');
}

/** Reads cols/rows (default 80x24); a message naming the bad field otherwise. */
export function terminalSize(query: URLSearchParams): TerminalSize | string {
  const read = (name: 'cols' | 'rows', dflt: number): number | string => {
    const raw = query.get(name);
    if (raw === null) return dflt;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > MAX_DIMENSION) return `${name}: "${raw}" is not a whole number from 1 to ${MAX_DIMENSION}`;
    return n;
  };
  const cols = read('cols', 80);
  const rows = read('rows', 24);
  if (typeof cols === 'string') return cols;
  if (typeof rows === 'string') return rows;
  return { cols, rows };
}

/** Parses a client text frame; null when it is not a TerminalControl. */
export function parseControl(text: string): TerminalControl | null {
  try {
    const m = JSON.parse(text) as Partial<TerminalControl> | null;
    if (m && m.type === 'resize' && typeof m.cols === 'number' && typeof m.rows === 'number') {
      const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_DIMENSION;
      if (ok(m.cols) && ok(m.rows)) return { type: 'resize', cols: m.cols, rows: m.rows };
    }
  } catch {
    // not JSON
  }
  return null;
}

function refuse(socket: Duplex, status: number, code: string, message: string, cors = false): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `${cors ? 'access-control-allow-origin: *\r\n' : ''}connection: close\r\n\r\n${body}`,
  );
}

const STATUS: Record<EngineError['kind'], number> = { invalid: 400, unsupported: 400, not_found: 404, conflict: 409, unavailable: 503 };

function notice(ws: WebSocket, n: TerminalNotice): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(n));
}

/** Carries one terminal session over one open WebSocket until either side ends. */
function bridge(ws: WebSocket, session: TerminalSession): void {
  const out = session.output;
  out.on('data', (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(chunk, { binary: true }, () => {
      if (out.isPaused() && ws.bufferedAmount < HIGH_WATER_BYTES) out.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER_BYTES) out.pause();
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) return session.write(bytes);
    const control = parseControl(bytes.toString('utf8'));
    if (!control) return notice(ws, { type: 'error', message: 'Text frames must be {"type":"resize","cols":N,"rows":N}; send terminal input as binary frames' });
    session.resize(control).catch(() => notice(ws, { type: 'error', message: 'The terminal could not be resized' }));
  });
  ws.on('close', () => void session.close());
  ws.on('error', () => void session.close());
  session.onEnd((end) => {
    // Whatever is still buffered from the shell goes out before the notice.
    const finish = () => {
      if (end.kind === 'exit') notice(ws, { type: 'exit', code: end.code });
      else notice(ws, { type: 'error', message: end.message });
      if (ws.readyState === ws.OPEN) ws.close(1000, end.kind === 'exit' ? 'exit' : 'ended');
    };
    if (out.readableEnded || end.kind !== 'exit') finish();
    else {
      out.once('end', finish);
      setTimeout(finish, 500).unref();
    }
  });
}

export interface TerminalUpgradeOptions {
  terminals: Terminals;
  /** The same checks as every route (Host, key or ticket); a refusal to answer with, else null. */
  authorize: (req: http.IncomingMessage) => Refusal | null;
}

/**
 * An upgrade handler for the terminal path. Returns false (touching nothing) for other paths,
 * so the caller can hand them to the proxy.
 */
export function terminalUpgrade(opts: TerminalUpgradeOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, perMessageDeflate: false });
  const handle = async (req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => socket.destroy());
    const m = TERMINAL_PATH.exec(req.url ?? '');
    const refusal = opts.authorize(req);
    if (refusal) return refuse(socket, refusal.status, refusal.code, refusal.message, refusal.cors);
    if (!m) return refuse(socket, 404, 'NOT_FOUND', 'Not a terminal path');
    if (req.method !== 'GET' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || !req.headers['sec-websocket-key']) {
      return refuse(socket, 400, 'INVALID_REQUEST', 'The terminal speaks WebSocket only');
    }
    const size = terminalSize(new URLSearchParams(m[2] ?? ''));
    if (typeof size === 'string') return refuse(socket, 400, 'INVALID_REQUEST', size);
    let id: string;
    try {
      id = decodeURIComponent(m[1] ?? '');
    } catch {
      return refuse(socket, 404, 'NOT_FOUND', 'There is no such sandbox');
    }
    let session: TerminalSession;
    try {
      session = await opts.terminals.open(id, size);
    } catch (err) {
      if (err instanceof EngineError) return refuse(socket, STATUS[err.kind], err.code, err.message);
      return refuse(socket, 502, 'TERMINAL_FAILED', `Docker could not start a shell: ${(err as Error).message}`);
    }
    if (socket.destroyed) return void session.close();
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, session));
  };
  return (req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if (!isTerminalPath(req.url)) return false;
    void handle(req, socket, head);
    return true;
  };
}
