/**
 * The one aggregation path: one engine, many workers, or files from several processes or
 * machines all become one raw result here. Counts add; histograms add bucket by bucket (so
 * merged percentiles are exact, not averages of percentiles); per-second samples of the same
 * wall-clock second add (engines that ran side by side) and others are kept (engines that ran
 * one after the other); audit ledgers are concatenated and judged only after the merge.
 */
import { mergeLedgers } from './audit/ledger.js';
import { sumEncodedLatency } from './histograms.js';
import type { CommandOp } from './ops.js';
import { COMMAND_OPS } from './ops.js';
import { RAW_FORMAT, type RawCommandResult, type RawLoadResult } from './raw.js';

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

const OUTCOME_KEYS = [
  'sent',
  'ok',
  'errorReplies',
  'timeouts',
  'connectionErrors',
  'protocolViolations',
  'unfinished',
  'mismatches',
] as const;

function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  let n = 0;
  for (const item of items) n += value(item);
  return n;
}

function same<T>(values: readonly T[], mixed: T): T {
  return values.every((v) => v === values[0]) ? values[0]! : mixed;
}

function mergeCommand(parts: readonly RawCommandResult[], what: string): RawCommandResult {
  const counts = Object.fromEntries(
    OUTCOME_KEYS.map((k) => [k, sumBy(parts, (p) => p[k])]),
  ) as Record<(typeof OUTCOME_KEYS)[number], number>;
  const uncorrected = parts.flatMap((p) =>
    p.latencyUncorrected === undefined ? [] : [p.latencyUncorrected],
  );
  return {
    ...counts,
    latency: sumEncodedLatency(
      parts.map((p) => p.latency),
      `${what} latency`,
    ),
    ...(uncorrected.length > 0
      ? { latencyUncorrected: sumEncodedLatency(uncorrected, `${what} uncorrected latency`) }
      : {}),
  };
}

/** Adds the samples of each wall-clock second. */
function mergeSamples(
  lists: ReadonlyArray<RawLoadResult['samples']>,
): Array<readonly [number, number, number]> {
  const bySecond = new Map<number, [number, number, number]>();
  for (const list of lists) {
    for (const [second, requests, bytes] of list) {
      const known = bySecond.get(second);
      if (known === undefined) bySecond.set(second, [second, requests, bytes]);
      else {
        known[1] += requests;
        known[2] += bytes;
      }
    }
  }
  return [...bySecond.values()].sort((a, b) => a[0] - b[0]);
}

function mergeProblems(lists: ReadonlyArray<RawLoadResult['problems']>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const problems of lists) {
    for (const [text, count] of Object.entries(problems)) out[text] = (out[text] ?? 0) + count;
  }
  return out;
}

/**
 * Shards of one run: all of the same count, none twice. A missing shard is reported (the
 * merge is then not the whole run) rather than refused: a pod that failed should not hide
 * what the others measured.
 */
function checkShards(load: readonly RawLoadResult[]): Record<string, number> {
  const shards = load.flatMap((p) => (p.shard ? [p.shard] : []));
  if (shards.length === 0) return {};
  if (shards.length !== load.length) {
    throw new MergeError('cannot merge results of a sharded run with results of a whole run');
  }
  const count = shards[0]!.count;
  if (shards.some((s) => s.count !== count)) {
    const counts = [...new Set(shards.map((s) => s.count))].join(', ');
    throw new MergeError(`shards of runs of different sizes (${counts} shards): one run at a time`);
  }
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s.index)) {
      throw new MergeError(
        `shard ${s.index}/${count} appears twice: give each shard's result once`,
      );
    }
    seen.add(s.index);
  }
  const problems: Record<string, number> = {};
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const list = missing
      .slice(0, 10)
      .map((i) => `${i}/${count}`)
      .join(', ');
    problems[
      `shards missing from the merge (not the whole run): ${list}${missing.length > 10 ? ', …' : ''}`
    ] = missing.length;
  }
  if (new Set(load.map((p) => p.seed)).size > 1) {
    problems['the shards ran with different seeds: pass the same --seed to every shard'] = 1;
  }
  return problems;
}

/**
 * Merges raw results. `workers` is how many worker threads the merged run used: the pool
 * passes its count when it merges its own workers' results, which are all one process's share
 * (of one shard, if the process is one); files keep the sum of theirs.
 */
export function mergeRawResults(
  parts: readonly RawLoadResult[],
  options: { readonly workers?: number } = {},
): RawLoadResult {
  if (parts.length === 0) throw new MergeError('nothing to merge');
  for (const part of parts) {
    if (part.format !== RAW_FORMAT) {
      throw new MergeError(`cannot merge a result of format ${JSON.stringify(part.format)}`);
    }
  }
  const runIds = parts.flatMap((p) => p.runIds);
  const duplicate = runIds.find((id, i) => runIds.indexOf(id) !== i);
  if (duplicate !== undefined) {
    throw new MergeError(
      `run ${duplicate} appears twice: the same result was given more than once`,
    );
  }
  if (parts.length === 1 && options.workers === undefined) return parts[0]!;
  // A drain result brings only its ledger; everything describing the load comes from the rest.
  const load = parts.filter((p) => p.kind !== 'drain');
  if (load.length === 0) {
    throw new MergeError('only drain results: merge them with the load results they drain');
  }
  // A process's workers share its shard; shards are checked where processes are merged.
  const ownWorkers = options.workers !== undefined;
  const shardProblems = ownWorkers ? {} : checkShards(load);

  const commands: Partial<Record<CommandOp, RawCommandResult>> = {};
  for (const op of COMMAND_OPS) {
    const present = parts.flatMap((p) => (p.commands[op] ? [p.commands[op]] : []));
    if (present.length > 0) commands[op] = mergeCommand(present, op);
  }
  const uncorrected = parts.flatMap((p) =>
    p.latencyUncorrected === undefined ? [] : [p.latencyUncorrected],
  );
  const rates = load.map((p) => p.ratePerSec);
  const ledgers = parts.flatMap((p) => (p.audit ? [p.audit] : []));
  const first = load[0]!;
  return {
    format: RAW_FORMAT,
    runIds,
    title: same(
      load.map((p) => p.title),
      first.title,
    ),
    target: same(
      load.map((p) => p.target),
      [...new Set(load.map((p) => p.target))].join(', '),
    ),
    workload: load.every((p) => p.workload.mix === first.workload.mix)
      ? first.workload
      : {
          ...first.workload,
          name: 'mixed',
          description: `several workloads: ${[...new Set(load.map((p) => p.workload.name))].join(', ')}`,
          mix: [...new Set(load.map((p) => p.workload.mix))].join(' | '),
        },
    connections: sumBy(load, (p) => p.connections),
    pipelining: Math.max(...load.map((p) => p.pipelining)),
    ratePerSec: rates.every((r) => r === null) ? null : sumBy(rates, (r) => r ?? 0),
    workers: options.workers ?? sumBy(parts, (p) => p.workers),
    ...(ownWorkers && first.shard !== undefined ? { shard: first.shard } : {}),
    seed: first.seed,
    intervals: parts.flatMap((p) => p.intervals),
    totals: {
      ...(Object.fromEntries(
        OUTCOME_KEYS.map((k) => [k, sumBy(parts, (p) => p.totals[k])]),
      ) as Record<(typeof OUTCOME_KEYS)[number], number>),
      bytesRead: sumBy(parts, (p) => p.totals.bytesRead),
      bytesWritten: sumBy(parts, (p) => p.totals.bytesWritten),
    },
    commands,
    latency: sumEncodedLatency(
      parts.map((p) => p.latency),
      'latency',
    ),
    ...(uncorrected.length > 0
      ? { latencyUncorrected: sumEncodedLatency(uncorrected, 'uncorrected latency') }
      : {}),
    connects: {
      attempts: sumBy(parts, (p) => p.connects.attempts),
      ok: sumBy(parts, (p) => p.connects.ok),
      failed: sumBy(parts, (p) => p.connects.failed),
      dropped: sumBy(parts, (p) => p.connects.dropped),
      latency: sumEncodedLatency(
        parts.map((p) => p.connects.latency),
        'connect latency',
      ),
    },
    samples: mergeSamples(parts.map((p) => p.samples)),
    problems: mergeProblems([...parts.map((p) => p.problems), shardProblems]),
    stoppedEarly: parts.some((p) => p.stoppedEarly),
    ...(ledgers.length > 0 ? { audit: mergeLedgers(ledgers) } : {}),
  };
}
