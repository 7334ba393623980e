// The mode/owner/group of execd's Permission and upload metadata, checked once.
import { badField } from './fileErrors';
import { idOf, type Owners } from './fileOwners';

export interface Permission {
  /** Octal digits as a decimal number, as execd takes them: 755, 644, 1777. */
  mode?: number;
  owner?: string;
  group?: string;
}

/** `755` → 0o755; undefined (or execd's 0, "not set") → undefined; anything else a 400. */
export function parseMode(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || !/^[0-7]{1,4}$/.test(String(value))) {
    throw badField(field, `must be octal digits like 644 or 755 (at most 7777), got ${JSON.stringify(value)}`);
  }
  return parseInt(String(value), 8);
}

function optionalName(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badField(field, `must be a user or group name, got ${JSON.stringify(value)}`);
  return value;
}

export interface CheckedPermission {
  mode: number | undefined;
  owner: string | undefined;
  group: string | undefined;
}

/** Shape-checks a Permission-like object (`prefix` names the fields in messages). */
export function checkPermission(prefix: string, value: unknown): CheckedPermission {
  if (value === undefined || value === null) return { mode: undefined, owner: undefined, group: undefined };
  if (typeof value !== 'object' || Array.isArray(value)) throw badField(prefix || 'body', 'must be an object with mode, owner, group');
  const v = value as Record<string, unknown>;
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  return { mode: parseMode(at('mode'), v['mode']), owner: optionalName(at('owner'), v['owner']), group: optionalName(at('group'), v['group']) };
}

/** Numeric ids of the owner/group names (either may stay undefined). */
export function resolveIds(p: CheckedPermission, owners: Owners, prefix = ''): { uid: number | undefined; gid: number | undefined } {
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  return {
    uid: p.owner === undefined ? undefined : idOf(owners.users, 'user', at('owner'), p.owner),
    gid: p.group === undefined ? undefined : idOf(owners.groups, 'group', at('group'), p.group),
  };
}
