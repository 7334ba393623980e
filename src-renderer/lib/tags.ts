// Tag rows as the editors hold them, checked with the very functions the API uses, and turned
// into an RFC 7396 merge patch (null removes a key).
import type { MetadataPatch } from '../../src-main/contract/schemas';
import { checkMetadataKey, checkMetadataValue } from '../../src-main/engine/metadata';
import { engineMessage } from './errors';

export interface TagRow {
  /** Stable React key for the row. */
  rowId: string;
  key: string;
  value: string;
}

export interface TagRowErrors {
  key?: string;
  value?: string;
}

let nextRow = 0;
export function newTagRow(key = '', value = ''): TagRow {
  nextRow += 1;
  return { rowId: `tag-${nextRow}`, key, value };
}

export function rowsFromMetadata(metadata: Readonly<Record<string, string>>): TagRow[] {
  return Object.entries(metadata)
    .sort(([a], [b]) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)))
    .map(([k, v]) => newTagRow(k, v));
}

/** Errors per row (by rowId), exactly as the API would answer, plus duplicate keys. */
export function validateTagRows(rows: readonly TagRow[], field = 'metadata'): Map<string, TagRowErrors> {
  const errors = new Map<string, TagRowErrors>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    const e: TagRowErrors = {};
    if (key === '') e.key = 'give a key';
    else if (seen.has(key)) e.key = `"${key}" is used twice`;
    else e.key = engineMessage(() => checkMetadataKey(key, field));
    if (e.key === undefined) e.value = engineMessage(() => checkMetadataValue(key, row.value, field));
    seen.add(key);
    if (e.key !== undefined || e.value !== undefined) errors.set(row.rowId, e);
  }
  return errors;
}

/** The rows as a metadata object (keys trimmed). */
export function rowsToMetadata(rows: readonly TagRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) if (row.key.trim() !== '') out[row.key.trim()] = row.value;
  return out;
}

/** The merge patch from `current` to the rows: changed or new keys set, missing keys null. */
export function metadataPatch(current: Readonly<Record<string, string>>, rows: readonly TagRow[]): MetadataPatch {
  const next = rowsToMetadata(rows);
  const patch: MetadataPatch = {};
  for (const key of Object.keys(current)) if (!(key in next)) patch[key] = null;
  for (const [key, value] of Object.entries(next)) if (current[key] !== value) patch[key] = value;
  return patch;
}
