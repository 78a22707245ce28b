/**
 * Wrong flags on the command line: every one ends in exit 2 and a short error, never a
 * stack trace, never a hang. Random values for the numeric flags of every command, and
 * flags that do not exist, through the built CLI as a user runs it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChatspec } from '../cli/support/run-cli.js';

/**
 * Each numeric flag and what it takes: a whole number (never negative), any integer, or a
 * positive decimal up to a maximum.
 */
type Takes = 'whole' | 'integer' | { readonly decimalUpTo: number };
const NUMERIC: ReadonlyArray<readonly [string, string, Takes]> = [
  ['test', '--timeout', 'whole'],
  ['test', '--max-reply', 'whole'],
  ['fuzz', '--runs', 'whole'],
  ['fuzz', '--timeout', 'whole'],
  ['fuzz', '--max-file-bytes', 'whole'],
  ['fuzz', '--seed', 'integer'],
  ['load', '--connections', 'whole'],
  ['load', '--duration', { decimalUpTo: 86_400 }],
  ['load', '--pipelining', 'whole'],
  ['load', '--rate', { decimalUpTo: 10_000_000 }],
  ['load', '--max-reply', 'whole'],
  ['serve', '--port', 'whole'],
  ['serve', '--max-line', 'whole'],
  ['serve', '--max-connections', 'whole'],
  ['serve', '--idle-timeout', 'whole'],
];

/**
 * Whether the flag might accept `value` (the parsers trim it), so it is no wrong value to
 * test with. Conservative: a whole number is skipped whatever the flag's range.
 */
function mightAccept(takes: Takes, value: string): boolean {
  const text = value.trim();
  const n = Number(text);
  if (takes === 'integer') return /^-?\d+$/.test(text);
  if (takes === 'whole') return /^-?\d+$/.test(text) && Number.isSafeInteger(n) && n >= 0;
  return /^\d+(\.\d+)?$/.test(text) && n > 0 && n <= takes.decimalUpTo;
}

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
      fc.asyncProperty(
        fc.constantFrom(...NUMERIC),
        badNumber,
        async ([command, flag, takes], value) => {
          fc.pre(!mightAccept(takes, value));
          const args = [command, `${flag}=${value}`];
          expectUsageError(await runChatspec(args, 60_000), args.join(' '));
        },
      ),
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
