/**
 * The server a run judges, whatever its kind. Engines see only its dialer; the command line
 * opens a target, hands the dialer to an engine and closes the target at the end, on every
 * path (success, failure, Ctrl-C).
 *
 * - `address`: a server someone else started, at `host:port`.
 * - `embedded`: the reference server, started in this process on an ephemeral port.
 * - `launched`: a server chatspec started from a command in a folder (see launch/), isolated
 *   where the OS allows, whose process chatspec watches.
 */
import type { Dialer } from '../net/index.js';

export type TargetKind = 'address' | 'embedded' | 'launched';

export interface Target {
  readonly kind: TargetKind;
  /** What a person reads in a report: `127.0.0.1:8889`, `embedded reference server`, … */
  readonly description: string;
  /** The one way to open a connection to this target. */
  readonly dialer: Dialer;
  /** Stops what the target started (nothing for `address`); safe to call twice. */
  close(): Promise<void>;
}
