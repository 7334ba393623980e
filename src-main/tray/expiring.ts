// How close a sandbox is to its expiry, shared by the tray's "expiring soon" count and the
// expiry notifications, so both agree on what "soon" means.
import type { SandboxRecord } from '../contract/sandbox';
import { isLive } from '../engine/states';

/** The last five minutes of a sandbox's life. */
export const EXPIRING_SOON_MS = 5 * 60_000;

/** Milliseconds until the sandbox expires (negative once past); null when it never expires. */
export function msUntilExpiry(record: SandboxRecord, now: number): number | null {
  if (record.expiresAt === null) return null;
  return Date.parse(record.expiresAt) - now;
}

/** A live sandbox whose expiry is within the window and not yet past. */
export function isExpiringSoon(record: SandboxRecord, now: number, windowMs = EXPIRING_SOON_MS): boolean {
  if (!isLive(record.status.state)) return false;
  const left = msUntilExpiry(record, now);
  return left !== null && left > 0 && left <= windowMs;
}

/** "5 minutes", "1 minute", "less than a minute": rounded up, so a warning never understates. */
export function minutesLeftText(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.ceil(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
