// TTL countdown text: what the list and the detail panel show for expiresAt.

/** Below this many seconds left, the countdown turns to its warning style. */
export const WARNING_SECONDS = 5 * 60;

export type CountdownTone = 'none' | 'normal' | 'warning' | 'expired';

export interface Countdown {
  text: string;
  tone: CountdownTone;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A positive span in whole seconds: `45s`, `4m 05s`, `3h 02m 09s`, `2d 4h`. */
export function formatSpan(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** Time left until `expiresAt` at `now` (ms since epoch). */
export function formatCountdown(expiresAt: string | null, now: number): Countdown {
  if (expiresAt === null) return { text: 'no expiry', tone: 'none' };
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return { text: 'unknown', tone: 'none' };
  const left = Math.floor((at - now) / 1000);
  if (left <= 0) return { text: 'expired', tone: 'expired' };
  return { text: formatSpan(left), tone: left < WARNING_SECONDS ? 'warning' : 'normal' };
}
