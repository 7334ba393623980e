import { describe, expect, it } from 'vitest';
import { formatCountdown, formatSpan, WARNING_SECONDS } from '../../../src-renderer/lib/countdown';
import { dateTimeFormat, formatAge, formatDateTime, fromLocalInput, renewTarget, toLocalInput } from '../../../src-renderer/lib/time';

const NOW = Date.parse('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe('formatCountdown', () => {
  it('says "no expiry" for null', () => {
    expect(formatCountdown(null, NOW)).toEqual({ text: 'no expiry', tone: 'none' });
  });

  it('says "expired" at and after the deadline', () => {
    expect(formatCountdown(at(0), NOW)).toEqual({ text: 'expired', tone: 'expired' });
    expect(formatCountdown(at(-3600), NOW)).toEqual({ text: 'expired', tone: 'expired' });
    expect(formatCountdown(at(0.4), NOW).text).toBe('expired');
  });

  it('warns under five minutes, not at five', () => {
    expect(formatCountdown(at(WARNING_SECONDS), NOW)).toEqual({ text: '5m 00s', tone: 'normal' });
    expect(formatCountdown(at(WARNING_SECONDS - 1), NOW)).toEqual({ text: '4m 59s', tone: 'warning' });
    expect(formatCountdown(at(42), NOW)).toEqual({ text: '42s', tone: 'warning' });
    expect(formatCountdown(at(1), NOW)).toEqual({ text: '1s', tone: 'warning' });
  });

  it('ticks every second through minutes and hours', () => {
    expect(formatCountdown(at(600), NOW).text).toBe('10m 00s');
    expect(formatCountdown(at(599), NOW).text).toBe('9m 59s');
    expect(formatCountdown(at(3600), NOW).text).toBe('1h 00m 00s');
    expect(formatCountdown(at(3 * 3600 + 2 * 60 + 9), NOW).text).toBe('3h 02m 09s');
    expect(formatCountdown(at(86399), NOW).text).toBe('23h 59m 59s');
  });

  it('shows days and hours beyond a day', () => {
    expect(formatCountdown(at(86400), NOW).text).toBe('1d');
    expect(formatCountdown(at(2 * 86400 + 4 * 3600 + 59), NOW)).toEqual({ text: '2d 4h', tone: 'normal' });
  });

  it('rounds partial seconds down and survives bad dates', () => {
    expect(formatCountdown(new Date(NOW + 61_900).toISOString(), NOW).text).toBe('1m 01s');
    expect(formatCountdown('not a date', NOW).tone).toBe('none');
    expect(formatSpan(-5)).toBe('0s');
  });
});

describe('time helpers', () => {
  it('formats ages coarsely', () => {
    expect(formatAge(at(-5), NOW)).toBe('5s');
    expect(formatAge(at(-125), NOW)).toBe('2m');
    expect(formatAge(at(-7200), NOW)).toBe('2h');
    expect(formatAge(at(-3 * 86400), NOW)).toBe('3d');
    expect(formatAge(at(10), NOW)).toBe('0s');
  });

  it('renews from the later of the current expiry and now', () => {
    expect(renewTarget(at(300), NOW, 600)).toBe(at(900));
    expect(renewTarget(at(-300), NOW, 3600)).toBe(at(3600));
    expect(renewTarget(null, NOW, 600)).toBe(at(600));
  });

  it('round-trips datetime-local values in local time', () => {
    const d = new Date(2031, 4, 6, 7, 8);
    expect(toLocalInput(d)).toBe('2031-05-06T07:08');
    expect(fromLocalInput('2031-05-06T07:08')).toBe(d.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});

describe('formatDateTime', () => {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };

  it('says what toLocaleString says with the same options, in the user\'s locale or a given one', () => {
    for (const iso of ['2024-03-05T14:07:09Z', '2030-12-31T23:59:59.999Z', '1999-01-01T00:00:00+02:00']) {
      expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString(undefined, options));
      for (const locale of ['en-US', 'de-DE', 'ja-JP']) expect(formatDateTime(iso, locale)).toBe(new Date(iso).toLocaleString(locale, options));
    }
  });

  it('gives back what is not a date as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('')).toBe('');
  });

  it('makes one formatter per locale and reuses it', () => {
    expect(dateTimeFormat()).toBe(dateTimeFormat());
    expect(dateTimeFormat('de-DE')).toBe(dateTimeFormat('de-DE'));
    expect(dateTimeFormat('de-DE')).not.toBe(dateTimeFormat('en-US'));
    expect(dateTimeFormat('de-DE').resolvedOptions()).toMatchObject({ locale: 'de-DE', year: 'numeric', month: 'short', second: '2-digit' });
  });
});
