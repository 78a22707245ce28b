import { describe, expect, it } from 'vitest';
import { REQUIREMENTS, SEED_FIXTURE, Secrets } from '../../../specs/index.js';
import { defaultRubric, parseRubric } from '../../../specs/rubric/rubric.js';
import { requirementResults } from '../../../harness/conformance/run/requirements.js';
import { gradeOf } from '../../../reports/grading/grade.js';
import { renderGradebookCsv } from '../../../reports/grading/gradebook.js';
import { renderGradescope } from '../../../reports/grading/gradescope.js';
import { run, scenario } from '../factory.js';

const cents = (n: number) => Math.round(n * 100);

/** A run where every requirement has one scenario of this verdict, except those overridden. */
function runWith(verdicts: Record<string, Parameters<typeof scenario>[1]>, rest = 'PASS' as const) {
  const scenarios = REQUIREMENTS.map((req) =>
    scenario(`s/${req.id}`, verdicts[req.id] ?? rest, {
      requirements: [req.id],
      ...(req.id === 'AUTH-1' ? { expected: 'auth messi surabaya \r\n' } : {}),
    }),
  );
  return { ...run(scenarios), requirements: requirementResults(scenarios) };
}

describe('gradeOf', () => {
  it('lists every requirement; the rows add up to the total; the total is the rubric’s', () => {
    const rubric = defaultRubric();
    const full = gradeOf(runWith({}), rubric);
    const poor = gradeOf(runWith({ 'SEND-2': 'FAIL', 'AUTH-3': 'NON-STRICT' }), rubric);
    for (const grade of [full, poor]) {
      expect(grade.rows.map((r) => r.id)).toEqual(REQUIREMENTS.map((r) => r.id));
      expect(grade.rows.reduce((s, r) => s + cents(r.earned), 0)).toBe(cents(grade.earned));
    }
    expect(poor.possible).toBe(full.possible);
    expect(full.earned).toBe(full.possible);
    expect(full.possible - poor.earned).toBe(2 + 1); // SEND-2 (MUST, 2) and half of AUTH-3's 2
    const send2 = poor.rows.find((r) => r.id === 'SEND-2')!;
    expect(send2).toMatchObject({
      verdict: 'FAIL',
      earned: 0,
      possible: 2,
      evidence: ['s/SEND-2'],
    });
  });

  it('NON-STRICT earns nothing without partial credit', () => {
    const rubric = parseRubric('name: strict\npoints: { level: { MUST: 1 } }\n', 'r.yaml');
    const grade = gradeOf(runWith({ 'AUTH-3': 'NON-STRICT' }), rubric);
    expect(grade.rows.find((r) => r.id === 'AUTH-3')!.earned).toBe(0);
  });

  it('a requirement the fixture could not serve stays in the total at 0, provisional, saying what to change', () => {
    const rubric = defaultRubric();
    const grade = gradeOf(
      runWith({
        'GROUP-2': 'INFORMATIONAL',
      }),
      rubric,
    );
    expect(grade.provisional).toBe(false);
    const scenarios = REQUIREMENTS.map((req) =>
      req.id === 'GROUP-2'
        ? scenario('s/GROUP-2', 'INFORMATIONAL', {
            requirements: ['GROUP-2'],
            notRun: 'fixture',
            reason:
              'not run: the fixture (2 users, 0 groups) cannot provide a group with 2 members',
          })
        : scenario(`s/${req.id}`, 'PASS', { requirements: [req.id] }),
    );
    const unjudged = gradeOf({ scenarios, requirements: requirementResults(scenarios) }, rubric);
    expect(unjudged.possible).toBe(grade.possible);
    expect(unjudged.provisional).toBe(true);
    expect(unjudged.runProblems).toEqual([
      "GROUP-2 could not be judged: the fixture (2 users, 0 groups) cannot provide a group with 2 members; give a fixture that has them (--fixture, or the grading file's fixture)",
    ]);
    expect(unjudged.rows.find((r) => r.id === 'GROUP-2')).toMatchObject({
      verdict: 'UNTESTED',
      earned: 0,
      possible: 2,
    });
  });
});

describe('gradebook.csv', () => {
  it('one row per submission, the same possible, formulas defused, RFC 4180 line ends', () => {
    const rubric = defaultRubric();
    const csv = renderGradebookCsv(
      [
        { name: '=HYPERLINK("x")', grade: gradeOf(runWith({ 'SEND-2': 'FAIL' }), rubric) },
        { name: 'dora', note: 'not tested: connection refused' },
      ],
      rubric,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^submission,total,possible,provisional,note,FRAME-1,FRAME-2,/);
    expect(lines[0]!.split(',')).toHaveLength(5 + REQUIREMENTS.length);
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    const [, total, possible] = lines[2]!.split(',');
    expect(total).toBe('0');
    expect(possible).toBe(lines[1]!.split(',')[2]);
    expect(lines[2]).toContain('not tested: connection refused');
  });
});

describe('Gradescope results.json', () => {
  it('one test per requirement, evidence for lost points, passwords masked by the policy first', () => {
    const rubric = defaultRubric();
    const result = runWith({ 'AUTH-1': 'FAIL' });
    // As chatspec test does: the run is masked once, then every report renders it.
    const masked = new Secrets({ fixture: SEED_FIXTURE }).maskResult(result);
    const out = renderGradescope({ ...masked, grade: gradeOf(result, rubric) });
    expect(out.tests).toHaveLength(REQUIREMENTS.length);
    expect(out.tests.reduce((s, t) => s + cents(t.score), 0)).toBe(cents(out.score));
    const auth1 = out.tests.find((t) => t.number === 'AUTH-1')!;
    expect(auth1).toMatchObject({
      score: 0,
      max_score: 2,
      status: 'failed',
      visibility: 'visible',
    });
    expect(auth1.output).toContain('s/AUTH-1: FAIL');
    expect(auth1.output).toContain('auth messi ***');
    expect(auth1.output).not.toContain('surabaya');
  });
});
