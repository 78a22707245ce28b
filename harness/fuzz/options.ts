/**
 * The fuzzer's settings, validated and frozen before an engine sees them. Every default is
 * named here so the CLI's help, the report and the replay command agree.
 */
import type { Dialer } from '../../net/index.js';
import { SEED_FIXTURE, dialectForRun, type Dialect, type Fixture } from '../../specs/index.js';
import { FUZZ_MODES, type FuzzMode } from '../../results/fuzz.js';
import type { FreshServer } from './reproduce.js';

export interface FuzzTarget {
  readonly dialer: Dialer;
  /** The reference server started by the CLI for this run (no HOST:PORT given). */
  readonly embedded: boolean;
}

export interface FuzzOptions {
  readonly mode: FuzzMode;
  readonly target: FuzzTarget;
  readonly fixture: Fixture;
  /** How the server spells requests and replies (`--dialect`); canonical by default. */
  readonly dialect: Dialect;
  /** Generated cases (command sequences, parallel histories or byte streams) to try. */
  readonly runs: number;
  /**
   * The size of one case: commands per sequence (sequential), commands in prefix and branches
   * together (parallel), chunks per byte stream (framing).
   */
  readonly maxCommands: number;
  readonly seed: number;
  /** fast-check's replay path: with the seed, re-runs exactly one (shrunk) case. */
  readonly path: string | undefined;
  /** How long a connect or one reply may take. */
  readonly timeoutMs: number;
  /** Connections a sequence spreads its commands over (sequential and the parallel prefix). */
  readonly connections: number;
  /** Parallel branches, each on its own connection. */
  readonly branches: number;
  /** Largest file a generated send_file or send_group_file carries (before base64). */
  readonly maxFileBytes: number;
  /** Largest reply accepted; past it the read is an overflow. */
  readonly maxReplyBytes: number;
  /** NON-STRICT and UNIMPLEMENTED findings fail a case too. */
  readonly strict: boolean;
  /**
   * How long shrinking may take; past it the smallest failing case found so far is reported.
   * A server that answers a step only by timing out makes every smaller case wait as long.
   */
  readonly shrinkTimeMs: number;
  /**
   * Brings a dead target back (tests, supervised servers). Without it, a target that stops
   * answering ends shrinking: smaller cases can no longer be tried.
   */
  readonly restart: (() => Promise<void>) | undefined;
  /**
   * Starts a server like the target, empty, for one replay of a failing case (the embedded
   * reference server, a launched one). Without it, a case is replayed on fresh connections to
   * the target itself.
   */
  readonly freshServer: (() => Promise<FreshServer>) | undefined;
  /**
   * Runs before every sequential case and shrink attempt, connections closed: the search for
   * a case that fails on its own gives each case a fresh server through it.
   */
  readonly beforeCase: (() => Promise<void>) | undefined;
}

/** Defaults per mode for `maxCommands`: chosen so that 200 runs of each mode stay fast in CI. */
export const DEFAULT_MAX_COMMANDS: Readonly<Record<FuzzMode, number>> = Object.freeze({
  sequential: 40,
  parallel: 15,
  framing: 8,
});

export const FUZZ_DEFAULTS = Object.freeze({
  mode: 'sequential' as FuzzMode,
  runs: 100,
  timeoutMs: 2000,
  connections: 3,
  branches: 3,
  maxFileBytes: 64 * 1024,
  maxReplyBytes: 64 * 1024 * 1024,
  strict: false,
  shrinkTimeMs: 60_000,
});

export const FUZZ_LIMITS = Object.freeze({
  runs: [1, 10_000_000],
  maxCommands: [1, 10_000],
  timeoutMs: [1, 600_000],
  connections: [1, 64],
  branches: [2, 3],
  maxFileBytes: [0, 64 * 1024 * 1024],
  maxReplyBytes: [1024, 1024 * 1024 * 1024],
  shrinkTimeMs: [0, 24 * 60 * 60 * 1000],
} as const);

/** A setting that cannot work; the CLI turns it into exit 2. */
export class FuzzOptionError extends Error {
  override readonly name = 'FuzzOptionError';
}

export type FuzzOptionsInput = Partial<Omit<FuzzOptions, 'target'>> & {
  readonly target: Omit<FuzzTarget, 'embedded'> & { readonly embedded?: boolean };
};

function requireInteger(name: string, value: number, [min, max]: readonly [number, number]): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FuzzOptionError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** A seed when none is given: any 32-bit integer, printed so the run can be replayed. */
export function randomSeed(): number {
  return (Math.random() * 0x1_0000_0000) | 0;
}

/** fast-check paths are colon-separated counters: `12:0:3`. */
const PATH = /^\d+(:\d+)*$/;

export function resolveFuzzOptions(input: FuzzOptionsInput): FuzzOptions {
  const mode = input.mode ?? FUZZ_DEFAULTS.mode;
  if (!(FUZZ_MODES as readonly string[]).includes(mode)) {
    throw new FuzzOptionError(`mode must be one of ${FUZZ_MODES.join(', ')}, got ${String(mode)}`);
  }
  const options: FuzzOptions = {
    mode,
    target: Object.freeze({
      dialer: input.target.dialer,
      embedded: input.target.embedded ?? false,
    }),
    fixture: input.fixture ?? SEED_FIXTURE,
    dialect: dialectForRun(input.dialect, input.fixture),
    runs: input.runs ?? FUZZ_DEFAULTS.runs,
    maxCommands: input.maxCommands ?? DEFAULT_MAX_COMMANDS[mode],
    seed: input.seed ?? randomSeed(),
    path: input.path,
    timeoutMs: input.timeoutMs ?? FUZZ_DEFAULTS.timeoutMs,
    connections: input.connections ?? FUZZ_DEFAULTS.connections,
    branches: input.branches ?? FUZZ_DEFAULTS.branches,
    maxFileBytes: input.maxFileBytes ?? FUZZ_DEFAULTS.maxFileBytes,
    maxReplyBytes: input.maxReplyBytes ?? FUZZ_DEFAULTS.maxReplyBytes,
    strict: input.strict ?? FUZZ_DEFAULTS.strict,
    shrinkTimeMs: input.shrinkTimeMs ?? FUZZ_DEFAULTS.shrinkTimeMs,
    restart: input.restart,
    freshServer: input.freshServer,
    beforeCase: input.beforeCase,
  };
  if (typeof options.target.dialer?.dial !== 'function') {
    throw new FuzzOptionError('target.dialer must be given: how to reach the server');
  }
  requireInteger('runs', options.runs, FUZZ_LIMITS.runs);
  requireInteger('maxCommands', options.maxCommands, FUZZ_LIMITS.maxCommands);
  requireInteger('timeoutMs', options.timeoutMs, FUZZ_LIMITS.timeoutMs);
  requireInteger('connections', options.connections, FUZZ_LIMITS.connections);
  requireInteger('branches', options.branches, FUZZ_LIMITS.branches);
  requireInteger('maxFileBytes', options.maxFileBytes, FUZZ_LIMITS.maxFileBytes);
  requireInteger('maxReplyBytes', options.maxReplyBytes, FUZZ_LIMITS.maxReplyBytes);
  requireInteger('shrinkTimeMs', options.shrinkTimeMs, FUZZ_LIMITS.shrinkTimeMs);
  if (
    !Number.isSafeInteger(options.seed) ||
    options.seed < -0x8000_0000 ||
    options.seed > 0xffff_ffff
  ) {
    throw new FuzzOptionError(`seed must be a 32-bit integer, got ${options.seed}`);
  }
  if (options.path !== undefined && !PATH.test(options.path)) {
    throw new FuzzOptionError(
      `path must look like 12:0:3 (from a failure report), got "${options.path}"`,
    );
  }
  if (options.fixture.users.length === 0) throw new FuzzOptionError('the fixture has no users');
  return Object.freeze(options);
}
