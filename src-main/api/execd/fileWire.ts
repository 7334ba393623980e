// execd's wire shapes for files (FileInfo with snake_case dates, octal-digit modes) and the
// query/body readers that name the field at fault.
import type { FileStat } from '../../inside/fileStat';
import { modeDigits } from '../../inside/fileStat';
import { badField } from '../../inside/fileErrors';

export interface WireFileInfo {
  path: string;
  type: FileStat['type'];
  size: number;
  modified_at: string;
  /** Docker's stat has no birth time; execd's own fallback is the mtime too. */
  created_at: string;
  owner: string;
  group: string;
  mode: number;
}

export function toWire(s: FileStat): WireFileInfo {
  return {
    path: s.path,
    type: s.type,
    size: s.size,
    modified_at: s.modifiedAt,
    created_at: s.modifiedAt,
    owner: s.owner,
    group: s.group,
    mode: modeDigits(s.mode),
  };
}

type Query = Record<string, string | string[] | undefined>;

/** A repeatable query parameter (`?path=a&path=b`), at least once. */
export function queryList(query: unknown, name: string): string[] {
  const v = (query as Query)[name];
  if (v === undefined) throw badField(name, `the query parameter "${name}" is required`);
  return Array.isArray(v) ? v : [v];
}

/** A query parameter given at most once. */
export function queryOne(query: unknown, name: string, required: true): string;
export function queryOne(query: unknown, name: string, required: false): string | undefined;
export function queryOne(query: unknown, name: string, required: boolean): string | undefined {
  const v = (query as Query)[name];
  if (Array.isArray(v)) throw badField(name, `give "${name}" once`);
  if (v === undefined && required) throw badField(name, `the query parameter "${name}" is required`);
  return v;
}

/** A non-negative integer query parameter. */
export function queryInt(query: unknown, name: string, min: number): number | undefined {
  const v = queryOne(query, name, false);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw badField(name, `must be an integer of at least ${min}, got "${v}"`);
  return Number(v);
}

/** A JSON body that must be an object (map of path → something). */
export function bodyMap(body: unknown): Array<[string, unknown]> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badField('body', 'must be a JSON object mapping paths to settings');
  }
  return Object.entries(body as Record<string, unknown>);
}
