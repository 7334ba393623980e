// List filters: state chips (any of them), tag chips (all of them), free text over name/id/image.
import type { SandboxRecord, SandboxState } from '../../src-main/contract/sandbox';
import { displayName, NAME_KEY } from './sandboxes';

export interface TagFilter {
  key: string;
  value: string;
}

export interface Filters {
  /** Empty: every state. Otherwise the sandbox's state must be one of them (OR). */
  states: readonly SandboxState[];
  /** Every tag must be present with that exact value (AND). */
  tags: readonly TagFilter[];
  /** Whitespace-separated words; each must appear in the name, id or image (case-insensitive). */
  text: string;
}

export const NO_FILTERS: Filters = { states: [], tags: [], text: '' };

export function tagLabel(t: TagFilter): string {
  return `${t.key}=${t.value}`;
}

/** `key=value` → a tag filter; null when there is no key. */
export function parseTagFilter(raw: string): TagFilter | null {
  const s = raw.trim();
  const eq = s.indexOf('=');
  if (eq <= 0) return null;
  return { key: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() };
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(r: SandboxRecord, f: Filters, textWords: readonly string[] = words(f.text)): boolean {
  if (f.states.length > 0 && !f.states.includes(r.status.state)) return false;
  for (const t of f.tags) if (r.metadata[t.key] !== t.value) return false;
  if (textWords.length > 0) {
    const hay = `${displayName(r)}\n${r.id}\n${r.image}`.toLowerCase();
    for (const w of textWords) if (!hay.includes(w)) return false;
  }
  return true;
}

export function filterSandboxes(records: readonly SandboxRecord[], f: Filters): SandboxRecord[] {
  const w = words(f.text);
  if (f.states.length === 0 && f.tags.length === 0 && w.length === 0) return [...records];
  return records.filter((r) => matches(r, f, w));
}

export function isFiltering(f: Filters): boolean {
  return f.states.length > 0 || f.tags.length > 0 || f.text.trim() !== '';
}

/** The tags in use with how many sandboxes carry each, most common first (name excluded). */
export function tagStats(records: readonly SandboxRecord[]): Array<TagFilter & { count: number }> {
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r.metadata)) {
      if (k === NAME_KEY) continue;
      const label = `${k}=${v}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([label, count]) => ({ ...(parseTagFilter(label) as TagFilter), count }))
    .sort((a, b) => b.count - a.count || tagLabel(a).localeCompare(tagLabel(b)));
}

export function countByState(records: readonly SandboxRecord[]): Record<SandboxState, number> {
  const counts: Record<SandboxState, number> = {
    Pending: 0, Running: 0, Pausing: 0, Paused: 0, Resuming: 0, Stopping: 0, Terminated: 0, Failed: 0,
  };
  for (const r of records) counts[r.status.state] += 1;
  return counts;
}
