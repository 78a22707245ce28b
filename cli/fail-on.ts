/**
 * `--fail-on must|should|never`: what makes a run exit 1. `must` (the default): any FAIL or
 * ERROR; `should`: also NON-STRICT and UNIMPLEMENTED (what `--strict` has always meant, and
 * still does); `never`: exit 0 whatever the verdicts, for jobs that only publish reports.
 */
import { runFailed, type VerdictCounts } from '../results/index.js';
import { UsageError } from './usage.js';

export const FAIL_ON = ['must', 'should', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The rule from `--fail-on` and `--strict` (an alias of `--fail-on should`). */
export function resolveFailOn(failOn: FailOn | undefined, strict: boolean): FailOn {
  if (strict && failOn !== undefined && failOn !== 'should') {
    throw new UsageError(`--strict means --fail-on should; it contradicts --fail-on ${failOn}`);
  }
  return strict ? 'should' : (failOn ?? 'must');
}

export function failsRun(summary: VerdictCounts, failOn: FailOn): boolean {
  return failOn === 'never' ? false : runFailed(summary, failOn === 'should');
}
