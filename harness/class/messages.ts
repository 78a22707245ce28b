/** What crosses the thread between the class run and one server's worker: plain data only. */
import type { DialectSpec, Fixture } from '../../specs/index.js';
import type { RunResult } from '../../results/run.js';
import type { Scenario } from '../conformance/scenario/types.js';

export interface WorkerInput {
  /**
   * Where the server listens. A worker thread cannot receive a Dialer (it holds functions), so
   * it rebuilds a TCP dialer from these. Class targets are addresses; a launched target's
   * class runs are handled by the launcher, which hands sockets over itself.
   */
  readonly host: string;
  readonly port: number;
  readonly fixture?: Fixture;
  readonly scenarios: readonly Scenario[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** The largest reply read without its terminator. */
  readonly maxReplyBytes?: number;
  readonly dialect?: DialectSpec;
  /** Find the dialect with the probe first. */
  readonly probe: boolean;
}

export type ToWorker = { readonly type: 'stop' };

export type FromWorker =
  | { readonly type: 'done'; readonly result: RunResult }
  | { readonly type: 'unreachable'; readonly message: string }
  | { readonly type: 'failed'; readonly message: string };
