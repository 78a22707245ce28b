/**
 * The grading recipes of docs/grading.md, run as written where the platform is not needed:
 * Gradescope's run_autograder in a temporary folder laid out as /autograder (source,
 * submission, results) against a three-command Python server of the course's style, its
 * results.json checked against Gradescope's format; the image's setup.sh and the GitHub
 * Classroom workflow, which need the platform itself, checked statically. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli/support/run-cli.js';
import { closedPort } from '../support/ports.js';
import { REQUIREMENTS } from '../../specs/index.js';

const RECIPES = join(ROOT, 'docs/grading');
const SERVER = join(ROOT, 'test/fixtures/servers/grades_three_command_server.py');
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Gradescope's results.json ("Output format" of the autograder specification). */
const visibility = z.enum(['hidden', 'after_due_date', 'after_published', 'visible']);
const gradescopeResults = z.strictObject({
  score: z.number().nonnegative(),
  execution_time: z.number().nonnegative().optional(),
  output: z.string().optional(),
  visibility: visibility.optional(),
  stdout_visibility: visibility.optional(),
  tests: z.array(
    z.strictObject({
      name: z.string().min(1),
      number: z.string().optional(),
      score: z.number().nonnegative(),
      max_score: z.number().nonnegative(),
      status: z.enum(['passed', 'failed']).optional(),
      output: z.string(),
      tags: z.array(z.string()).optional(),
      visibility,
    }),
  ),
});

/** A folder laid out as Gradescope's /autograder, with its results folder empty. */
async function autograderRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'chatspec-autograder-'));
  for (const sub of ['source', 'submission', 'results']) mkdirSync(join(root, sub));
  return root;
}

/** Runs the recipe's run_autograder as Gradescope would, with this checkout's chatspec. */
function runAutograder(root: string, serverCmd: string, port: number, timeoutMs: number) {
  return spawnSync('bash', [join(RECIPES, 'gradescope/run_autograder')], {
    env: {
      ...process.env,
      AUTOGRADER_ROOT: root,
      CHATSPEC: `${process.execPath} ${BIN}`,
      SERVER_CMD: serverCmd,
      SERVER_PORT: String(port),
    },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

describe('Gradescope: run_autograder', () => {
  it('grades a submission laid out as /autograder and writes a valid results.json', async () => {
    const root = await autograderRoot();
    // The autograder zip: the recipe's files, with the grading pinned to this version.
    copyFileSync(join(RECIPES, 'gradescope/rubric.yaml'), join(root, 'source/rubric.yaml'));
    const grading = readFileSync(join(RECIPES, 'gradescope/grading.yaml'), 'utf8');
    expect(grading).toMatch(/^chatspec: \d+\.\d+\.\d+$/m);
    writeFileSync(
      join(root, 'source/grading.yaml'),
      grading.replace(/^chatspec: .*$/m, `chatspec: ${VERSION}`),
    );
    copyFileSync(SERVER, join(root, 'submission/server.py'));
    const port = await closedPort();
    const run = runAutograder(root, `python3 server.py ${port}`, port, 240_000);
    expect(
      run.status,
      `${run.stderr}\n${readFileSync(join(root, 'results/chatspec.log'), 'utf8')}`,
    ).toBe(0);
    const results = gradescopeResults.parse(
      JSON.parse(readFileSync(join(root, 'results/results.json'), 'utf8')),
    );
    // One test per requirement, adding up to the score, out of the rubric's total.
    expect(results.tests.map((t) => t.number)).toEqual(REQUIREMENTS.map((r) => r.id));
    const cents = (n: number) => Math.round(n * 100);
    expect(results.tests.reduce((sum, t) => sum + cents(t.score), 0)).toBe(cents(results.score));
    const test = (id: string) => results.tests.find((t) => t.number === id)!;
    expect(test('SENDFILE-1').score).toBe(0); // a command it lacks earns nothing
    expect(test('SENDFILE-1').max_score).toBeGreaterThan(0); // and stays in the total
    expect(test('SESSION-2').score).toBe(test('SESSION-2').max_score); // judged on its three
    expect(test('SESSION-2').output).toMatch(/judged on \d of \d commands \(.*send.*\)/);
    expect(test('AUTH-1').status).toBe('passed');
    expect(results.score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(results.tests.reduce((s, t) => s + t.max_score, 0));
    // Passwords never reach the student's page.
    expect(JSON.stringify(results)).not.toMatch(/surabaya|\bsby\b/);
  }, 300_000);

  it('a submission that never listens still gets a results.json saying why', async () => {
    const root = await autograderRoot();
    writeFileSync(join(root, 'source/grading.yaml'), `chatspec: ${VERSION}\n`);
    writeFileSync(join(root, 'submission/server.py'), 'raise SystemExit("no server here")\n');
    const port = await closedPort();
    const run = runAutograder(root, 'python3 server.py', port, 120_000);
    expect(run.status, run.stderr).toBe(0);
    const results = gradescopeResults.parse(
      JSON.parse(readFileSync(join(root, 'results/results.json'), 'utf8')),
    );
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/could not test the server: .*cannot reach|connect/i);
  }, 180_000);

  it('setup.sh installs Node 20.19 or newer and chatspec from the zip’s tarball', () => {
    const script = join(RECIPES, 'gradescope/setup.sh');
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    const text = readFileSync(script, 'utf8');
    expect(text).toMatch(/a === 20 && b >= 19/);
    expect(text).toMatch(/npm install -g \/autograder\/source\/chatspec-\*\.tgz/);
    expect(spawnSync('bash', ['-n', join(RECIPES, 'gradescope/run_autograder')]).status).toBe(0);
  });
});

describe('GitHub Classroom: the workflow', () => {
  it('installs Node and chatspec, grades with the pinned grading file, publishes the score', () => {
    const workflow = parseYaml(readFileSync(join(RECIPES, 'github-classroom.yml'), 'utf8')) as {
      jobs: {
        grade: { steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> };
      };
    };
    const steps = workflow.jobs.grade.steps;
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(Number(node?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
    expect(
      runs.some((r) => /npm install -g \.\/\.github\/chatspec\/chatspec-\*\.tgz/.test(r)),
    ).toBe(true);
    const grade = runs.find((r) => r.startsWith('chatspec test'))!;
    expect(grade).toMatch(/--grading \.github\/chatspec\/grading\.yaml/);
    expect(grade).toMatch(/--fail-on never/);
    expect(runs.some((r) => r.includes('GITHUB_STEP_SUMMARY'))).toBe(true);
  });
});
