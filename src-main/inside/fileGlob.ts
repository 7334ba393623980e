// Glob patterns of GET /files/search, matched against a file's name like execd does:
// `*` any run of characters, `**` too (there is no `/` in a name), `?` one character,
// `[abc]`, `[a-z]`, `[!x]` / `[^x]` classes, `{a,b}` alternatives, `\` escapes.
import { badField } from './fileErrors';

const SPECIAL = /[.+^${}()|[\]\\*?]/g;

export function globToRegExp(pattern: string, field = 'pattern'): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw badField(field, `"${pattern}" ends with a lone backslash`);
      re += next.replace(SPECIAL, '\\$&');
    } else if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      re += '.*';
    } else if (c === '?') {
      re += '.';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw badField(field, `"${pattern}" has a "[" without its "]"`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) {
      re += '|';
    } else {
      re += c.replace(SPECIAL, '\\$&');
    }
  }
  if (depth > 0) throw badField(field, `"${pattern}" has a "{" without its "}"`);
  try {
    return new RegExp(`^${re}$`, 's');
  } catch {
    throw badField(field, `"${pattern}" is not a valid glob pattern`);
  }
}
