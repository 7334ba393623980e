// HTTP byte ranges of GET /files/download (RFC 9110 §14), as execd serves them: one range
// (the first of a list), `a-b`, `a-` and `-n` forms; an end past the file is clipped; a range
// that starts at or past the end, or a header that is not `bytes=...`, is 416.

export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined || header.trim() === '') return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: 'unsatisfiable' };
  for (const spec of (m[1] ?? '').split(',')) {
    const r = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) return { kind: 'unsatisfiable' };
    const [, a = '', b = ''] = r;
    if (a === '') {
      // Suffix: the last n bytes.
      const n = Math.min(Number(b), size);
      if (n === 0) continue;
      return { kind: 'part', start: size - n, end: size - 1 };
    }
    const start = Number(a);
    const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) return { kind: 'unsatisfiable' };
    if (start >= size) continue;
    return { kind: 'part', start, end };
  }
  return { kind: 'unsatisfiable' };
}

/** `attachment; filename="..."`, with an RFC 5987 `filename*` for names that are not plain ASCII. */
export function contentDisposition(name: string): string {
  const plain = /^[\x20-\x7e]*$/.test(name);
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (plain) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
