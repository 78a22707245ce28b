/**
 * Wrong flags on the command line: every one ends in exit 2 and a short error, never a
 * stack trace, never a hang. Random values for the numeric flags of every command, and
 * flags that do not exist, through the built CLI as a user runs it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChatspec } from '../cli/support/run-cli.js';

const NUMERIC: ReadonlyArray<readonly [string, string]> = [
  ['test', '--timeout'],
  ['fuzz', '--runs'],
  ['fuzz', '--timeout'],
  ['fuzz', '--max-file-bytes'],
  ['fuzz', '--seed'],
  ['load', '--connections'],
  ['load', '--duration'],
  ['load', '--pipelining'],
  ['load', '--rate'],
  ['load', '--max-reply'],
  ['serve', '--port'],
  ['serve', '--max-line'],
  ['serve', '--max-connections'],
  ['serve', '--idle-timeout'],
];

// No NUL: a process argument cannot hold one (the operating system ends the string there).
const badNumber = fc.oneof(
  fc.constantFrom('-1', '0x', '1e999', 'NaN', '', '1.5', '99999999999999999999', '--', '\u0001'),
  fc.string({ maxLength: 8 }).filter((s) => !/^\d+$/.test(s) && !s.includes('\u0000')),
);

function expectUsageError(result: { code: number | null; stderr: string }, what: string): void {
  expect(result.code, `${what}: ${result.stderr}`).toBe(2);
  expect(result.stderr, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stderr, what).not.toMatch(/internal error/);
  const first = result.stderr.split('\n')[0]!;
  expect(first, what).toMatch(/^(chatspec: |error: )\S/);
}

describe('command-line flags', () => {
  it('a numeric flag with a value that is not a number in range', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NUMERIC), badNumber, async ([command, flag], value) => {
        // --seed takes any integer: only values that are not integers are wrong there.
        fc.pre(!(flag === '--seed' && /^-?\d+$/.test(value)));
        const args = [command, `${flag}=${value}`];
        expectUsageError(await runChatspec(args, 60_000), args.join(' '));
      }),
      { numRuns: 8 },
    );
  }, 300_000);

  it('a flag that does not exist, and a missing value', async () => {
    for (const args of [
      ['test', '--no-such-flag'],
      ['load', '--connections'],
      ['fuzz', '--framing', '--parallel'],
      ['nonsense'],
    ]) {
      expectUsageError(await runChatspec(args, 60_000), args.join(' '));
    }
  }, 300_000);
});
