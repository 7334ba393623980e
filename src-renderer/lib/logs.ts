// Log lines as the Logs tab shows them: the filter, the highlighted parts, the time column.
import type { LogLine } from '../../src-main/contract/inside';

export interface LogFilter {
  text: string;
  stdout: boolean;
  stderr: boolean;
}

export function matchesLog(line: LogLine, f: LogFilter): boolean {
  if (line.stream === 'stdout' ? !f.stdout : !f.stderr) return false;
  return f.text === '' || line.text.toLowerCase().includes(f.text.toLowerCase());
}

/** `text` cut around each case-insensitive occurrence of `query`, for <mark>ing the matches. */
export function highlightParts(text: string, query: string): Array<{ text: string; match: boolean }> {
  if (query === '') return [{ text, match: false }];
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const parts: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  let i: number;
  while ((i = lower.indexOf(q, from)) >= 0) {
    if (i > from) parts.push({ text: text.slice(from, i), match: false });
    parts.push({ text: text.slice(i, i + q.length), match: true });
    from = i + q.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Docker's RFC 3339 timestamp (nanoseconds) as local HH:MM:SS, or '' without one. */
export function logTime(at: string | null): string {
  if (at === null) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The lines as plain text, for the clipboard. */
export function logText(lines: readonly LogLine[]): string {
  return lines.map((l) => l.text).join('\n');
}
