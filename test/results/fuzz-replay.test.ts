import { describe, expect, it } from 'vitest';
import { replayCommand, shellWord } from '../../results/fuzz-replay.js';
import type { FuzzFailure } from '../../results/fuzz.js';

/** Only what the replay line reads: the seed, the path and the flags that shaped the case. */
const failure: FuzzFailure = {
  verdict: 'FAIL',
  reason: 'step 3: messages under "messi" out of order',
  seed: -5,
  path: '4:1:0',
  shrinks: 7,
  replayFlags: ['--max-commands', '40', '--connections', '3'],
  detail: { kind: 'sequential', setup: [], steps: [] },
};

describe('replayCommand', () => {
  it('is ready to paste: target, fixture, seed, path and the flags that shape the case', () => {
    expect(replayCommand(failure, { target: '127.0.0.1:8889', fixture: 'my users.json' })).toBe(
      "chatspec fuzz 127.0.0.1:8889 --fixture 'my users.json' --seed -5 --path 4:1:0 --max-commands 40 --connections 3",
    );
    expect(replayCommand(failure, {})).toBe(
      'chatspec fuzz --seed -5 --path 4:1:0 --max-commands 40 --connections 3',
    );
  });

  it('quotes what a shell would split or expand', () => {
    expect(shellWord('[::1]:8889')).toBe('[::1]:8889');
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('$HOME')).toBe(`'$HOME'`);
  });
});
