/**
 * What a curve run returns (`chatspec-load-ramp/1`): each step's judgement and the knee they
 * show. One shape for a run and for merged shard files, so one renderer serves both.
 */
import type { Slo } from './plan.js';
import type { RampStep } from './step.js';

export const RAMP_FORMAT = 'chatspec-load-ramp/1';

export interface Knee {
  /** The highest rate that passed; null when even the first step failed. */
  readonly ratePerSec: number | null;
  /** The lowest rate that failed; null when every step passed. */
  readonly failedAtPerSec: number | null;
  /** Why the search or ramp ended where it did, in a sentence. */
  readonly note: string;
}

export interface RampResult {
  readonly format: typeof RAMP_FORMAT;
  readonly mode: 'ramp' | 'knee';
  readonly target: string;
  readonly slo: Slo | null;
  /** Each step's duration. */
  readonly stepDurationMs: number;
  readonly steps: readonly RampStep[];
  readonly knee: Knee;
}

/** The knee a list of steps shows: the highest passing rate below the lowest failing one. */
export function kneeOf(steps: readonly RampStep[], mode: 'ramp' | 'knee'): Knee {
  const sorted = [...steps].sort((a, b) => a.offeredPerSec - b.offeredPerSec);
  const firstFail = sorted.find((s) => !s.passed);
  const passing = sorted.filter(
    (s) => s.passed && (firstFail === undefined || s.offeredPerSec < firstFail.offeredPerSec),
  );
  const best = passing[passing.length - 1];
  const ratePerSec = best?.offeredPerSec ?? null;
  const failedAtPerSec = firstFail?.offeredPerSec ?? null;
  const note =
    ratePerSec === null
      ? `even the lowest rate (${sorted[0]?.offeredPerSec ?? 0}/s) failed: the knee is below it`
      : failedAtPerSec === null
        ? `every rate passed up to ${ratePerSec}/s: the knee is above it${mode === 'knee' ? '' : ' (raise TO)'}`
        : `passes at ${ratePerSec}/s, fails at ${failedAtPerSec}/s`;
  return { ratePerSec, failedAtPerSec, note };
}
