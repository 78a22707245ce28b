/** Shared CLI plumbing: usage errors (exit 2) and option parsers that name the flag. */
import { InvalidArgumentError } from 'commander';
import { parseHostPort, type HostPort } from '../net/index.js';

/** Bad usage: an unknown flag, a bad value, an unreadable fixture. The CLI exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A commander parser for a whole number within bounds. */
export function integerOption(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

/** Splits `host:port` (IPv6 as `[::1]:port`); a bare port means 127.0.0.1. */
export function parseTarget(text: string): HostPort {
  const address = parseHostPort(text);
  if (address === undefined) {
    throw new UsageError(
      `target must be HOST:PORT (e.g. 127.0.0.1:8889 or [::1]:8889), got "${text}"`,
    );
  }
  return address;
}
