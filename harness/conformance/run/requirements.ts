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
  // Each requirement's scenarios in run order, found in one pass over the scenarios.
  const byRequirement = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) {
    const ids = new Set<string>(s.requirements);
    for (const id of Object.keys(s.judged ?? {})) {
      if (s.judged?.[id as keyof typeof s.judged] !== undefined) ids.add(id);
    }
    for (const id of ids) {
      const list = byRequirement.get(id);
      if (list === undefined) byRequirement.set(id, [s]);
      else list.push(s);
    }
  }
  return REQUIREMENTS.map((req) => {
    const mine = byRequirement.get(req.id) ?? [];
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
