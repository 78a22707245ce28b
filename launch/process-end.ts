/**
 * How a launched server ended, and the words chatspec uses for it: in a ProcessEnd, in a failed
 * launch's one-line error, and in a dial refused because the server is gone.
 */
import type { Dialer } from '../net/index.js';
import type { OutputLine } from './output.js';

export type EndReason = 'exited' | 'killed-memory' | 'killed-deadline' | 'stopped';

/** How the server's process ended. */
export interface ProcessEnd {
  readonly code: number | null;
  readonly signal: string | null;
  readonly reason: EndReason;
  /** Why chatspec killed it, in words (`resident memory 600 MiB over the 512 MiB limit`). */
  readonly detail?: string;
  readonly lastLines: readonly OutputLine[];
}

/** A plain TCP dialer that says so when the server has already ended. */
export function guardedDialer(inner: Dialer, ended: () => ProcessEnd | undefined): Dialer {
  return {
    address: inner.address,
    dial: (timeoutMs) => {
      const end = ended();
      if (end !== undefined) {
        return Promise.reject(
          new Error(
            `cannot connect to ${inner.address}: the server ${endText(end.code, end.signal)}`,
          ),
        );
      }
      return inner.dial(timeoutMs);
    },
  };
}

/** `exited with code 1`, `was killed by SIGKILL`: completes "the server …". */
export function endText(code: number | null, signal: string | null): string {
  if (signal !== null) return `was killed by ${signal}`;
  return code === null ? 'ended' : `exited with code ${code}`;
}
