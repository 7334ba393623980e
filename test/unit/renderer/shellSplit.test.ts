import { describe, expect, it } from 'vitest';
import { shellSplit, ShellSplitError } from '../../../src-renderer/lib/shellSplit';

describe('shellSplit', () => {
  it.each([
    ['sleep infinity', ['sleep', 'infinity']],
    ['  sleep   3600  ', ['sleep', '3600']],
    ['python -c "print(1 + 1)"', ['python', '-c', 'print(1 + 1)']],
    ["sh -c 'echo $HOME && ls'", ['sh', '-c', 'echo $HOME && ls']],
    ['echo "a \\"quoted\\" word"', ['echo', 'a "quoted" word']],
    ['echo "back\\\\slash" "keep\\n"', ['echo', 'back\\slash', 'keep\\n']],
    ['echo it\\\'s', ['echo', "it's"]],
    ['echo a\\ b', ['echo', 'a b']],
    ["echo 'single \"inner\"'", ['echo', 'single "inner"']],
    ['echo "" \'\'', ['echo', '', '']],
    ['pre"fix"\'ed\'', ['prefixed']],
    ['a\tb\nc', ['a', 'b', 'c']],
    ['', []],
  ])('%j', (line, words) => {
    expect(shellSplit(line)).toEqual(words);
  });

  it.each(['echo "open', "echo 'open", 'echo trailing\\'])('refuses %j', (line) => {
    expect(() => shellSplit(line)).toThrow(ShellSplitError);
  });
});
