/** Scenario ids by what each found, for tests that state a run's findings in one literal. */
import { foundVerdict, type RunResult, type Verdict } from '../../../results/index.js';

/**
 * Scenario ids by verdict, a scenario folded into another's finding of the same fault under
 * the verdict it had; only the verdicts `keep` accepts (all but PASS by default).
 */
export function byFoundVerdict(
  result: RunResult,
  keep: (verdict: Verdict) => boolean = (verdict) => verdict !== 'PASS',
): Partial<Record<Verdict, string[]>> {
  const out: Partial<Record<Verdict, string[]>> = {};
  for (const s of result.scenarios) {
    const verdict = foundVerdict(s);
    if (keep(verdict)) (out[verdict] ??= []).push(s.id);
  }
  return out;
}
