/** What every connection of one engine shares: settings, clock, recorder and the engine's hooks. */
import type { Dialer } from '../../net/index.js';
import type { Dialect, FixtureUser } from '../../specs/index.js';
import type { AuditLedger } from '../../results/load/audit/ledger.js';
import type { LoadOptions } from '../options.js';
import type { CommandOp } from '../../results/load/ops.js';
import type { Recorder } from './recorder.js';
import type { ReplyMemo } from './reply-memo.js';
import type { Schedulable } from './scheduler.js';

export interface ResponseInfo {
  readonly op: CommandOp;
  readonly ok: boolean;
  /** From the intended send time (the actual one in a closed loop). */
  readonly latencyMs: number;
  readonly bytes: number;
}

export interface FilePayload {
  /** The file's base64, shared by every request that sends it. */
  readonly data: string;
  readonly sizeBytes: number;
}

export interface EngineContext {
  readonly options: LoadOptions;
  /** How connections are opened; its `tcp` field, when set, allows the synchronous fast path. */
  readonly dialer: Dialer;
  readonly dialect: Dialect;
  readonly recorder: Recorder;
  /** Reads replies (JSON and status), reusing the last read when a reply text repeats. */
  readonly replies: ReplyMemo;
  readonly ledger: AuditLedger | undefined;
  /** Random per engine; starts every message id. */
  readonly runId: string;
  readonly workerIndex: number;
  readonly payload: FilePayload;
  /** Between requests of one connection in an open loop; undefined in a closed loop. */
  readonly intervalMs: number | undefined;
  /** Monotonic milliseconds (performance.now). */
  now(): number;
  /** Whether a new request may be sent: before the deadline, within the amount, not stopping. */
  mayIssue(): boolean;
  /** Whether a connection may (re)connect. */
  mayConnect(): boolean;
  /** Counts a request towards the amount and the in-flight total. */
  issued(): void;
  /** A request left the in-flight total (answered, failed or abandoned). */
  settled(count: number): void;
  /** Queues a connect behind the limit of connections being opened (connect and login). */
  requestConnect(start: () => void): void;
  /** A connection is logged in, or its attempt failed: frees its place in the limit. */
  connectFinished(): void;
  /** Open loop: wake `target` at `dueMs`. */
  wakeAt(dueMs: number, target: Schedulable): void;
  /** A connection became ready (logged in) or stopped being ready. */
  readyChanged(delta: 1 | -1): void;
  /** Set when something listens for `response` events. */
  readonly onResponse: ((info: ResponseInfo) => void) | undefined;
}

/** A connection's identity in the run: who it logs in as and whom it writes to. */
export interface ConnectionIdentity {
  /** Index among all connections of the run (over every worker). */
  readonly globalIndex: number;
  /** Index among this engine's connections, for open-loop phase. */
  readonly localIndex: number;
  readonly user: FixtureUser;
  /** Usernames its personal messages and files go to, round robin. */
  readonly personalTargets: readonly string[];
  /** Group ids its group messages and files go to, round robin. */
  readonly groupTargets: readonly string[];
}
