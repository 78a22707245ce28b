/**
 * Gradescope's autograder results.json: one test per requirement, with its points, the
 * reason and the evidence (the caller masks passwords first, as for every report), and the total. Format:
 * https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format").
 */
import type { Grade, RunResult, ScenarioResult } from '../../results/run.js';
import { gradeLine } from './grade.js';

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly tags: readonly string[];
  readonly visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly visibility: GradescopeVisibility;
  readonly stdout_visibility: GradescopeVisibility;
  readonly tests: readonly GradescopeTest[];
}

/** At most this much evidence per test: Gradescope shows it on one page per submission. */
const MAX_OUTPUT_CHARS = 4000;

/** A scenario's reason and evidence (from a result whose passwords are already masked). */
function evidenceOf(scenario: ScenarioResult): string {
  return [
    `${scenario.id}: ${scenario.verdict} — ${scenario.reason}`,
    ...(scenario.expected !== undefined ? [`  expected: ${scenario.expected}`] : []),
    ...(scenario.actual !== undefined ? [`  actual:   ${scenario.actual}`] : []),
  ].join('\n');
}

export function renderGradescope(
  result: Pick<RunResult, 'scenarios' | 'durationMs'> & { readonly grade: Grade },
  visibility: GradescopeVisibility = 'visible',
): GradescopeResults {
  const { grade } = result;
  const byId = new Map(result.scenarios.map((s) => [s.id, s] as const));
  const tests = grade.rows.map((row): GradescopeTest => {
    const evidence =
      row.earned < row.possible ? row.evidence.flatMap((id) => byId.get(id) ?? []) : [];
    const output = [`${row.verdict}: ${row.reason}`, ...evidence.map(evidenceOf)].join('\n');
    return {
      name: `${row.id} (${row.level}, ${row.command === 'all' ? 'all commands' : row.command.toLowerCase()})`,
      number: row.id,
      score: row.earned,
      max_score: row.possible,
      status: row.earned >= row.possible ? 'passed' : 'failed',
      output: output.length > MAX_OUTPUT_CHARS ? `${output.slice(0, MAX_OUTPUT_CHARS)}\n…` : output,
      tags: [row.level, row.command],
      visibility,
    };
  });
  return {
    score: grade.earned,
    execution_time: Math.round(result.durationMs / 1000),
    output: [gradeLine(grade), ...grade.runProblems].join('\n'),
    visibility,
    stdout_visibility: 'hidden',
    tests,
  };
}
