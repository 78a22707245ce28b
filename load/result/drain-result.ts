/**
 * `chatspec load drain`: the final step of a sharded audit as a result of its own. Once every
 * shard has finished, every fixture user's inbox is read until empty; the reads go into a
 * ledger, wrapped in a raw result with no load in it (no requests, no interval), which
 * `chatspec load merge` adds to the shards' results before the audit is judged.
 */
import { randomBytes } from 'node:crypto';
import { drainInboxes, type DrainOptions } from '../audit/drain.js';
import { createLatencyHistogram, encodeHistogram } from '../../results/load/histograms.js';
import { RAW_FORMAT, zeroOutcomes, type RawLoadResult } from '../../results/load/raw.js';

export async function drainResult(
  options: DrainOptions & { readonly title?: string },
): Promise<RawLoadResult> {
  const drained = await drainInboxes(options);
  const empty = encodeHistogram(createLatencyHistogram());
  const problems: Record<string, number> = {};
  for (const p of drained.problems) problems[p] = (problems[p] ?? 0) + 1;
  return {
    format: RAW_FORMAT,
    kind: 'drain',
    runIds: [`drain-${randomBytes(4).toString('hex')}`],
    title: options.title ?? null,
    target: options.dialer.address,
    workload: {
      name: 'drain',
      description: 'every inbox read until empty',
      mix: '',
      fileSizeBytes: 0,
      messageBytes: 0,
    },
    connections: 0,
    pipelining: 1,
    ratePerSec: null,
    workers: 0,
    seed: 0,
    intervals: [],
    totals: { ...zeroOutcomes(), bytesRead: 0, bytesWritten: 0 },
    commands: {},
    latency: empty,
    connects: { attempts: 0, ok: 0, failed: 0, dropped: 0, latency: empty },
    samples: [],
    problems,
    stoppedEarly: false,
    audit: drained.ledger,
  };
}
