/**
 * A saved fuzz-report.json, checked before it is rendered: the fields the renderers read,
 * with their types, so a damaged file is an error naming the field, not a broken page.
 * Fields it does not know are kept.
 */
import { z } from 'zod';
import { VERDICTS } from '../results/run.js';
import type { FuzzResult } from '../results/fuzz.js';
import { formatPath } from './parse.js';

const step = z.looseObject({
  index: z.number(),
  connection: z.string(),
  request: z.string(),
  expected: z.string(),
  actual: z.string(),
  verdict: z.enum(VERDICTS),
  reason: z.string(),
  requirement: z.string().optional(),
});
const steps = z.array(step);

const detail = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('sequential'), setup: steps, steps }),
  z.looseObject({
    kind: z.literal('parallel'),
    setup: steps,
    prefix: steps,
    branches: z.array(steps),
    epilogue: steps,
    explanation: z.string(),
    closestOrder: z.string(),
  }),
  z.looseObject({
    kind: z.literal('framing'),
    chunks: z.array(z.looseObject({ what: z.string(), bytes: z.number(), shown: z.string() })),
    totalBytes: z.number(),
    close: z.enum(['fin', 'abrupt']),
    hex: z.string(),
    replies: z.array(z.string()),
    probe: steps,
  }),
]);

const fuzzSchema = z.looseObject({
  schemaVersion: z.literal(1),
  mode: z.string(),
  target: z.looseObject({ address: z.string(), embedded: z.boolean() }),
  seed: z.number(),
  settings: z.looseObject({ runs: z.number(), maxCommands: z.number(), timeoutMs: z.number() }),
  startedAt: z.string(),
  passed: z.boolean(),
  stats: z.looseObject({
    runs: z.number(),
    shrinkRuns: z.number(),
    commands: z.number(),
    requests: z.number(),
    durationMs: z.number(),
    commandsPerSec: z.number(),
    requestsPerSec: z.number(),
    inconclusive: z.number(),
  }),
  notes: z.array(
    z.looseObject({
      verdict: z.enum(VERDICTS),
      reason: z.string(),
      count: z.number(),
      example: z.looseObject({ request: z.string(), actual: z.string() }),
    }),
  ),
  failure: z
    .looseObject({
      verdict: z.enum(VERDICTS),
      reason: z.string(),
      seed: z.number(),
      path: z.string(),
      shrinks: z.number(),
      replayFlags: z.array(z.string()),
      detail,
    })
    .optional(),
});

export class FuzzReportFormatError extends Error {
  override readonly name = 'FuzzReportFormatError';
}

export function parseFuzzResult(value: unknown, source: string): FuzzResult {
  const parsed = fuzzSchema.safeParse(value);
  if (parsed.success) return parsed.data as unknown as FuzzResult;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `\n  ${formatPath(issue.path)}: ${issue.message}`)
    .join('');
  throw new FuzzReportFormatError(`${source} is not a valid chatspec fuzz report:${issues}`);
}
