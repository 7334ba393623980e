// Presigned links for the UI. The renderer (file:// in Electron, or the web UI) cannot hold the
// API key, yet it must open streams (terminal, logs, usage) and transfers (download, upload)
// that the bridge cannot carry. It asks the bridge for a one-time URL instead: the ticket in it
// is the capability, like a presigned S3 URL. A ticket lives 60 s, is used up by the first
// request that matches its scope, and authorizes exactly one method + path (+ query facts).
import { randomBytes } from 'node:crypto';
import type { LinkRequest } from '../contract/inside';
import { invalid } from '../engine/errors';

export const TICKET_PARAM = 'ticket';
export const TICKET_TTL_MS = 60_000;
/** Unused tickets are dropped past this count (oldest first), so a loop in the UI cannot grow memory. */
const MAX_TICKETS = 2000;

interface Entry {
  scope: LinkRequest;
  expires: number;
}

/** What a request asks for, as far as a ticket cares. */
export interface TicketedRequest {
  method: string;
  /** Decoded path segments after `/v1/`. */
  segments: string[];
  query: URLSearchParams;
}

export class Tickets {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  mint(scope: LinkRequest): string {
    this.sweep();
    if (this.entries.size >= MAX_TICKETS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.entries.set(ticket, { scope, expires: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /**
   * Uses up the ticket when it is alive and covers the request; true when it did. A ticket
   * shown to the wrong path is refused but kept, so a mistaken request does not break the link.
   */
  redeem(ticket: string, req: TicketedRequest): boolean {
    const e = this.entries.get(ticket);
    if (!e) return false;
    if (e.expires <= this.now()) {
      this.entries.delete(ticket);
      return false;
    }
    if (!covers(e.scope, req)) return false;
    this.entries.delete(ticket);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [t, e] of this.entries) if (e.expires <= now) this.entries.delete(t);
  }
}

/** True when `req` is exactly what the scope was minted for. */
export function covers(scope: LinkRequest, req: TicketedRequest): boolean {
  const s = req.segments;
  const sandbox = (id: string, ...rest: string[]) =>
    s.length === 2 + rest.length && s[0] === 'sandboxes' && s[1] === id && rest.every((r, i) => s[2 + i] === r);
  switch (scope.purpose) {
    case 'terminal':
      return req.method === 'GET' && sandbox(scope.id, 'terminal');
    case 'logs':
      return req.method === 'GET' && sandbox(scope.id, 'logs');
    case 'usage': {
      if (req.method !== 'GET' || s.length !== 1 || s[0] !== 'usage') return false;
      const asked = (req.query.get('ids') ?? '').split(',').filter(Boolean);
      return asked.length > 0 && asked.every((id) => scope.ids.includes(id));
    }
    case 'download':
      return req.method === 'GET' && sandbox(scope.id, 'execd', 'files', 'download') && req.query.getAll('path').length === 1 && req.query.get('path') === scope.path;
    case 'upload':
      return req.method === 'POST' && sandbox(scope.id, 'execd', 'files', 'upload');
  }
}

/** The sandboxes a link is about (each must exist before a ticket is minted). */
export function linkSandboxes(req: LinkRequest): string[] {
  if (req.purpose !== 'usage') return [req.id];
  if (req.ids.length === 0) throw invalid('ids', 'name at least one sandbox');
  return req.ids;
}

/** The path and query a link opens, without the ticket or the origin. */
export function linkTarget(req: LinkRequest): string {
  const e = encodeURIComponent;
  switch (req.purpose) {
    case 'terminal':
      return `/v1/sandboxes/${e(req.id)}/terminal?`;
    case 'logs':
      return `/v1/sandboxes/${e(req.id)}/logs?`;
    case 'usage':
      return `/v1/usage?ids=${req.ids.map(e).join(',')}&`;
    case 'download':
      return `/v1/sandboxes/${e(req.id)}/execd/files/download?path=${e(req.path)}&`;
    case 'upload':
      return `/v1/sandboxes/${e(req.id)}/execd/files/upload?`;
  }
}

/** The full one-time URL for `req` on the API at `apiUrl` (http://127.0.0.1:PORT). */
export function linkUrl(apiUrl: string, req: LinkRequest, ticket: string): string {
  const origin = req.purpose === 'terminal' ? apiUrl.replace(/^http/, 'ws') : apiUrl;
  return `${origin}${linkTarget(req)}${TICKET_PARAM}=${encodeURIComponent(ticket)}`;
}

/** Splits a raw request URL into what `covers` needs; null when it is not under /v1/. */
export function ticketedRequest(method: string, rawUrl: string): (TicketedRequest & { ticket: string | null }) | null {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (!path.startsWith('/v1/')) return null;
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  let segments: string[];
  try {
    segments = path.slice(4).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const tickets = query.getAll(TICKET_PARAM);
  return { method, segments, query, ticket: tickets.length === 1 ? (tickets[0] ?? null) : null };
}

/** The URL without its ticket, so a used ticket does not travel on into logs or error text. */
export function withoutTicket(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  if (q < 0) return rawUrl;
  const kept = rawUrl
    .slice(q + 1)
    .split('&')
    .filter((p) => p.split('=')[0] !== TICKET_PARAM);
  return kept.length ? `${rawUrl.slice(0, q)}?${kept.join('&')}` : rawUrl.slice(0, q);
}
