/**
 * Ramp results of several shards (each ran the same rates on its share of the connections)
 * merged step by step: each step's raw results merged exactly (results/load/merge.ts), then
 * judged again as one step. Also reads ramp files back, checking every step's raw result.
 */
import { MergeError, mergeRawResults } from '../merge.js';
import { ResultFileError, rawFromDocument } from '../read.js';
import type { RawLoadResult } from '../raw.js';
import { summarize } from '../summary.js';
import { parseSlo, type Slo } from './plan.js';
import { RAMP_FORMAT, kneeOf, type RampResult } from './result.js';
import { judgeStep } from './step.js';

/** A ramp file as merge needs it: the raw result of each step and its offered rate. */
export interface RampDocument {
  readonly mode: 'ramp' | 'knee';
  readonly target: string;
  readonly slo: Slo | null;
  readonly stepDurationMs: number;
  readonly steps: ReadonlyArray<{ readonly offeredPerSec: number; readonly raw: RawLoadResult }>;
}

export function isRampDocument(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { format?: unknown }).format === RAMP_FORMAT
  );
}

export function rampFromDocument(value: unknown, source: string): RampDocument {
  const doc = value as Partial<RampResult> & { steps?: unknown };
  if (!isRampDocument(value) || !Array.isArray(doc.steps)) {
    throw new ResultFileError(`${source}: not a chatspec ramp result (${RAMP_FORMAT})`);
  }
  const steps = (doc.steps as unknown[]).map((step, i) => {
    const offered = (step as { offeredPerSec?: unknown } | null)?.offeredPerSec;
    if (typeof offered !== 'number' || !(offered > 0)) {
      throw new ResultFileError(`${source}: step ${i + 1} has no offered rate`);
    }
    return {
      offeredPerSec: offered,
      raw: rawFromDocument((step as { report?: unknown }).report, `${source} step ${i + 1}`),
    };
  });
  const slo = doc.slo ? parseSlo(`${doc.slo.percentile}=${doc.slo.maxMs}`) : null;
  return {
    mode: doc.mode === 'knee' ? 'knee' : 'ramp',
    target: String(doc.target ?? ''),
    slo,
    stepDurationMs: Number(doc.stepDurationMs ?? 0),
    steps,
  };
}

export function mergeRampDocuments(docs: readonly RampDocument[]): RampResult {
  if (docs.length === 0) throw new MergeError('nothing to merge');
  const first = docs[0]!;
  for (const doc of docs) {
    const rates = doc.steps.map((s) => s.offeredPerSec).join(', ');
    const expected = first.steps.map((s) => s.offeredPerSec).join(', ');
    if (rates !== expected) {
      throw new MergeError(
        `ramps with different steps cannot be merged (${expected} vs ${rates} per second)`,
      );
    }
  }
  const slo = first.slo ?? undefined;
  const steps = first.steps.map((step, i) =>
    judgeStep(
      step.offeredPerSec,
      summarize(mergeRawResults(docs.map((d) => d.steps[i]!.raw))),
      slo,
    ),
  );
  return {
    format: RAMP_FORMAT,
    mode: first.mode,
    target: [...new Set(docs.map((d) => d.target))].join(', '),
    slo: first.slo,
    stepDurationMs: first.stepDurationMs,
    steps,
    knee: kneeOf(steps, first.mode),
  };
}
