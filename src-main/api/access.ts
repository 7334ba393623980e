// Who may call what. Every request must name a loopback Host (no DNS rebinding). Then:
// /v1 needs the API key; the proxy takes the key or a cookie from a one-time endpoint link;
// the web bridge takes the UI session cookie plus a custom header (which a page from another
// origin cannot send without a CORS preflight that Sandlot never grants); /auth and the
// static UI are open, since they hold no data. A presigned link's ticket (api/tickets.ts)
// stands in for the key on exactly the one request it was minted for.
import type http from 'node:http';
import { WEB_BRIDGE_HEADER, WEB_BRIDGE_PREFIX, WEB_SESSION_COOKIE } from '../contract/bridge';
import { API_KEY_HEADER, isLoopbackHost, keyMatches } from './guards';
import { parseProxyPath } from './proxy';
import { ticketedRequest } from './tickets';
import type { WebSessions } from './webSessions';

export const PROXY_COOKIE = 'sandlot_proxy';

export type Area = 'api' | 'proxy' | 'bridge' | 'open';

export interface Refusal {
  status: number;
  code: string;
  message: string;
  /** The request carried a ticket: the (cross-origin) UI may read why it was refused. */
  cors?: boolean;
}

export interface Allowed {
  /**
   * How the caller proved itself; cookie-authenticated proxy pages are sandboxed by CSP, and
   * ticket-authorized answers carry `Access-Control-Allow-Origin: *`.
   */
  via: 'key' | 'cookie' | 'ticket' | 'none';
}

export function areaOf(url: string): Area {
  const path = url.split('?')[0] ?? '';
  if (path.startsWith('/v1/')) return parseProxyPath(url) ? 'proxy' : 'api';
  if (path === WEB_BRIDGE_PREFIX || path.startsWith(`${WEB_BRIDGE_PREFIX}/`)) return 'bridge';
  return 'open';
}

/** Reads one cookie from the raw header without a parser dependency (the upgrade path has none). */
export function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed %-escape is no session of ours
      }
    }
  }
  return undefined;
}

export function authorize(req: http.IncomingMessage, apiKey: string, sessions: WebSessions): Refusal | Allowed {
  if (!isLoopbackHost(req.headers.host)) {
    return { status: 403, code: 'FORBIDDEN_HOST', message: `Host "${req.headers.host ?? ''}" is not allowed; use 127.0.0.1 or localhost` };
  }
  const url = req.url ?? '/';
  const area = areaOf(url);
  if (area === 'open') return { via: 'none' };
  if (area === 'bridge') {
    const grant = sessions.lookup(readCookie(req, WEB_SESSION_COOKIE));
    if (grant?.kind !== 'ui') return { status: 401, code: 'UNAUTHORIZED', message: 'Not signed in: open the sign-in link that `npm run serve` printed' };
    if (req.headers[WEB_BRIDGE_HEADER] !== '1') return { status: 403, code: 'FORBIDDEN', message: `The ${WEB_BRIDGE_HEADER} header is missing` };
    return { via: 'cookie' };
  }
  const key = req.headers[API_KEY_HEADER];
  if (keyMatches(key, apiKey)) return { via: 'key' };
  if (area === 'proxy') {
    const p = parseProxyPath(url);
    const grant = sessions.lookup(readCookie(req, PROXY_COOKIE));
    if (p && grant?.kind === 'proxy' && grant.sandboxId === p.sandboxId && grant.port === p.port) return { via: 'cookie' };
  }
  if (area === 'api' && key === undefined) {
    const t = ticketedRequest(req.method ?? 'GET', url);
    if (t?.ticket) {
      if (sessions.tickets.redeem(t.ticket, t)) return { via: 'ticket' };
      return { status: 401, code: 'UNAUTHORIZED', message: 'This link has expired, was used already, or is not for this address; ask for a new one', cors: true };
    }
  }
  return {
    status: 401,
    code: 'UNAUTHORIZED',
    message: key !== undefined ? 'The OPEN-SANDBOX-API-KEY header is wrong' : 'The OPEN-SANDBOX-API-KEY header is missing',
  };
}

export function isRefusal(a: Refusal | Allowed): a is Refusal {
  return 'status' in a;
}
