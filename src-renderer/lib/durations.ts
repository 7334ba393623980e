// Seconds shown as a number and a unit, for the settings' duration fields.

export type DurationUnit = 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600, days: 86400 };

/** The largest unit that shows `seconds` as a whole number (minutes otherwise, possibly fractional). */
export function splitDuration(seconds: number): { value: number; unit: DurationUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    const size = UNIT_SECONDS[unit];
    if (seconds > 0 && seconds % size === 0) return { value: seconds / size, unit };
  }
  return { value: Math.round((seconds / 60) * 100) / 100, unit: 'minutes' };
}

export function joinDuration(value: number, unit: DurationUnit): number {
  return Math.round(value * UNIT_SECONDS[unit]);
}

/** `1 h`, `10 min`, `24 h`, `2 d`: the labels of timeout presets. */
export function shortDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 2 * 86400) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
