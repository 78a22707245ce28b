/**
 * The error a case throws when the server broke a rule: fast-check shrinks on it and hands
 * the last one back with the counterexample, so it carries everything the report needs.
 * Anything else thrown inside a case is the fuzzer's own bug and is never taken for a verdict.
 */
import type { RequirementId } from '../../specs/index.js';
import type { Verdict } from '../../results/run.js';
import type { ExecutedStep } from './execute.js';
import type { FailureDetail } from '../../results/fuzz.js';

/** What the scenario export needs beyond the printed records. */
export type CaseSource =
  | { readonly kind: 'sequential'; readonly executed: readonly ExecutedStep[] }
  | {
      readonly kind: 'framing';
      readonly writes: readonly Buffer[];
      readonly close: 'fin' | 'abrupt';
    };

export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
  readonly verdict: Verdict;
  readonly requirement: RequirementId | undefined;
  readonly detail: FailureDetail;
  readonly source: CaseSource | undefined;

  constructor(
    verdict: Verdict,
    reason: string,
    requirement: RequirementId | undefined,
    detail: FailureDetail,
    source?: CaseSource,
  ) {
    super(reason);
    this.verdict = verdict;
    this.requirement = requirement;
    this.detail = detail;
    this.source = source;
  }
}

/** The fuzzer could not work (no server to talk to, a fixture the server rejects): exit 2. */
export class FuzzSetupError extends Error {
  override readonly name = 'FuzzSetupError';
}
