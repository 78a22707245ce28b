/**
 * How a run is divided: between processes (`--shard INDEX/COUNT`, one process per machine or
 * pod) and, inside a process, between worker threads. Every division is by connection: the
 * run's connections are numbered 0 … C-1 once, for the whole run, and a share is a contiguous
 * block of them. A connection's identity (its user, its targets, its seed, its message ids)
 * and its part of an `amount` depend only on its number, so N shards do exactly the work one
 * process with the same flags does, and their merged results can be compared with it.
 */
import type { Shard } from '../results/load/raw.js';
import type { LoadOptions } from './options.js';

/** The share a process or a worker runs. */
export interface RunShare {
  /** Global number of the share's first connection. */
  readonly connectionOffset: number;
  readonly connections: number;
  readonly ratePerSec: number | undefined;
  /** The sum of the share's connections' amounts; undefined: no amount. */
  readonly amount: number | undefined;
}

export const MAX_SHARDS = 10_000;

export class ShardError extends Error {
  override readonly name = 'ShardError';
}

/** Parses `INDEX/COUNT` (`0/3`, `2/3`). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1) || count > MAX_SHARDS || !(index < count)) {
    throw new ShardError(
      `--shard must be INDEX/COUNT with 0 <= INDEX < COUNT <= ${MAX_SHARDS} (e.g. 0/3), got "${text}"`,
    );
  }
  return { index, count };
}

/** Splits `total` into `parts` whole numbers that differ by at most one, larger ones first. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * How many requests connection `globalIndex` sends under an amount: the amount spread evenly
 * over all the run's connections, whichever process or thread runs them.
 */
export function connectionAmount(amount: number, connections: number, globalIndex: number): number {
  return Math.floor(amount / connections) + (globalIndex < amount % connections ? 1 : 0);
}

/** The share of connections `offset` … `offset + count - 1`. */
export function shareOf(options: LoadOptions, offset: number, count: number): RunShare {
  let amount: number | undefined;
  if (options.amount !== undefined) {
    amount = 0;
    for (let g = offset; g < offset + count; g++) {
      amount += connectionAmount(options.amount, options.connections, g);
    }
  }
  return {
    connectionOffset: offset,
    connections: count,
    ratePerSec:
      options.ratePerSec === undefined
        ? undefined
        : (options.ratePerSec * count) / options.connections,
    amount,
  };
}

/** This process's share: the whole run, or its shard's block of connections. */
export function processShare(options: LoadOptions): RunShare {
  const shard = options.shard;
  if (shard === undefined) return shareOf(options, 0, options.connections);
  const sizes = splitEvenly(options.connections, shard.count);
  let offset = 0;
  for (let i = 0; i < shard.index; i++) offset += sizes[i]!;
  return shareOf(options, offset, sizes[shard.index]!);
}

/** Divides a process's share between `parts` worker threads. */
export function divideShare(options: LoadOptions, share: RunShare, parts: number): RunShare[] {
  let offset = share.connectionOffset;
  return splitEvenly(share.connections, parts).map((count) => {
    const part = shareOf(options, offset, count);
    offset += count;
    return part;
  });
}
