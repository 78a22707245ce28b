/**
 * What a fuzz campaign returns: plain data with a stable JSON form (`fuzz-report.json`),
 * rendered by the CLI and never recomputed. Field names are the schema; change them only
 * with a schema version bump.
 */
import type { CommandName, RequirementId } from '../specs/index.js';
import type { ReceivedReply, Verdict } from './run.js';
import type { ReplayContext } from './fuzz-replay.js';

export const FUZZ_MODES = ['sequential', 'parallel', 'framing'] as const;
export type FuzzMode = (typeof FUZZ_MODES)[number];

/** One request of a case as a person reads it. */
export interface StepRecord {
  /** 1-based, within its list (setup, steps, a branch, the epilogue). */
  readonly index: number;
  readonly connection: string;
  /** The request line: sessions as `$messi`, `$login2`, long data by its size. */
  readonly request: string;
  /** The model's reply (for a branch: under the interleaving that explained the most). */
  readonly expected: string;
  readonly actual: string;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly requirement?: RequirementId;
  /** The session this step created, by label. */
  readonly login?: string;
}

/** A verdict short of failing, counted over the campaign with its first example. */
export interface FuzzNote {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly requirement?: RequirementId;
  readonly count: number;
  readonly example: { readonly request: string; readonly actual: string };
}

export interface SequentialFailureDetail {
  readonly kind: 'sequential';
  /** The learning steps before the case; shown when the failure is among them. */
  readonly setup: readonly StepRecord[];
  readonly steps: readonly StepRecord[];
}

export interface ParallelFailureDetail {
  readonly kind: 'parallel';
  readonly setup: readonly StepRecord[];
  readonly prefix: readonly StepRecord[];
  /** Side by side: each branch ran on its own connection, all at once. */
  readonly branches: readonly (readonly StepRecord[])[];
  /** Reads of every inbox and file list after the branches. */
  readonly epilogue: readonly StepRecord[];
  /** Why no interleaving explains the replies, from the one that explained the most. */
  readonly explanation: string;
  /** The order of that interleaving, as `b1.1 b2.1 …`. */
  readonly closestOrder: string;
}

export interface FramingChunkRecord {
  /** What kind of bytes (`nul`, `invalid-utf8`, `huge-token 65536`, …). */
  readonly what: string;
  readonly bytes: number;
  /** The bytes, control characters and invalid UTF-8 escaped, long runs elided. */
  readonly shown: string;
}

export interface FramingFailureDetail {
  readonly kind: 'framing';
  readonly chunks: readonly FramingChunkRecord[];
  readonly totalBytes: number;
  /** How the throwaway connection ended: FIN after the bytes, or reset at once. */
  readonly close: 'fin' | 'abrupt';
  /** The whole stream as hex, elided in the middle when long. */
  readonly hex: string;
  /** The exact bytes, base64, when the stream is at most 1 MiB. */
  readonly base64?: string;
  /** Replies read on the throwaway connection (FIN only). */
  readonly replies: readonly string[];
  /** The liveness probe on a fresh connection. */
  readonly probe: readonly StepRecord[];
}

export type FailureDetail = SequentialFailureDetail | ParallelFailureDetail | FramingFailureDetail;

export interface FuzzFailure {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly requirement?: RequirementId;
  readonly seed: number;
  /** With the seed, replays exactly this case (`--seed N --path P`). */
  readonly path: string;
  /** Successful shrink steps from the first failing case to this one. */
  readonly shrinks: number;
  /** Why shrinking stopped early, when it did (the server stopped answering). */
  readonly shrinkNote?: string;
  /** Flags besides target, seed and path that a replay needs (`--parallel`, `--max-commands 12`). */
  readonly replayFlags: readonly string[];
  readonly detail: FailureDetail;
}

/** Whether the saved counterexample fails on its own, replayed as saved. */
export interface Reproduction {
  /** Each replay on a server started for it, or on fresh connections to the target. */
  readonly on: 'fresh-server' | 'fresh-connections';
  /** Replays of a case; a case reproduces when all of them fail. */
  readonly attempts: number;
  /** How many replays of the shrunk case failed (they stop at the first that passes). */
  readonly shrunkFailed: number;
  /**
   * What the scenario file holds: the shrunk case; a larger failing case of the campaign that
   * failed on its own (the shrunk one depends on the server's state before it); the case a
   * second search found with a fresh server for every case; or nothing.
   */
  readonly saved: 'shrunk' | 'larger' | 'isolated' | 'none';
  /**
   * What was replayed: the saved scenario file (absent), or the case's seed and path, for a case
   * with no scenario file (a parallel one): `shrunk` when every replay failed, else `none`.
   */
  readonly replayed?: 'path';
  /** Steps (or chunks) of the case saved instead of the shrunk one. */
  readonly savedSteps?: number;
  /**
   * What the case found by a search with a fresh server for every case (`isolated`) fails
   * with, which may read differently from the shrunk case's failure.
   */
  readonly savedReason?: string;
  readonly savedRequirement?: RequirementId;
}

export interface FuzzStats {
  /** Generated cases run before the first failure (or all of them). */
  readonly runs: number;
  /** Cases run while shrinking. */
  readonly shrinkRuns: number;
  /** Generated commands (or framing chunks) sent, shrinking included. */
  readonly commands: number;
  /** Every request, learning and epilogue reads and liveness probes included. */
  readonly requests: number;
  readonly durationMs: number;
  readonly commandsPerSec: number;
  readonly requestsPerSec: number;
  /** Parallel histories whose interleaving search hit its bound: neither passed nor failed. */
  readonly inconclusive: number;
}

export interface FuzzResult {
  readonly schemaVersion: 1;
  readonly mode: FuzzMode;
  readonly target: { readonly address: string; readonly embedded: boolean };
  /**
   * What the replay command names besides the case (target, server command, fixture and
   * dialect as given), so every report offers the same one.
   */
  readonly replayContext?: ReplayContext;
  readonly seed: number;
  readonly settings: {
    readonly runs: number;
    readonly maxCommands: number;
    readonly connections: number;
    readonly branches: number;
    readonly maxFileBytes: number;
    readonly timeoutMs: number;
    readonly strict: boolean;
    readonly shrinkTimeMs: number;
    readonly path?: string;
  };
  /** ISO 8601. */
  readonly startedAt: string;
  readonly passed: boolean;
  readonly stats: FuzzStats;
  readonly notes: readonly FuzzNote[];
  /**
   * The commands the server was found to have (learned before the first case; not in framing
   * mode). Missing ones were never generated: they are listed here once, not failed.
   */
  readonly commands?: {
    readonly present: readonly CommandName[];
    readonly missing: readonly CommandName[];
    /** What the server answered a made-up command, which the missing ones got too. */
    readonly unknownCommandReply?: ReceivedReply;
    /** Why missing commands could not be told apart, when that is so (then all were fuzzed). */
    readonly notLearned?: string;
  };
  readonly failure?: FuzzFailure;
  /** The shrunk case as a scenario file for `chatspec test --scenario`, checked by its loader. */
  readonly scenario?: { readonly fileName: string; readonly yaml: string };
  /** Why there is no scenario file for a failure. */
  readonly scenarioNote?: string;
  /** The replays of the saved case, or of the seed and path when there is no scenario file. */
  readonly reproduction?: Reproduction;
}

export type FuzzEvent =
  | {
      readonly type: 'start';
      readonly mode: FuzzMode;
      readonly seed: number;
      readonly runs: number;
    }
  | {
      readonly type: 'run';
      readonly run: number;
      readonly passed: boolean;
      readonly commands: number;
    }
  | { readonly type: 'failure-found'; readonly run: number; readonly reason: string }
  | { readonly type: 'shrink'; readonly attempts: number; readonly shrinks: number }
  | { readonly type: 'done'; readonly result: FuzzResult };
