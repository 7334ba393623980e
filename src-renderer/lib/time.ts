// Dates as people read them: ages, absolute times, and the datetime-local round trip.
import { formatSpan } from './countdown';

/** How long ago `iso` was, coarse: `12s`, `5m`, `3h`, `2d`. */
export function formatAge(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const s = Math.max(0, Math.floor((now - at) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** `3h 02m 09s ago` style, for "last transition" lines. */
export function formatAgo(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const s = Math.floor((now - at) / 1000);
  if (s < 5) return 'just now';
  return `${formatSpan(s)} ago`;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};

/** One formatter per locale ('' is the user's): making one is most of the cost of formatting. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The date-and-time formatter for `locale` (default: the user's), made once and reused. */
export function dateTimeFormat(locale = ''): Intl.DateTimeFormat {
  let f = dateTimeFormats.get(locale);
  if (!f) dateTimeFormats.set(locale, (f = new Intl.DateTimeFormat(locale || undefined, DATE_TIME)));
  return f;
}

/** A local, unambiguous date and time for titles and detail rows (what toLocaleString gives with these options). */
export function formatDateTime(iso: string, locale = ''): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale).format(d);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of a datetime-local input as an RFC 3339 UTC string, or null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Where a renew preset lands: `deltaSeconds` after the current expiry or after now, whichever
 * is later (an expired or missing expiry counts from now).
 */
export function renewTarget(expiresAt: string | null, now: number, deltaSeconds: number): string {
  const current = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  const base = Number.isNaN(current) ? now : Math.max(current, now);
  return new Date(base + deltaSeconds * 1000).toISOString();
}
