import { describe, expect, it } from 'vitest';
import {
  completeLine,
  parseTerminalLine,
  type CompletionContext,
} from '../../../client/terminal/commands.js';

const context: CompletionContext = {
  users: ['messi', 'henderson', 'lineker'],
  groups: ['group1', 'group2'],
  files: new Map([['henderson', ['notes.txt', 'note2.txt']]]),
  paths: (prefix) => ['./a.bin', './b.bin'].filter((p) => p.startsWith(prefix)),
};

describe('parseTerminalLine', () => {
  it('splits fixed words and keeps free text as typed', () => {
    const parsed = parseTerminalLine('send henderson  halo   apa kabar ');
    expect(parsed).toMatchObject({ kind: 'command', args: ['henderson', 'halo   apa kabar'] });
    expect(parseTerminalLine('send_group group1 hi')).toMatchObject({ args: ['group1', 'hi'] });
  });

  it('keeps a raw line exactly, spaces and all', () => {
    expect(parseTerminalLine('raw auth  messi surabaya ')).toMatchObject({
      args: ['auth  messi surabaya '],
    });
  });

  it('names the usage of a command with too few words, and an unknown command', () => {
    expect(parseTerminalLine('send henderson')).toEqual({
      kind: 'invalid',
      reason: 'usage: send <username> <message…>',
    });
    expect(parseTerminalLine('fly away')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('"fly"'),
    });
    expect(parseTerminalLine('   ')).toEqual({ kind: 'empty' });
    expect(parseTerminalLine('# a comment')).toEqual({ kind: 'empty' });
  });
});

describe('completeLine', () => {
  it('completes commands, then users, groups, received files and paths', () => {
    expect(completeLine('au', context)).toEqual([['auth '], 'au']);
    expect(completeLine('send_g', context)[0]).toEqual(['send_group', 'send_group_file']);
    expect(completeLine('send he', context)).toEqual([['henderson '], 'he']);
    expect(completeLine('send_group g', context)[0]).toEqual(['group1', 'group2']);
    expect(completeLine('download_file henderson no', context)[0]).toEqual([
      'notes.txt',
      'note2.txt',
    ]);
    expect(completeLine('send_file messi ./a', context)).toEqual([['./a.bin'], './a']);
    expect(completeLine('inbox x', context)[0]).toEqual([]);
  });
});
