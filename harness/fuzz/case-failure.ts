/**
 * The error a case throws when the server broke a rule: fast-check shrinks on it and hands
 * the last one back with the counterexample, so it carries everything the report needs.
 * Anything else thrown inside a case is the fuzzer's own bug and is never taken for a verdict.
 */
import type { RequirementId } from '../../specs/index.js';
import type { Verdict } from '../result.js';
import type { FailureDetail } from './result.js';

export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
  readonly verdict: Verdict;
  readonly requirement: RequirementId | undefined;
  readonly detail: FailureDetail;

  constructor(
    verdict: Verdict,
    reason: string,
    requirement: RequirementId | undefined,
    detail: FailureDetail,
  ) {
    super(reason);
    this.verdict = verdict;
    this.requirement = requirement;
    this.detail = detail;
  }
}

/** The fuzzer could not work (no server to talk to, a fixture the server rejects): exit 2. */
export class FuzzSetupError extends Error {
  override readonly name = 'FuzzSetupError';
}
