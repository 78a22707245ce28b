/** Per-requirement verdicts: each requirement's most severe scenario verdict, or UNTESTED. */
import { REQUIREMENTS } from '../../specs/index.js';
import { severity, type RequirementResult, type ScenarioResult, type Verdict } from '../result.js';

export function requirementResults(scenarios: readonly ScenarioResult[]): RequirementResult[] {
  return REQUIREMENTS.map((req) => {
    const mine = scenarios.filter((s) => s.requirements.includes(req.id));
    let verdict: Verdict | 'UNTESTED' = 'UNTESTED';
    for (const s of mine) {
      if (verdict === 'UNTESTED' || severity(s.verdict) > severity(verdict)) verdict = s.verdict;
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
