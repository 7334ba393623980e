// Request checks shared by the Fastify routes and the raw WebSocket upgrade path.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';

export const API_KEY_HEADER = 'open-sandbox-api-key';

/** True for the loopback names a browser or script uses to reach this machine. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return false;
    host = host.slice(1, end);
    return host === '::1';
  }
  host = host.replace(/:\d{1,5}$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The expected key's digest, made once per key rather than on every request. */
let expectedDigest: { key: string; digest: Buffer } | null = null;

/** Constant-time comparison (hashing first makes the lengths equal too). */
export function keyMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  if (expectedDigest?.key !== expected) expectedDigest = { key: expected, digest: digest(expected) };
  return timingSafeEqual(digest(given), expectedDigest.digest);
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's X-Request-ID when it is a sane token, else a new UUID. */
export function requestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
