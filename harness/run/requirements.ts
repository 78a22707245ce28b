/**
 * Per-requirement verdicts: each requirement's most severe verdict among the scenarios that
 * checked it, or UNTESTED. A scenario that was not checkable (a fixture without the roles, a
 * command it needs missing, a setup blocked by a fault reported elsewhere) says nothing about
 * the requirement and does not count, unless its verdict fails the run. One folded into
 * another's finding of the same fault counts with the verdict it had: the requirement it
 * tests is broken, even if the fault is reported once.
 */
import { REQUIREMENTS } from '../../specs/index.js';
import {
  foundVerdict,
  severity,
  type RequirementResult,
  type ScenarioResult,
  type Verdict,
} from '../../results/run.js';

function checked(s: ScenarioResult): boolean {
  return s.notRun === undefined || s.verdict === 'ERROR' || s.verdict === 'FAIL';
}

export function requirementResults(scenarios: readonly ScenarioResult[]): RequirementResult[] {
  return REQUIREMENTS.map((req) => {
    const mine = scenarios.filter((s) => s.requirements.includes(req.id));
    let verdict: Verdict | 'UNTESTED' = 'UNTESTED';
    for (const s of mine.filter(checked)) {
      if (verdict === 'UNTESTED' || severity(foundVerdict(s)) > severity(verdict)) {
        verdict = foundVerdict(s);
      }
    }
    return {
      id: req.id,
      level: req.level,
      text: req.text,
      verdict,
      scenarios: mine.map((s) => s.id),
    };
  });
}
