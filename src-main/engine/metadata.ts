// Metadata tags: Kubernetes label rules, reserved prefixes, RFC 7396 merge patch, filters.
import { invalid } from './errors';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const RESERVED_PREFIXES = ['opensandbox.io/', 'sandlot.dev/'] as const;
export const MAX_METADATA_KEYS = 64;
/** The key the UI shows as the sandbox's human name; its value may be free text. */
export const NAME_KEY = 'name';
const MAX_NAME_LENGTH = 128;

/** Throws a 400 naming the key when it breaks the Kubernetes label key rules. */
export function checkMetadataKey(key: string, field: string): void {
  const at = `${field}.${key}`;
  if (RESERVED_PREFIXES.some((p) => key.startsWith(p))) {
    throw invalid(at, `keys under "${key.slice(0, key.indexOf('/') + 1)}" are reserved`);
  }
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix) || prefix.split('.').some((l) => l.length > 63))) {
    throw invalid(at, 'the key prefix must be a lowercase DNS subdomain (e.g. example.com/)');
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    throw invalid(
      at,
      'keys are 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit, with an optional DNS prefix and "/"',
    );
  }
}

export function checkMetadataValue(key: string, value: string, field: string): void {
  const at = `${field}.${key}`;
  if (key === NAME_KEY) {
    if (value.length === 0 || value.length > MAX_NAME_LENGTH || CONTROL.test(value)) {
      throw invalid(at, `the name is 1-${MAX_NAME_LENGTH} printable characters`);
    }
    return;
  }
  if (value.length > 63 || (value.length > 0 && !NAME.test(value))) {
    throw invalid(
      at,
      'values are at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    );
  }
}

export function checkMetadata(metadata: Record<string, string>, field = 'metadata'): void {
  const keys = Object.keys(metadata);
  if (keys.length > MAX_METADATA_KEYS) throw invalid(field, `at most ${MAX_METADATA_KEYS} keys are allowed`);
  for (const key of keys) {
    checkMetadataKey(key, field);
    checkMetadataValue(key, metadata[key] ?? '', field);
  }
}

/** RFC 7396 merge patch of a flat string map: a string sets, null deletes, absent keeps. */
export function mergeMetadata(
  current: Readonly<Record<string, string>>,
  patch: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete next[key];
      continue;
    }
    checkMetadataKey(key, 'metadata');
    checkMetadataValue(key, value, 'metadata');
    next[key] = value;
  }
  if (Object.keys(next).length > MAX_METADATA_KEYS) {
    throw invalid('metadata', `at most ${MAX_METADATA_KEYS} keys are allowed`);
  }
  return next;
}

/**
 * The list filter: one `metadata` query value, already URL-decoded once by the HTTP layer,
 * holding `k=v&k2=v2` (all must match). Values are compared as they are, with no second decode.
 */
export function parseMetadataFilter(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw invalid('metadata', `"${part}" is not key=value (filter format: k=v&k2=v2)`);
    return [part.slice(0, eq), part.slice(eq + 1)];
  });
}
