/**
 * The load generator's settings. Everything is validated and frozen here, before an engine
 * sees it; the engine trusts what it gets. Durations are in ms, rates per second.
 */
import { SEED_FIXTURE, type Fixture } from '../specs/index.js';
import { processShare } from './shard.js';
import type { Shard } from '../results/load/raw.js';
import { requireConsent } from './target.js';
import { requireLocalAddresses } from './local-address.js';
import { presetWorkload, sendsToGroups, type Workload } from './workload/workload.js';

export interface LoadOptions {
  /**
   * The IP address to connect to (names are resolved before, once: `resolveTargetHost`);
   * outside loopback only with `allowRemote`.
   */
  readonly host: string;
  /** Consent to load an address outside this machine's loopback. */
  readonly allowRemote: boolean;
  readonly port: number;
  /** Connections held open at once. */
  readonly connections: number;
  /** The run's deadline, counted from its start: it ends then whatever happens. */
  readonly durationMs: number;
  /** Stop after this many requests (every request, logins included); undefined: no limit. */
  readonly amount: number | undefined;
  /**
   * Open loop at this many requests per second over all connections, latency measured from
   * when each request should have been sent; undefined: closed loop.
   */
  readonly ratePerSec: number | undefined;
  /** Requests a connection keeps in flight. The course's servers handle only 1. */
  readonly pipelining: number;
  readonly workload: Workload;
  /** Worker threads to spread connections over; 0 runs them in the calling thread. */
  readonly workers: number;
  /** `workers` follows the connections (`'auto'`, AUTO_WORKER_CONNECTIONS) rather than a request. */
  readonly autoWorkers: boolean;
  /** Tag every message, drain every inbox at the end and report what went missing. */
  readonly audit: boolean;
  /** A reply or a connect slower than this counts as a timeout. */
  readonly timeoutMs: number;
  /** A reply longer than this without its terminator is a protocol violation. */
  readonly maxReplyBytes: number;
  /** Users to log in as and groups to send to: the server's fixture. */
  readonly fixture: Fixture;
  /** Seeds each connection's choice of ops; printed so a run can be repeated. */
  readonly seed: number;
  /**
   * Connections being opened and logged in at once, so that thousands of connections do not
   * overrun the server's accept queue.
   */
  readonly connectConcurrency: number;
  /**
   * Local IP addresses to connect from, one per connection round robin (local-address.ts);
   * empty: the system chooses.
   */
  readonly localAddresses: readonly string[];
  readonly title: string | undefined;
  /** This process's part of a run spread over several processes; undefined: the whole run. */
  readonly shard: Shard | undefined;
}

export type LoadOptionsInput = Partial<
  Omit<LoadOptions, 'host' | 'port' | 'workers' | 'autoWorkers'>
> & {
  readonly host: string;
  readonly port: number;
  /** A number of worker threads, or `'auto'` (the default): see AUTO_WORKER_CONNECTIONS. */
  readonly workers?: number | 'auto';
};

export const DEFAULT_CONNECTIONS = 10;
export const DEFAULT_DURATION_MS = 10_000;
/** With `amount` and no duration, the run still ends: after this long. */
export const DEFAULT_AMOUNT_DEADLINE_MS = 600_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_CONNECT_CONCURRENCY = 256;
export const MAX_CONNECTIONS = 100_000;
export const MAX_WORKERS = 64;
/**
 * With `workers: 'auto'`, a process holding at least this many connections runs them in one
 * worker thread, below it in the calling thread. A worker's young generation is sized for the
 * engine's short-lived garbage (workers/pool.ts); the main thread's cannot be changed once
 * Node has started, and under traffic it grows to tens of megabytes. The worker also leaves
 * the calling thread to an embedded server. Below this count neither matters as much as the
 * worker's own start-up and heap.
 */
export const AUTO_WORKER_CONNECTIONS = 1000;

/** An option that cannot work; the message names the option and the allowed range. */
export class LoadOptionError extends Error {
  override readonly name = 'LoadOptionError';
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new LoadOptionError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/**
 * Options resolved before, with some changed (the embedded server's port, the groups made on
 * the server): validated again, and a worker count that followed the connections still does.
 */
export function changeLoadOptions(
  options: LoadOptions,
  changes: Partial<LoadOptionsInput>,
): LoadOptions {
  return resolveLoadOptions({
    ...options,
    workers: options.autoWorkers ? 'auto' : options.workers,
    ...changes,
  });
}

/** Fills defaults, validates every option and their combinations, and freezes the result. */
export function resolveLoadOptions(input: LoadOptionsInput): LoadOptions {
  const allowRemote = input.allowRemote ?? false;
  const host = requireConsent(input.host, allowRemote);
  const amount = input.amount;
  let options: LoadOptions = {
    host,
    allowRemote,
    port: input.port,
    connections: input.connections ?? DEFAULT_CONNECTIONS,
    durationMs:
      input.durationMs ?? (amount === undefined ? DEFAULT_DURATION_MS : DEFAULT_AMOUNT_DEADLINE_MS),
    amount,
    ratePerSec: input.ratePerSec,
    pipelining: input.pipelining ?? 1,
    workload: input.workload ?? presetWorkload('chat')!,
    workers: typeof input.workers === 'number' ? input.workers : 0,
    autoWorkers: input.workers === undefined || input.workers === 'auto',
    audit: input.audit ?? false,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxReplyBytes: input.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
    fixture: input.fixture ?? SEED_FIXTURE,
    seed: input.seed ?? randomSeed(),
    connectConcurrency: input.connectConcurrency ?? DEFAULT_CONNECT_CONCURRENCY,
    localAddresses: Object.freeze([...(input.localAddresses ?? [])]),
    title: input.title,
    shard: input.shard,
  };
  requireInteger('port', options.port, 1, 65_535);
  requireInteger('connections', options.connections, 1, MAX_CONNECTIONS);
  requireInteger('durationMs', options.durationMs, 1, 86_400_000);
  if (options.amount !== undefined) requireInteger('amount', options.amount, 1, 1e12);
  if (options.ratePerSec !== undefined) {
    const rate = options.ratePerSec;
    if (!Number.isFinite(rate) || rate <= 0 || rate > 10_000_000) {
      throw new LoadOptionError(
        `rate must be more than 0 and at most 10000000 per second, got ${rate}`,
      );
    }
  }
  requireInteger('pipelining', options.pipelining, 1, 1000);
  requireInteger('workers', options.workers, 0, MAX_WORKERS);
  if (options.shard !== undefined) {
    const { index, count } = options.shard;
    requireInteger('shard count', count, 1, options.connections);
    requireInteger('shard index', index, 0, count - 1);
  }
  // Workers divide this process's share: a shard's connections and amount.
  const share = processShare(options);
  if (options.autoWorkers) {
    // A worker needs a request to make: a shard's share of an amount can be none.
    const many = share.connections >= AUTO_WORKER_CONNECTIONS;
    const work = share.amount === undefined || share.amount >= 1;
    options = { ...options, workers: many && work ? 1 : 0 };
  }
  const ofShard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
  if (options.workers > share.connections) {
    throw new LoadOptionError(
      `${options.workers} workers need at least as many connections${ofShard}, got ${share.connections}`,
    );
  }
  if (share.amount !== undefined && options.workers > share.amount) {
    throw new LoadOptionError(
      `an amount of ${share.amount}${ofShard} cannot be shared by ${options.workers} workers`,
    );
  }
  requireInteger('timeoutMs', options.timeoutMs, 1, 3_600_000);
  requireInteger('maxReplyBytes', options.maxReplyBytes, 1024, 1024 ** 3);
  requireInteger('seed', options.seed, 0, 0xffffffff);
  requireInteger('connectConcurrency', options.connectConcurrency, 1, MAX_CONNECTIONS);
  requireLocalAddresses(options.localAddresses, options.host);
  if (options.fixture.users.length === 0) {
    throw new LoadOptionError('the fixture has no users to log in as');
  }
  if (sendsToGroups(options.workload) && options.fixture.groups.length === 0) {
    throw new LoadOptionError(
      `workload "${options.workload.name}" sends to groups, but the fixture has none`,
    );
  }
  return Object.freeze(options);
}
