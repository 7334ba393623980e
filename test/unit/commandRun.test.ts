import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { wrapCommand } from '../../src-main/inside/commandRun';
import { SIGNAL_TREE_SCRIPT } from '../../src-main/inside/processTree';

// The wrapper and the tree-signal script are plain POSIX sh; run them with the host's sh.
describe('the command wrapper', () => {
  it('prints the pid marker first, then runs the command as the same process', () => {
    const [sh, ...args] = wrapCommand('echo "pid $$"; echo "arg ok"');
    const out = execFileSync(sh!, args, { encoding: 'utf8' }).split('\n');
    const marker = /^__sandlot_command_pid__ (\d+)$/.exec(out[0] ?? '');
    expect(marker).not.toBeNull();
    // exec keeps the pid: the user's shell reports the pid the marker announced.
    expect(out[1]).toBe(`pid ${marker![1]}`);
    expect(out[2]).toBe('arg ok');
  });

  it('passes the command as one argument, quotes and all', () => {
    const [sh, ...args] = wrapCommand(`printf '%s|' "a b" 'c"d'`);
    const out = execFileSync(sh!, args, { encoding: 'utf8' }).split('\n');
    expect(out[1]).toBe('a b|c"d|');
  });
});

describe('the tree-signal script', () => {
  it('parses in sh', () => {
    execFileSync('/bin/sh', ['-n', '-c', SIGNAL_TREE_SCRIPT]);
  });
});
