// The settings form: what changed (sent as a partial update) and the checks made before sending.
import { cpuNanos, memoryBytes } from '../../../src-main/contract/quantities';
import type { EditableSettings } from '../../../src-main/contract/settings';
import { SETTING_BOUNDS } from '../../../src-main/contract/settings';
import { shortDuration } from '../../lib/durations';

export type SettingsErrors = Partial<Record<keyof EditableSettings, string>>;

export function changedSettings(before: EditableSettings, after: EditableSettings): Partial<EditableSettings> {
  const out: Partial<EditableSettings> = {};
  for (const key of Object.keys(after) as Array<keyof EditableSettings>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(out, { [key]: after[key] });
  }
  return out;
}

export function checkSettings(s: EditableSettings): SettingsErrors {
  const errors: SettingsErrors = {};
  const t = SETTING_BOUNDS.timeoutSeconds;
  const r = SETTING_BOUNDS.retentionSeconds;
  const range = (v: number, min: number, max: number) =>
    Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number of seconds from ${shortDuration(min)} to ${shortDuration(max)}`;
  const def = range(s.defaultTimeoutSeconds, t.min, t.max);
  const max = range(s.maxTimeoutSeconds, t.min, t.max);
  const ret = Number.isInteger(s.terminatedRetentionSeconds) && s.terminatedRetentionSeconds >= r.min && s.terminatedRetentionSeconds <= r.max
    ? null
    : `must be from 0 to ${shortDuration(r.max)}`;
  if (def) errors.defaultTimeoutSeconds = def;
  if (max) errors.maxTimeoutSeconds = max;
  if (ret) errors.terminatedRetentionSeconds = ret;
  if (!def && !max && s.defaultTimeoutSeconds > s.maxTimeoutSeconds) errors.defaultTimeoutSeconds = 'must not be longer than the maximum';
  const cpu = cpuNanos(s.defaultCpu);
  if (!cpu.ok) errors.defaultCpu = cpu.problem;
  const memory = memoryBytes(s.defaultMemory);
  if (!memory.ok) errors.defaultMemory = memory.problem;
  const p = SETTING_BOUNDS.pidsLimit;
  if (!Number.isInteger(s.pidsLimit) || s.pidsLimit < p.min || s.pidsLimit > p.max) errors.pidsLimit = `must be a whole number from ${p.min} to ${p.max.toLocaleString('en')}`;
  const bad = s.hostPathAllowlist.find((p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p));
  if (bad !== undefined) errors.hostPathAllowlist = `"${bad}" is not an absolute folder path`;
  return errors;
}
