/**
 * What `chatspec load` reads from its command line: the flags of a run, a drain and a merge,
 * the parsers commander calls for them, and the one mapping of the load generator's input
 * errors to usage errors (exit 2).
 */
import { InvalidArgumentError, Option } from 'commander';
import {
  DialectError,
  dialectFromSpec,
  resolveDialectSpec,
  type Dialect,
  type Fixture,
} from '../../specs/index.js';
import {
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  LoadOptionError,
  LoadSetupError,
  LocalAddressError,
  RemoteTargetError,
  ShardError,
  WorkloadError,
} from '../../load/index.js';
import {
  HistogramDecodeError,
  MergeError,
  RampError,
  ResultFileError,
  type RampPlan,
  type Shard,
  type Slo,
} from '../../results/index.js';
import { UsageError, integerOption } from '../usage.js';
import type { LaunchFlags } from '../launch-options.js';

export interface LoadFlags extends LaunchFlags {
  connections: number;
  duration?: number;
  amount?: number;
  rate?: number;
  pipelining: number;
  workload: string;
  workers: number | 'auto';
  audit: boolean;
  json: boolean;
  out?: string;
  html?: string;
  timeout: number;
  fixture?: string;
  fileSize?: number;
  messageBytes?: number;
  seed?: number;
  latency: boolean;
  progress: boolean;
  /** --color / --no-color; undefined: colour when stdout is a terminal. */
  color?: boolean;
  maxReply: number;
  title?: string;
  connectConcurrency: number;
  localAddress?: string[];
  allowRemote: boolean;
  shard?: Shard;
  dialect?: string;
  ramp?: RampPlan;
  findKnee: boolean;
  slo?: Slo;
}

export interface DrainFlags {
  json: boolean;
  out?: string;
  latency: boolean;
  color?: boolean;
  fixture?: string;
  timeout: number;
  maxReply: number;
  allowRemote: boolean;
  dialect?: string;
}

export interface MergeFlags {
  json: boolean;
  out?: string;
  latency: boolean;
  html?: string;
  color?: boolean;
}

/** A commander parser for a positive number (decimals allowed) up to `max`. */
export function positiveNumber(max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > max) {
      throw new InvalidArgumentError(
        `expected a number above 0 and at most ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

/**
 * The dialect `--dialect FILE|NAME` names (canonical without one), built for the fixture: it
 * travels to worker threads as its plain spec.
 */
export function dialectFor(name: string | undefined, fixture: Fixture | undefined): Dialect {
  try {
    const spec = resolveDialectSpec(name ?? 'canonical');
    return dialectFromSpec(spec, fixture === undefined ? {} : { fixture });
  } catch (error) {
    asUsage(error);
  }
}

/** A commander parser from one of load/'s parsers: its error message becomes commander's. */
export function parsedBy<T>(parse: (text: string) => T): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** Errors of the load generator's inputs are usage errors: exit 2 with their message. */
export function asUsage(error: unknown): never {
  if (
    error instanceof LoadOptionError ||
    error instanceof WorkloadError ||
    error instanceof RemoteTargetError ||
    error instanceof ShardError ||
    error instanceof LocalAddressError ||
    error instanceof RampError ||
    error instanceof DialectError ||
    error instanceof LoadSetupError ||
    error instanceof ResultFileError ||
    error instanceof MergeError ||
    error instanceof HistogramDecodeError
  ) {
    throw new UsageError(error.message, { cause: error });
  }
  throw error;
}

/** `-t, --timeout`, the same for a load run and for a drain. */
export function timeoutOption(): Option {
  return new Option('-t, --timeout <ms>', 'a reply or connect slower than this is a timeout')
    .argParser(integerOption(1, 3_600_000))
    .default(DEFAULT_TIMEOUT_MS);
}

/** `--max-reply`, the same for a load run and for a drain. */
export function maxReplyOption(): Option {
  return new Option('--max-reply <bytes>', 'longest reply accepted')
    .argParser(integerOption(1024, 1024 ** 3))
    .default(DEFAULT_MAX_REPLY_BYTES);
}
