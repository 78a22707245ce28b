/**
 * Per-requirement verdicts, by the rule in verify/attribution.ts: each requirement gets the
 * most severe verdict its scenarios' checks gave it (a text miss judges the text rules only),
 * UNIMPLEMENTED only when every scenario of it needed a command the server lacks, UNTESTED
 * when none could run. A scenario that was not checkable (a fixture without the roles, a
 * command it needs missing, a setup blocked by a fault reported elsewhere) says nothing about
 * the requirement and does not count, unless its verdict fails the run. One folded into
 * another's finding of the same fault counts with the verdict it had: the requirement it
 * tests is broken, even if the fault is reported once.
 */
import { REQUIREMENTS } from '../../../specs/index.js';
import { verdictFor, type RequirementResult, type ScenarioResult } from '../../../results/run.js';
import { rollUp } from '../verify/attribution.js';

function checked(s: ScenarioResult): boolean {
  return s.notRun === undefined || s.verdict === 'ERROR' || s.verdict === 'FAIL';
}

export function requirementResults(scenarios: readonly ScenarioResult[]): RequirementResult[] {
  return REQUIREMENTS.map((req) => {
    const mine = scenarios.filter(
      (s) => s.requirements.includes(req.id) || s.judged?.[req.id] !== undefined,
    );
    const { verdict, judgedOn } = rollUp(
      mine.map((s) => ({ verdict: verdictFor(s, req.id), command: s.command, counts: checked(s) })),
    );
    return {
      id: req.id,
      level: req.level,
      text: req.text,
      verdict,
      scenarios: mine.map((s) => s.id),
      ...(judgedOn !== undefined ? { judgedOn } : {}),
    };
  });
}
