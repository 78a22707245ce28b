/**
 * A server's score, as an instructor's grade book wants it: MUST requirements met, SHOULD
 * requirements met (each out of every requirement of its level, so that every server of a run
 * has the same totals), and commands implemented. A MUST is met when the behaviour was right
 * (PASS, or NON-STRICT: only a SHOULD-level text differed); a SHOULD only on PASS. An UNTESTED
 * requirement is unmet. Points under a rubric are grading/grade.ts.
 */
import { COMMAND_NAMES, type CommandName } from '../specs/index.js';
import type { RequirementResult, RunResult } from '../results/run.js';

export interface Score {
  readonly mustMet: number;
  readonly mustTotal: number;
  readonly shouldMet: number;
  readonly shouldTotal: number;
  readonly commandsImplemented: number;
  /** Commands the run had a scenario for (at most the eight). */
  readonly commandsTested: number;
  /** Commands the server answered as unknown in every scenario of theirs. */
  readonly unimplemented: readonly CommandName[];
}

const MUST_MET = new Set<RequirementResult['verdict']>(['PASS', 'NON-STRICT', 'INFORMATIONAL']);
const SHOULD_MET = new Set<RequirementResult['verdict']>(['PASS', 'INFORMATIONAL']);

export function scoreOf(result: Pick<RunResult, 'requirements' | 'scenarios'>): Score {
  const must = result.requirements.filter((r) => r.level === 'MUST');
  const should = result.requirements.filter((r) => r.level === 'SHOULD');
  const tested: CommandName[] = [];
  const unimplemented: CommandName[] = [];
  for (const command of COMMAND_NAMES) {
    const ran = result.scenarios.filter((s) => s.group === command && s.notRun === undefined);
    if (ran.length === 0) continue;
    tested.push(command);
    if (ran.every((s) => s.verdict === 'UNIMPLEMENTED')) unimplemented.push(command);
  }
  return {
    mustMet: must.filter((r) => MUST_MET.has(r.verdict)).length,
    mustTotal: must.length,
    shouldMet: should.filter((r) => SHOULD_MET.has(r.verdict)).length,
    shouldTotal: should.length,
    commandsImplemented: tested.length - unimplemented.length,
    commandsTested: tested.length,
    unimplemented,
  };
}
