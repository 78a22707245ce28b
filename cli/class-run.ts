/**
 * `chatspec test --targets FILE`: a whole class of servers, several at once, each isolated in
 * its own worker; then the matrix (index.html, matrix.md, matrix.csv, matrix.json) in --out,
 * with each server's full report in servers/NAME/. Exit 1 when any server fails by the
 * --fail-on rule (a server that could not be tested at all fails it too, unless never).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Secrets, loadFixtureFile, type DialectSpec, type Fixture } from '../specs/index.js';
import { type Scenario } from '../harness/index.js';
import { VERDICTS } from '../results/index.js';
import { targetDialectSpec } from '../harness/class/dialect.js';
import { runClass, type ClassEntry } from '../harness/class/run.js';
import { TargetsFileError, loadTargetsFile, type ClassTarget } from '../harness/class/targets.js';
import {
  REPORT_FILES,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderTestHtml,
  visible,
} from '../reports/index.js';
import {
  MATRIX_FILES,
  buildMatrix,
  renderMatrixCsv,
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  type Matrix,
  type MatrixInput,
} from '../reports/matrix/index.js';
import { failsRun, type FailOn } from './fail-on.js';
import { launchedClassRunner } from './launched.js';
import type { LaunchedTargetOptions } from '../target/launched.js';
import { defaultRubric, type Rubric } from '../specs/rubric/rubric.js';
import { gradeOf } from '../reports/grading/grade.js';
import { renderGradebookCsv, type GradebookEntry } from '../reports/grading/gradebook.js';

/** The gradebook a class run writes beside matrix.csv. */
export const GRADEBOOK_FILE = 'gradebook.csv';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';

export type MatrixFormat = keyof typeof MATRIX_FILES;

export interface ClassFlags {
  readonly targets: string;
  readonly fixture?: string;
  /** Launched servers judged at once (see launchedParallelism); 1 by default. */
  readonly launchedParallel?: number;
  /** The launcher's limits for every launched server of the class. */
  readonly launchLimits?: Omit<LaunchedTargetOptions, 'command' | 'cwd'>;
  readonly parallel: number;
  readonly timeout: number;
  readonly maxReply?: number;
  readonly failOn: FailOn;
  readonly reporter: readonly string[];
  readonly out: string;
  readonly progress: boolean;
  /** Every server is scored under this rubric, out of its one total. */
  readonly rubric?: Rubric;
}

export interface ClassIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly handleSignals: boolean;
}

/** A folder name for a server's report: its name, made safe for every file system. */
export function serverFolder(name: string, index: number): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 60);
  return `${String(index + 1).padStart(2, '0')}-${safe || 'server'}`;
}

async function loadFixtures(
  targets: readonly ClassTarget[],
  source: string,
  fallback: string | undefined,
): Promise<Map<string, Fixture>> {
  const cache = new Map<string, Fixture>();
  const fixtures = new Map<string, Fixture>();
  for (const [index, target] of targets.entries()) {
    const path = target.fixturePath ?? fallback;
    if (path === undefined) continue;
    let fixture = cache.get(path);
    if (fixture === undefined) {
      try {
        fixture = await loadFixtureFile(path);
      } catch (error) {
        throw new UsageError(
          `${source}: entry ${index + 1} (${target.name}), field fixture: ${(error as Error).message}`,
          { cause: error },
        );
      }
      cache.set(path, fixture);
    }
    fixtures.set(target.name, fixture);
  }
  return fixtures;
}

function progressLine(entry: ClassEntry, done: number, total: number): string {
  const name = visible(entry.target.name);
  const counts = entry.result
    ? VERDICTS.filter((v) => entry.result!.summary[v] > 0)
        .map((v) => `${entry.result!.summary[v]} ${v}`)
        .join(', ')
    : `ERROR: ${visible(entry.error?.message.split('\n')[0] ?? 'no result')}`;
  return `[${done}/${total}] ${name} (${visible(entry.target.address)}): ${counts} (${(entry.durationMs / 1000).toFixed(1)} s)\n`;
}

/** The console's view of the class: one line per server with its score. */
export function renderClassConsole(matrix: Matrix): string {
  const width = Math.min(32, Math.max(6, ...matrix.servers.map((s) => visible(s.name).length)));
  const lines = [`${'server'.padEnd(width)}  points        MUST met  SHOULD met  commands  result`];
  for (const s of matrix.servers) {
    const score = s.score;
    const points = s.points
      ? `${s.points.earned}/${s.points.possible}${s.points.provisional ? '?' : ''}`
      : '-';
    lines.push(
      `${visible(s.name).padEnd(width)}  ${points.padEnd(12)}  ` +
        (score
          ? `${`${score.mustMet}/${score.mustTotal}`.padEnd(8)}  ${`${score.shouldMet}/${score.shouldTotal}`.padEnd(10)}  ${`${score.commandsImplemented}/${score.commandsTested}`.padEnd(8)}  `
          : `${'-'.padEnd(8)}  ${'-'.padEnd(10)}  ${'-'.padEnd(8)}  `) +
        (s.error !== undefined
          ? `ERROR: ${visible(s.error.split('\n')[0]!)}`
          : VERDICTS.filter((v) => (s.summary?.[v] ?? 0) > 0 && v !== 'PASS')
              .map((v) => `${s.summary![v]} ${v}`)
              .join(', ') || 'all PASS'),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the matrix files chosen by `formats` into `out`; returns the paths. */
export async function writeMatrix(
  matrix: Matrix,
  formats: readonly string[],
  out: string,
): Promise<string[]> {
  const files: Array<[string, string]> = [];
  if (formats.includes('html')) files.push([MATRIX_FILES.html, renderMatrixHtml(matrix)]);
  if (formats.includes('markdown'))
    files.push([MATRIX_FILES.markdown, renderMatrixMarkdown(matrix)]);
  if (formats.includes('csv')) files.push([MATRIX_FILES.csv, renderMatrixCsv(matrix)]);
  if (formats.includes('json')) files.push([MATRIX_FILES.json, renderMatrixJson(matrix)]);
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = join(out, name);
    await writeFile(path, text);
    written.push(path);
  }
  return written;
}

export async function runClassCommand(
  flags: ClassFlags,
  scenarios: readonly Scenario[],
  io: ClassIo,
): Promise<number> {
  let targets: ClassTarget[];
  try {
    targets = await loadTargetsFile(flags.targets);
  } catch (error) {
    if (error instanceof TargetsFileError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  return runClassTargets(targets, flags, scenarios, io);
}

/**
 * A class already read: `flags.targets` names where it came from in messages (the targets
 * file, or the folders `chatspec grade` was given).
 */
export async function runClassTargets(
  targets: readonly ClassTarget[],
  flags: ClassFlags,
  scenarios: readonly Scenario[],
  io: ClassIo,
): Promise<number> {
  const fixtures = await loadFixtures(targets, flags.targets, flags.fixture);
  const dialects = new Map<string, DialectSpec>();
  for (const [index, target] of targets.entries()) {
    try {
      const spec = targetDialectSpec(target);
      if (spec !== undefined) dialects.set(target.name, spec);
    } catch (error) {
      throw new UsageError(
        `${flags.targets}: entry ${index + 1} (${target.name}), field dialect: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  try {
    await mkdir(join(flags.out, 'servers'), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot write reports to ${flags.out}: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr.write('\nchatspec: interrupted; stopping every run and writing what they found\n');
    controller.abort();
  };
  if (io.handleSignals) process.once('SIGINT', onSigint);
  const launched = targets.filter((t) => t.launch !== undefined).length;
  const launchedParallel = Math.min(flags.launchedParallel ?? 1, Math.max(1, launched));
  if (flags.progress) {
    const width =
      launched === targets.length
        ? launchedParallel
        : Math.min(flags.parallel, targets.length - launched) +
          (launched > 0 ? launchedParallel : 0);
    io.stderr.write(
      `testing ${targets.length} servers, ${width} at a time, ${scenarios.length} scenarios each\n`,
    );
  }
  let entries: ClassEntry[];
  try {
    entries = await runClass({
      targets,
      fixtures,
      dialects,
      scenarios,
      parallel: flags.parallel,
      timeoutMs: flags.timeout,
      ...(flags.maxReply !== undefined ? { maxReplyBytes: flags.maxReply } : {}),
      strict: flags.failOn === 'should',
      signal: controller.signal,
      ...(launched > 0
        ? { runLaunched: launchedClassRunner(flags.launchLimits ?? {}), launchedParallel }
        : {}),
      ...(flags.progress
        ? { onServer: (entry, done, total) => io.stderr.write(progressLine(entry, done, total)) }
        : {}),
    });
  } finally {
    if (io.handleSignals) process.off('SIGINT', onSigint);
  }

  const rubric = flags.rubric ?? defaultRubric();
  const inputs: MatrixInput[] = [];
  const gradebook: GradebookEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    const folder = serverFolder(entry.target.name, index);
    const dir = join(flags.out, 'servers', folder);
    let reportHref: string | undefined;
    const fixture = fixtures.get(entry.target.name);
    const dialect = dialects.get(entry.target.name);
    const graded = entry.result && { ...entry.result, grade: gradeOf(entry.result, rubric) };
    gradebook.push({
      name: entry.target.name,
      ...(graded ? { grade: graded.grade } : {}),
      ...(entry.error ? { note: `not tested: ${entry.error.message.split('\n')[0]!}` } : {}),
    });
    // Masked once, before the server's files and the matrix are rendered from it.
    const result =
      graded &&
      new Secrets({ ...(fixture ? { fixture } : {}), ...(dialect ? { dialect } : {}) }).maskResult(
        graded,
      );
    if (result) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, REPORT_FILES.json), renderJson(result));
      await writeFile(join(dir, REPORT_FILES.html), renderTestHtml(result));
      await writeFile(join(dir, REPORT_FILES.junit), renderJunit(result));
      await writeFile(
        join(dir, REPORT_FILES.markdown),
        renderMarkdown(result, { title: `${entry.target.name}: ${entry.target.address}` }),
      );
      reportHref = `servers/${folder}/${REPORT_FILES.html}`;
    }
    inputs.push({
      name: entry.target.name,
      address: entry.target.address,
      ...(result ? { result } : {}),
      ...(entry.error ? { error: entry.error.message.split('\n')[0]! } : {}),
      notes: entry.notes,
      ...(reportHref !== undefined ? { reportHref } : {}),
      durationMs: entry.durationMs,
    });
  }
  const matrix = buildMatrix(inputs);
  if (flags.reporter.includes('console')) io.stdout.write(renderClassConsole(matrix));
  const written = await writeMatrix(matrix, flags.reporter, flags.out);
  if (flags.reporter.includes('csv')) {
    const path = join(flags.out, GRADEBOOK_FILE);
    await writeFile(path, renderGradebookCsv(gradebook, rubric));
    written.push(path);
  }
  const provisional = gradebook.filter((g) => g.grade?.provisional === true);
  if (provisional.length > 0) {
    // Loud: a score that the run, not the server, kept low must not be taken for a grade.
    io.stderr.write(
      `chatspec: PROVISIONAL scores (${provisional.map((g) => g.name).join(', ')}): ${provisional[0]!.grade!.runProblems[0]!}${provisional[0]!.grade!.runProblems.length > 1 ? ` (and ${provisional[0]!.grade!.runProblems.length - 1} more; see the gradebook's note column)` : ''}\n`,
    );
  }
  io.stdout.write(`reports: ${[...written, join(flags.out, 'servers', '*')].join(', ')}\n`);
  if (controller.signal.aborted) return 130;
  const failed = entries.some((entry) =>
    entry.result ? failsRun(entry.result.summary, flags.failOn) : flags.failOn !== 'never',
  );
  return failed ? EXIT_FAILED : EXIT_OK;
}
