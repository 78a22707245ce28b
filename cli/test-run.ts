/**
 * runTestCommand: what `chatspec test` does once its flags are parsed — check them, run the
 * suite against one target (or hand a class run to class-run.ts), print and write the reports,
 * and resolve with the exit code.
 */
import {
  canonicalDialect,
  dialectDifferences,
  loadFixtureFile,
  resolveDialect,
  Secrets,
  type Dialect,
  type Fixture,
} from '../specs/index.js';
import type { Target } from '../target/index.js';
import type { LaunchedTarget } from '../target/launched.js';
import {
  isHarnessInputError,
  loadBuiltinScenarios,
  loadScenarioFiles,
  probeDialect,
  renderProbeSummary,
  runConformance,
  selectScenarios,
  type Scenario,
} from '../harness/index.js';
import { type RunResult } from '../results/index.js';
import { renderConsole, renderProgress, renderSummaryLine } from '../reports/index.js';
import { runClassCommand } from './class-run.js';
import { launchOptionsFrom } from './launch-options.js';
import { openCommandTarget, processWatchOf } from './launched.js';
import { maskedProbe } from './probe.js';
import { loadGradingFile, loadRubric } from './grading.js';
import { DEFAULT_RUBRIC_YAML, type Rubric } from '../specs/rubric/rubric.js';
import { gradeOf } from '../reports/grading/grade.js';
import { renderGradeText } from '../reports/grading/text.js';
import { defaultParallel } from '../harness/class/run.js';
import { failsRun, resolveFailOn, type FailOn } from './fail-on.js';
import { EXIT_INTERRUPTED, type TestFlags, type TestIo } from './test-flags.js';
import { listScenarios, writeGradescope, writeReports } from './test-reports.js';
import { EXIT_FAILED, EXIT_OK, UsageError, parseTarget } from './usage.js';
import { useColor } from './io.js';

/** Harness input errors (a bad scenario file, an unreachable target) are usage errors: exit 2. */
function asUsage(error: unknown): unknown {
  return isHarnessInputError(error) ? new UsageError(error.message, { cause: error }) : error;
}

/** Flags that contradict each other, refused before anything is read or started (exit 2). */
function checkFlags(target: string | undefined, flags: TestFlags): void {
  if (flags.targets !== undefined && (flags.dialect !== undefined || flags.probe === true)) {
    // A class run takes each server's dialect from the targets file; one left unused here
    // would grade the class differently from what the grading file says.
    throw new UsageError(
      'a class run takes dialect and probe per server from the targets file, not from --dialect, --probe or the grading file',
    );
  }
  if (flags.gradescope !== undefined && flags.targets !== undefined) {
    throw new UsageError('--gradescope is for one server; a class run writes gradebook.csv');
  }
  if (flags.targets !== undefined && target !== undefined) {
    throw new UsageError('give a target or --targets FILE, not both');
  }
  if (flags.targets === undefined && flags.parallel !== undefined) {
    throw new UsageError('--parallel is for a class run (--targets FILE)');
  }
  if (flags.reporter.includes('csv') && flags.targets === undefined) {
    throw new UsageError('--reporter csv is for a class run (--targets FILE): one row per server');
  }
  if (flags.run !== undefined && flags.targets !== undefined) {
    throw new UsageError('--run starts one server; a class names its servers in --targets FILE');
  }
  if (flags.probe === true && flags.dialect !== undefined) {
    throw new UsageError('--probe and --dialect exclude each other: probe finds the dialect');
  }
  launchOptionsFrom(flags, target);
  if (target !== undefined) parseTarget(target);
}

/** The flags with a grading file's settings in place of the ones it pins. */
async function withGrading(flags: TestFlags, io: TestIo): Promise<TestFlags> {
  if (flags.grading === undefined) return flags;
  const pinned = await loadGradingFile(flags.grading, flags, (line) =>
    io.stderr.write(`${line}\n`),
  );
  return { ...flags, ...pinned };
}

/** Runs the command; resolves with the exit code. Throws UsageError for exit 2. */
export async function runTestCommand(
  target: string | undefined,
  givenFlags: TestFlags,
  io: TestIo,
): Promise<number> {
  if (givenFlags.printRubric === true) {
    io.stdout.write(DEFAULT_RUBRIC_YAML);
    return EXIT_OK;
  }
  const flags = await withGrading(givenFlags, io);
  // Checked before anything is read: a bad target or --run costs nothing (exit 2).
  checkFlags(target, flags);
  const rubric = await loadRubric(flags.rubric);
  const failOn = resolveFailOn(flags.failOn, flags.strict);
  const fixture: Fixture | undefined =
    flags.fixture === undefined || flags.targets !== undefined
      ? undefined
      : await loadFixtureFile(flags.fixture);
  let scenarios: Scenario[];
  try {
    scenarios =
      flags.scenario.length > 0
        ? await loadScenarioFiles(flags.scenario)
        : await loadBuiltinScenarios();
    if (flags.list) {
      io.stdout.write(listScenarios(selectScenarios(scenarios, flags.only)));
      return EXIT_OK;
    }
    if (flags.targets !== undefined) scenarios = selectScenarios(scenarios, flags.only);
  } catch (error) {
    throw asUsage(error);
  }
  if (flags.targets !== undefined) {
    if (scenarios.length === 0) throw new UsageError('no scenarios to run');
    return runClassCommand(
      {
        targets: flags.targets,
        ...(flags.fixture !== undefined ? { fixture: flags.fixture } : {}),
        parallel: flags.parallel ?? defaultParallel(),
        timeout: flags.timeout,
        ...(flags.maxReply !== undefined ? { maxReply: flags.maxReply } : {}),
        failOn,
        reporter: flags.reporter,
        out: flags.out,
        progress: flags.progress,
        rubric,
      },
      scenarios,
      io,
    );
  }
  return testOneServer(target, flags, { fixture, scenarios, rubric, failOn }, io);
}

/** What one server's run needs beyond its flags, read and checked by runTestCommand. */
interface OneServerInputs {
  readonly fixture: Fixture | undefined;
  readonly scenarios: Scenario[];
  readonly rubric: Rubric;
  readonly failOn: FailOn;
}

/** One server: open (or start) it, probe it when asked, run the suite, report; the exit code. */
async function testOneServer(
  target: string | undefined,
  flags: TestFlags,
  { fixture, scenarios, rubric, failOn }: OneServerInputs,
  io: TestIo,
): Promise<number> {
  // Read before anything runs, so a broken dialect file costs nothing (exit 2).
  let dialect: Dialect | undefined =
    flags.dialect === undefined ? undefined : resolveDialect(flags.dialect, fixture);
  let dialectHow: 'given' | 'probed' = 'given';

  const color = useColor(flags.color, io);
  const progress = flags.progress && io.stderr.isTTY === true;
  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr.write('\nchatspec: interrupted; finishing the current scenario\n');
    controller.abort();
  };
  let opened: Target | undefined;
  let launched: LaunchedTarget | undefined;
  let result: RunResult;
  try {
    // The embedded server speaks the dialect asked for, so a dialect file can be tried out.
    ({ target: opened, launched } = await openCommandTarget(
      target,
      flags,
      {
        ...(fixture ? { fixture } : {}),
        ...(dialect ? { dialect: dialect.spec } : {}),
      },
      io,
    ));
    if (flags.probe === true) {
      const found = await probeDialect({
        dialer: opened.dialer,
        ...(fixture ? { fixture } : {}),
      });
      if (found.unreachable !== undefined) {
        throw new UsageError(`cannot reach ${found.address}: ${found.unreachable}`);
      }
      const differences = dialectDifferences(found.spec, canonicalDialect.spec);
      io.stderr.write(`${renderProbeSummary(maskedProbe(found, fixture), differences)}\n`);
      dialect = found.dialect;
      dialectHow = 'probed';
    }
    if (io.handleSignals) process.once('SIGINT', onSigint);
    result = await runConformance({
      dialer: opened.dialer,
      ...(fixture ? { fixture } : {}),
      scenarios,
      only: flags.only,
      strict: failOn === 'should',
      timeoutMs: flags.timeout,
      ...(flags.maxReply !== undefined ? { maxReplyBytes: flags.maxReply } : {}),
      ...(dialect ? { dialect, dialectHow } : {}),
      embedded: opened.kind === 'embedded',
      signal: controller.signal,
      ...(launched ? { processWatch: processWatchOf(launched) } : {}),
      ...(progress
        ? {
            onScenario: (last, done, total) => {
              const line = renderProgress(done, total, last, {
                color,
                ...(io.stderr.columns ? { columns: io.stderr.columns } : {}),
              });
              io.stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
            },
          }
        : {}),
    });
  } catch (error) {
    throw asUsage(error);
  } finally {
    if (io.handleSignals) process.off('SIGINT', onSigint);
    await opened?.close();
  }

  return reportOneServer(
    { ...result, grade: gradeOf(result, rubric) },
    new Secrets({ ...(dialect ? { dialect } : {}), ...(fixture ? { fixture } : {}) }),
    { flags, failOn, color, interrupted: controller.signal.aborted },
    io,
  );
}

/** Prints the run and its score, writes the reports asked for; the exit code. */
async function reportOneServer(
  result: RunResult,
  secrets: Secrets,
  how: { flags: TestFlags; failOn: FailOn; color: boolean; interrupted: boolean },
  io: TestIo,
): Promise<number> {
  const { flags, failOn, color } = how;
  const masked = secrets.maskResult(result);
  io.stdout.write(
    flags.reporter.includes('console')
      ? renderConsole(masked, { color })
      : `${renderSummaryLine(masked, color)}\n`,
  );
  io.stdout.write(renderGradeText(result.grade!, color));
  const written = await writeReports(result, masked, flags);
  if (flags.gradescope !== undefined) {
    await writeGradescope(flags.gradescope, { ...masked, grade: result.grade! });
    written.push(flags.gradescope);
  }
  if (written.length > 0) io.stdout.write(`reports: ${written.join(', ')}\n`);
  if (how.interrupted) return EXIT_INTERRUPTED;
  return failsRun(result.summary, failOn) ? EXIT_FAILED : EXIT_OK;
}
