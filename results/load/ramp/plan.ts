/**
 * What a curve run asks for: `--ramp FROM:TO[:STEPS]` (rates evenly spaced from FROM to TO,
 * each step run for the whole duration) and `--find-knee --slo p99=MS` (a search for the
 * highest rate the server keeps up with inside the SLO). Rates are requests per second over
 * the whole run, open loop.
 */
export interface RampPlan {
  readonly fromPerSec: number;
  readonly toPerSec: number;
  readonly steps: number;
}

/** A latency bound on one percentile of the corrected latency. */
export interface Slo {
  /** The percentile, as in `p99` or `p99.9`. */
  readonly percentile: SloPercentile;
  readonly maxMs: number;
}

export const SLO_PERCENTILES = ['p50', 'p90', 'p99', 'p99.9'] as const;
export type SloPercentile = (typeof SLO_PERCENTILES)[number];

export const DEFAULT_RAMP_STEPS = 5;
export const MAX_RAMP_STEPS = 100;
/** A knee search runs at most this many steps: doubling up, then halving the gap. */
export const MAX_KNEE_STEPS = 20;
/** The search stops when the gap between passing and failing rates is this small. */
export const KNEE_PRECISION = 0.05;
/** Replies per second below this share of the offered rate: the server fell behind. */
export const KEEPING_UP_RATIO = 0.9;
export const MAX_RATE_PER_SEC = 10_000_000;

export class RampError extends Error {
  override readonly name = 'RampError';
}

function rate(text: string, what: string, whole: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0) || n > MAX_RATE_PER_SEC) {
    throw new RampError(
      `--ramp ${what} must be a rate above 0 and at most ${MAX_RATE_PER_SEC} per second, got "${whole}"`,
    );
  }
  return n;
}

export function parseRamp(text: string): RampPlan {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.length > 3) {
    throw new RampError(`--ramp must be FROM:TO or FROM:TO:STEPS (e.g. 100:2000:8), got "${text}"`);
  }
  const fromPerSec = rate(parts[0]!, 'FROM', text);
  const toPerSec = rate(parts[1]!, 'TO', text);
  if (toPerSec < fromPerSec) {
    throw new RampError(`--ramp TO must not be below FROM, got "${text}"`);
  }
  const steps = parts[2] === undefined ? DEFAULT_RAMP_STEPS : Number(parts[2]);
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_RAMP_STEPS) {
    throw new RampError(
      `--ramp STEPS must be a whole number from 1 to ${MAX_RAMP_STEPS}, got "${text}"`,
    );
  }
  if (steps > 1 && fromPerSec === toPerSec) {
    throw new RampError(`--ramp with several steps needs TO above FROM, got "${text}"`);
  }
  return { fromPerSec, toPerSec, steps };
}

/** The rates of a ramp, evenly spaced, FROM and TO included. */
export function rampRates(plan: RampPlan): number[] {
  if (plan.steps === 1) return [plan.fromPerSec];
  const gap = (plan.toPerSec - plan.fromPerSec) / (plan.steps - 1);
  return Array.from({ length: plan.steps }, (_, i) => roundRate(plan.fromPerSec + i * gap));
}

/** Rates to two decimals: a rate is a setting, not a measurement. */
export function roundRate(perSec: number): number {
  return Math.round(perSec * 100) / 100;
}

export function parseSlo(text: string): Slo {
  const m = /^\s*(p50|p90|p99|p99\.9)\s*=\s*(\d+(?:\.\d+)?)\s*(?:ms)?\s*$/i.exec(text);
  const maxMs = Number(m?.[2]);
  if (m === null || !(maxMs > 0)) {
    throw new RampError(
      `--slo must be PERCENTILE=MS with PERCENTILE one of ${SLO_PERCENTILES.join(', ')} (e.g. p99=50), got "${text}"`,
    );
  }
  return { percentile: m[1]!.toLowerCase() as SloPercentile, maxMs };
}
