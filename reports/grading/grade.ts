/**
 * A server's score under a rubric: every requirement of the protocol listed with the points it
 * was worth, the points it earned, its verdict and the scenarios that gave it, so every point
 * lost can be traced. Every server of a run is scored out of the same total. A command the
 * server lacks earns nothing and its requirements stay in the total; a requirement the run
 * itself could not judge (the fixture lacks what its scenarios need, or it was not selected)
 * stays in the total at 0 and makes the score provisional, with what to change.
 */
import { REQUIREMENTS, type RequirementId } from '../../specs/index.js';
import { rubricCommand, type Rubric } from '../../specs/rubric/rubric.js';
import {
  culpritsOf,
  describeJudgedOn,
  type Grade,
  type GradeRow,
  type RequirementResult,
  type RunResult,
  type ScenarioResult,
} from '../../results/run.js';

/** Points are kept in hundredths, so the rows add up to the total exactly. */
const CENTS = 100;

const cents = (points: number): number => Math.round(points * CENTS);

interface Untested {
  readonly reason: string;
  /** Set when the run, not the server, left it unjudged: what to change. */
  readonly runProblem?: string;
}

function whyUntested(
  id: RequirementId,
  req: RequirementResult | undefined,
  byId: ReadonlyMap<string, ScenarioResult>,
): Untested {
  const mine = (req?.scenarios ?? []).flatMap((s) => byId.get(s) ?? []);
  if (mine.length === 0) {
    return {
      reason: 'not tested in this run',
      runProblem: `${id} was not tested: the run selected none of its scenarios (--only, --scenario); grade with the whole suite`,
    };
  }
  const fixture = mine.find((s) => s.notRun === 'fixture');
  if (fixture !== undefined) {
    return {
      reason: fixture.reason,
      runProblem: `${id} could not be judged: ${fixture.reason.replace(/^not run: /, '')}; give a fixture that has them (--fixture, or the grading file's fixture)`,
    };
  }
  const lacking = mine.flatMap((s) => s.missingCommands ?? []);
  if (lacking.length > 0) {
    const names = [...new Set(lacking)].map((c) => c.toLowerCase()).join(', ');
    return { reason: `not checkable: it needs ${names}, which the server lacks` };
  }
  return { reason: mine[0]!.reason };
}

function row(
  id: RequirementId,
  rubric: Rubric,
  req: RequirementResult | undefined,
  byId: ReadonlyMap<string, ScenarioResult>,
): { row: GradeRow; earnedCents: number; runProblem?: string } {
  const spec = REQUIREMENTS.find((r) => r.id === id)!;
  const possible = rubric.points[id] ?? 0;
  const verdict = req?.verdict ?? 'UNTESTED';
  let earnedCents = 0;
  let reason: string;
  let runProblem: string | undefined;
  switch (verdict) {
    case 'PASS':
    case 'INFORMATIONAL':
      earnedCents = cents(possible);
      reason = verdict === 'PASS' ? 'met' : 'recorded (a MAY, or informational)';
      break;
    case 'NON-STRICT':
      earnedCents = Math.round(cents(possible) * rubric.nonStrictCredit);
      reason = `a SHOULD missed: ${rubric.nonStrictCredit * 100}% of the points`;
      break;
    case 'UNIMPLEMENTED':
      reason = 'the server lacks the command: no points';
      break;
    case 'FAIL':
    case 'ERROR':
      reason = `${verdict}: no points`;
      break;
    case 'UNTESTED': {
      if (spec.judgedBy === 'process' && (req?.scenarios.length ?? 0) === 0) {
        // Judged only when chatspec launched the server: a server it dials is not at fault,
        // and its score is not provisional for it (the default rubric gives it no points).
        reason = 'judged only for a server chatspec launches (--run, chatspec grade)';
        break;
      }
      const why = whyUntested(id, req, byId);
      reason = `not judged: ${why.reason}`;
      runProblem = why.runProblem;
      break;
    }
  }
  if (req?.judgedOn !== undefined) reason += ` (${describeJudgedOn(req.judgedOn)})`;
  const evidence = req === undefined ? [] : culpritsOf(req, byId);
  return {
    row: {
      id,
      level: spec.level,
      command: rubricCommand(id),
      verdict,
      earned: earnedCents / CENTS,
      possible,
      reason,
      rule: rubric.rule[id] ?? 'no rule (0)',
      evidence,
      ...(req?.judgedOn !== undefined ? { judgedOn: req.judgedOn } : {}),
    },
    earnedCents,
    ...(runProblem !== undefined ? { runProblem } : {}),
  };
}

export function gradeOf(
  result: Pick<RunResult, 'requirements' | 'scenarios'>,
  rubric: Rubric,
): Grade {
  const byId = new Map(result.scenarios.map((s) => [s.id, s] as const));
  const byReq = new Map(result.requirements.map((r) => [r.id, r] as const));
  const rows = REQUIREMENTS.map((spec) => row(spec.id, rubric, byReq.get(spec.id), byId));
  const runProblems = rows.flatMap((r) => (r.runProblem === undefined ? [] : [r.runProblem]));
  return {
    rubric: rubric.name,
    earned: rows.reduce((sum, r) => sum + r.earnedCents, 0) / CENTS,
    possible: rows.reduce((sum, r) => sum + cents(r.row.possible), 0) / CENTS,
    provisional: runProblems.length > 0,
    runProblems,
    rows: rows.map((r) => r.row),
  };
}

/** `57.5 / 98`, with `(provisional)` where the run left requirements unjudged. */
export function gradeLine(grade: Grade): string {
  return `${grade.earned} / ${grade.possible} points (rubric ${grade.rubric})${grade.provisional ? ', provisional' : ''}`;
}
