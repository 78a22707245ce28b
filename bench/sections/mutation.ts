/**
 * `npm run mutation` (`npm run bench -- mutation`): the mutation score. The harness runs
 * against every defect of the reference server's catalogue and must catch each with a
 * scenario that names the broken requirement; against the clean server, 20 runs must give
 * nothing but PASS and INFORMATIONAL.
 */
import { runClean, runMutation, type DefectScore } from '../mutation/score.js';
import type { BenchResult, BenchSection } from '../section.js';

const CLEAN_RUNS = 20;
const SHOWN_CATCHES = 3;

function describeScore(score: DefectScore, width: number): string {
  if (score.allowed) {
    return `${score.defect.padEnd(width)}  allowed: ${score.unfair.length === 0 ? 'no FAIL or ERROR' : `UNFAIR ${score.unfair.join(', ')}`}`;
  }
  if (!score.caught)
    return `${score.defect.padEnd(width)}  NOT CAUGHT (${score.otherFindings} unrelated findings)`;
  const shown = score.catches
    .slice(0, SHOWN_CATCHES)
    .map((c) => `${c.scenario} [${c.verdict}]`)
    .join(', ');
  const more =
    score.catches.length > SHOWN_CATCHES ? ` +${score.catches.length - SHOWN_CATCHES} more` : '';
  return `${score.defect.padEnd(width)}  ${shown}${more}`;
}

export const mutationSection: BenchSection = {
  name: 'mutation',
  description: 'defects caught by the harness, and the clean server left alone',
  async run(): Promise<BenchResult> {
    const mutation = await runMutation();
    const clean = await runClean(CLEAN_RUNS);
    const width = Math.max(...mutation.scores.map((s) => s.defect.length));
    const missed = mutation.scores.filter((s) => !s.caught && !s.allowed).map((s) => s.defect);
    return {
      section: 'mutation',
      figures: [
        { name: 'defects caught', value: mutation.caught, unit: `of ${mutation.total}` },
        {
          name: 'mutation score',
          value: Math.round((mutation.caught / mutation.total) * 1000) / 10,
          unit: '%',
        },
        {
          name: `clean-server findings over ${clean.runs} runs`,
          value: clean.findings.length,
          unit: 'scenarios',
        },
      ],
      summary: [
        `score: ${mutation.caught}/${mutation.total} defects caught${missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''}`,
        'defect, then the scenarios that caught it [verdict]:',
        ...mutation.scores.map((s) => `  ${describeScore(s, width)}`),
        `clean server, ${clean.runs} runs: ${
          clean.findings.length === 0
            ? 'only PASS and INFORMATIONAL'
            : clean.findings
                .map((f) => `run ${f.run} ${f.scenario} [${f.verdict}] ${f.reason}`)
                .join('; ')
        }`,
      ],
      metAim: missed.length === 0 && mutation.unfairToAllowed === 0 && clean.findings.length === 0,
    };
  },
};
