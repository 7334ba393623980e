// Splits a command line into words the way a POSIX shell does for simple commands: whitespace
// separates words; single quotes keep everything literally; double quotes keep spaces and allow
// \" \\ \$ \` escapes; a backslash outside quotes escapes the next character. No expansion.

export class ShellSplitError extends Error {
  override readonly name = 'ShellSplitError';
}

const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSplitError('a single quote is not closed');
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) throw new ShellSplitError('a double quote is not closed');
        const d = line[i] as string;
        if (d === '"') break;
        const next = line[i + 1];
        if (d === '\\' && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
          if (next !== '\n') word += next;
          i += 2;
        } else {
          word += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) throw new ShellSplitError('the line ends with a lone backslash');
      if (next !== '\n') word += next;
      i += 2;
    } else {
      word += c;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}
