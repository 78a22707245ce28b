/**
 * The raw result of a load run: everything needed to report it and to merge it exactly with
 * other runs. Counts are plain numbers, distributions are encoded HdrHistograms, per-second
 * samples keep their wall-clock second, and an audit keeps its ledger. One worker, many
 * workers and `chatspec load merge` of files all go through `mergeRawResults`.
 */
import type { EncodedLedger } from './audit/ledger.js';
import type { CommandOp } from './ops.js';

/** This process's part of a run spread over several processes. */
export interface Shard {
  /** From 0. */
  readonly index: number;
  readonly count: number;
}

export const RAW_FORMAT = 'chatspec-load-raw/1';

/**
 * How each request ended; every request sent ends in exactly one of these, so they add up
 * to `sent`.
 */
export interface RequestOutcomes {
  readonly sent: number;
  /** A reply with status OK. */
  readonly ok: number;
  /** A reply with status ERROR. */
  readonly errorReplies: number;
  /** No reply within the timeout. */
  readonly timeouts: number;
  /** The connection failed (reset, closed by the server) before the reply came. */
  readonly connectionErrors: number;
  /** A reply that breaks the framing or shape rules (not JSON, no status, unterminated). */
  readonly protocolViolations: number;
  /** Still in flight when the run ended. */
  readonly unfinished: number;
}

/** Where counting starts: nothing sent, nothing answered, no reply that mismatched. */
export function zeroOutcomes(): { -readonly [K in keyof RequestOutcomes]: number } & {
  mismatches: number;
} {
  return {
    sent: 0,
    ok: 0,
    errorReplies: 0,
    timeouts: 0,
    connectionErrors: 0,
    protocolViolations: 0,
    unfinished: 0,
    mismatches: 0,
  };
}

export interface RawCommandResult extends RequestOutcomes {
  /** OK replies whose content was wrong (a downloaded file that differs from what was sent). */
  readonly mismatches: number;
  /** Encoded latency (µs) of every reply, OK or ERROR, measured from the intended send time. */
  readonly latency: string;
  /** Open loop only: measured from the actual send time (hides coordinated omission). */
  readonly latencyUncorrected?: string;
}

export interface RawConnects {
  readonly attempts: number;
  readonly ok: number;
  readonly failed: number;
  /** Established connections that the server closed or reset during the run. */
  readonly dropped: number;
  /** Encoded TCP connect time (µs). */
  readonly latency: string;
}

export interface RawWorkload {
  readonly name: string;
  readonly description: string;
  /** `op:weight,…` */
  readonly mix: string;
  readonly fileSizeBytes: number;
  readonly messageBytes: number;
}

export interface RawLoadResult {
  readonly format: typeof RAW_FORMAT;
  /** One id per engine (process or worker) that contributed. */
  readonly runIds: readonly string[];
  readonly title: string | null;
  /** `host:port` (IPv6 in brackets). */
  readonly target: string;
  readonly workload: RawWorkload;
  readonly connections: number;
  /**
   * The process's part of a sharded run (`--shard`); absent in a whole run and in the merge of
   * every shard.
   */
  readonly shard?: Shard;
  /**
   * `drain`: not load but the final inbox drain of a sharded audit (`chatspec load drain`),
   * which a merge adds to the shards' results.
   */
  readonly kind?: 'drain';
  readonly pipelining: number;
  /** Requests per second asked for (open loop), or null (closed loop). */
  readonly ratePerSec: number | null;
  /** Worker threads used; 0 when the engine ran in the main thread. */
  readonly workers: number;
  readonly seed: number;
  /** Each engine's [start, end] in epoch ms: a run's duration is the union of these. */
  readonly intervals: ReadonlyArray<readonly [number, number]>;
  readonly totals: RequestOutcomes & {
    readonly mismatches: number;
    readonly bytesRead: number;
    readonly bytesWritten: number;
  };
  readonly commands: Readonly<Partial<Record<CommandOp, RawCommandResult>>>;
  /** Every reply's latency (µs), from the intended send time in an open loop. */
  readonly latency: string;
  /** Open loop only: from the actual send time. */
  readonly latencyUncorrected?: string;
  readonly connects: RawConnects;
  /**
   * Completed requests and bytes read per wall-clock second: `[epochSecond, requests, bytes]`,
   * the partial first and last seconds included. Samples of one second from several engines
   * add up to the run's count for that second; the summary's per-second distributions use
   * only the seconds that the run's intervals cover whole.
   */
  readonly samples: ReadonlyArray<readonly [number, number, number]>;
  /** Distinct problem descriptions with how often each happened, most frequent kept. */
  readonly problems: Readonly<Record<string, number>>;
  /** Ended early by a stop request (SIGINT) rather than by its deadline or amount. */
  readonly stoppedEarly: boolean;
  readonly audit?: EncodedLedger;
}
