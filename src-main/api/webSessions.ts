// Browser sign-in without the API key: one-time tokens (printed by `serve`, or minted for an
// endpoint link) are exchanged for http-only cookies. Everything lives in memory: a restart
// signs browsers out, and `serve` prints a fresh link.
import { randomBytes } from 'node:crypto';
import { Tickets } from './tickets';

export type Grant = { kind: 'ui' } | { kind: 'proxy'; sandboxId: string; port: number };

const LINK_TTL_MS = 5 * 60_000;
const MAX_SESSIONS = 1000;

function secret(): string {
  return randomBytes(24).toString('base64url');
}

export class WebSessions {
  private readonly tokens = new Map<string, { grant: Grant; expires: number }>();
  private readonly sessions = new Map<string, Grant>();
  /** One-time presigned links for the UI's streams and transfers (no cookie, no key). */
  readonly tickets = new Tickets();

  /** A one-time token. UI tokens last until used; endpoint-link tokens five minutes. */
  mint(grant: Grant): string {
    const token = secret();
    this.tokens.set(token, { grant, expires: grant.kind === 'ui' ? Number.POSITIVE_INFINITY : Date.now() + LINK_TTL_MS });
    return token;
  }

  /** Uses up a token; null when it is unknown, used or expired. */
  redeem(token: unknown): Grant | null {
    if (typeof token !== 'string') return null;
    const t = this.tokens.get(token);
    this.tokens.delete(token);
    if (!t || t.expires < Date.now()) return null;
    return t.grant;
  }

  /** Opens a session for a redeemed grant; the returned id goes into the cookie. */
  open(grant: Grant): string {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const id = secret();
    this.sessions.set(id, grant);
    return id;
  }

  lookup(id: string | undefined): Grant | null {
    return id ? (this.sessions.get(id) ?? null) : null;
  }
}
