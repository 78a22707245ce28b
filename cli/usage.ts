/** Shared CLI plumbing: usage errors (exit 2) and option parsers that name the flag. */
import { InvalidArgumentError } from 'commander';

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
export function parseTarget(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:]+):(\d+)$/.exec(text);
  const bare = /^(\d+)$/.exec(text);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]!]
    : plain
      ? [plain[1]!, plain[2]!]
      : bare
        ? ['127.0.0.1', bare[1]!]
        : [undefined, undefined];
  const port = Number(portText);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(
      `target must be HOST:PORT (e.g. 127.0.0.1:8889 or [::1]:8889), got "${text}"`,
    );
  }
  return { host, port };
}
