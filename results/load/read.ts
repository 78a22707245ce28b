/**
 * Reads results written by `chatspec load --json/--out` back for `chatspec load merge`: the
 * report's `raw` part (or a bare raw result), checked field by field so that a wrong or
 * damaged file is a clear error naming the file and the field, never a wrong merge.
 */
import { jsonValue, readInputText } from '../../specs/index.js';
import { z } from 'zod';
import { RAW_FORMAT, type RawLoadResult } from './raw.js';
import { COMMAND_OPS } from './ops.js';

export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
}

const count = z.number().int().min(0);
const encoded = z.string().min(1).max(10_000_000);
const seqList = z.array(z.number().int()).max(100_000_000);

const outcomes = {
  sent: count,
  ok: count,
  errorReplies: count,
  timeouts: count,
  connectionErrors: count,
  protocolViolations: count,
  unfinished: count,
};

const commandSchema = z.object({
  ...outcomes,
  mismatches: count,
  latency: encoded,
  latencyUncorrected: encoded.optional(),
});

const ledgerSchema = z.object({
  groups: z.record(z.string(), z.array(z.string())),
  streams: z.array(
    z.object({
      key: z.string(),
      sender: z.string(),
      kind: z.enum(['p', 'g']),
      targets: z.array(z.string()).min(1),
      sent: count,
      acked: seqList,
      refused: seqList,
    }),
  ),
  reads: z.array(
    z.object({
      recipient: z.string(),
      key: z.string(),
      stream: z.string(),
      // [first, step, count] runs; the count is bounded so a file cannot make us allocate wildly.
      seqs: seqList.refine(
        (runs) =>
          runs.length % 3 === 0 && runs.every((v, i) => i % 3 !== 2 || (v >= 0 && v <= 10_000_000)),
        'must be [first, step, count] triples',
      ),
    }),
  ),
  foreignEntries: count,
  incompleteInboxReads: count,
  drainStartedAtMs: z.number().nullable().optional(),
});

const rawSchema = z.object({
  format: z.literal(RAW_FORMAT),
  runIds: z.array(z.string().min(1)).min(1),
  title: z.string().nullable(),
  target: z.string(),
  workload: z.object({
    name: z.string(),
    description: z.string(),
    mix: z.string(),
    fileSizeBytes: count,
    messageBytes: count,
  }),
  connections: count,
  shard: z
    .object({ index: count, count: z.number().int().min(1) })
    .refine((s) => s.index < s.count, 'index must be below count')
    .optional(),
  kind: z.literal('drain').optional(),
  pipelining: count,
  ratePerSec: z.number().positive().nullable(),
  workers: count,
  seed: count,
  // A drain result has none: it is not load.
  intervals: z.array(z.tuple([z.number(), z.number()])),
  totals: z.object({ ...outcomes, mismatches: count, bytesRead: count, bytesWritten: count }),
  commands: z.partialRecord(z.enum(COMMAND_OPS as [string, ...string[]]), commandSchema),
  latency: encoded,
  latencyUncorrected: encoded.optional(),
  connects: z.object({
    attempts: count,
    ok: count,
    failed: count,
    dropped: count,
    latency: encoded,
  }),
  samples: z.array(z.tuple([z.number().int(), count, count])),
  problems: z.record(z.string(), count),
  stoppedEarly: z.boolean(),
  audit: ledgerSchema.optional(),
});

/** Validates a parsed result document: a report with `raw`, or a raw result. */
export function rawFromDocument(value: unknown, source: string): RawLoadResult {
  const candidate =
    value !== null && typeof value === 'object' && 'raw' in value
      ? (value as { raw: unknown }).raw
      : value;
  const format =
    candidate !== null && typeof candidate === 'object'
      ? (candidate as { format?: unknown }).format
      : undefined;
  if (format !== RAW_FORMAT) {
    // Not a load result at all (another report, a stray JSON file): one line, not its fields.
    throw new ResultFileError(
      `${source}: not a chatspec load result: "format" is ${JSON.stringify(format) ?? 'missing'}, not "${RAW_FORMAT}" (write one with \`chatspec load --json\`)`,
    );
  }
  const parsed = rawSchema.safeParse(candidate);
  if (!parsed.success) {
    // The first line names the first problem and its place; the others follow.
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `raw.${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    const rest = problems.slice(1).map((p) => `\n  ${p}`);
    throw new ResultFileError(
      `${source}: ${problems[0]} (not a chatspec load result; write one with \`chatspec load --json\`)${rest.join('')}`,
    );
  }
  return parsed.data as RawLoadResult;
}

export async function readResultFile(path: string): Promise<RawLoadResult> {
  const text = await readInputText(path, '', ResultFileError);
  return rawFromDocument(jsonValue(text, path, ResultFileError), path);
}
