/**
 * `chatspec grade DIR…`: a class of submissions, each folder one student's server. chatspec
 * launches each (the class's --run, or the command in the folder's chatspec.yaml), judges it
 * with its process watched, stops it, and writes the class matrix and every server's report,
 * as `chatspec test --targets` does. A submission that will not start is its own ERROR, with
 * what it printed, and delays no other.
 */
import { Option, type Command } from 'commander';
import { loadBuiltinScenarios, loadScenarioFiles, selectScenarios } from '../harness/index.js';
import { readSubmissions } from '../harness/class/submission.js';
import { TargetsFileError } from '../harness/class/targets.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../harness/index.js';
import { runClassTargets } from './class-run.js';
import { FAIL_ON, resolveFailOn, type FailOn } from './fail-on.js';
import { loadGradingFile, loadRubric } from './grading.js';
import type { CommandContext } from './io.js';
import { addLaunchOptions, launchLimitsFrom, type LaunchFlags } from './launch-options.js';
import { isolationNotice, launchedParallelism } from './launched.js';
import { CLASS_DEFAULT_REPORTERS, DEFAULT_OUT_DIR, collect, reporters } from './test.js';
import { UsageError, integerOption } from './usage.js';

interface GradeFlags extends LaunchFlags {
  /** A rubric file; the default rubric when absent. */
  rubric?: string;
  /** A grading file pinning rubric, fixture, dialect or probe and timeout. */
  grading?: string;
  fixture?: string;
  dialect?: string;
  probe?: boolean;
  only: string[];
  scenario: string[];
  timeout: number;
  parallel?: number;
  failOn?: FailOn;
  reporter?: string[];
  out: string;
  progress: boolean;
}

export async function runGradeCommand(
  folders: readonly string[],
  givenFlags: GradeFlags,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  // A grading file grades the class exactly as a student's `chatspec test --grading` scores
  // one server: the same rubric, fixture, dialect or probe and timeout.
  const flags: GradeFlags =
    givenFlags.grading === undefined
      ? givenFlags
      : {
          ...givenFlags,
          ...(await loadGradingFile(givenFlags.grading, givenFlags, (line) =>
            io.stderr.write(`${line}\n`),
          )),
        };
  const rubric = await loadRubric(flags.rubric);
  if (flags.probe === true && flags.dialect !== undefined) {
    throw new UsageError('--probe and --dialect exclude each other: probe finds the dialect');
  }
  let targets;
  try {
    targets = await readSubmissions(folders, {
      ...(flags.run !== undefined ? { run: flags.run } : {}),
      ...(flags.setup !== undefined ? { setup: flags.setup } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.fixture !== undefined ? { fixturePath: flags.fixture } : {}),
      ...(flags.dialect !== undefined ? { dialect: flags.dialect } : {}),
      ...(flags.probe === true ? { probe: true } : {}),
    });
  } catch (error) {
    if (error instanceof TargetsFileError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const all =
    flags.scenario.length > 0
      ? await loadScenarioFiles(flags.scenario)
      : await loadBuiltinScenarios();
  const scenarios = selectScenarios(all, flags.only);
  if (scenarios.length === 0) throw new UsageError('no scenarios to run');
  const notice = await isolationNotice(flags.isolation);
  if (notice !== undefined) io.stderr.write(`chatspec: ${notice}\n`);
  const fair = await launchedParallelism(flags.isolation);
  return runClassTargets(
    targets,
    {
      targets: 'grade',
      parallel: 1,
      // More than the fair width only when asked; never more than one without isolation.
      launchedParallel: fair === 1 ? 1 : (flags.parallel ?? fair),
      launchLimits: launchLimitsFrom({ ...flags, port: undefined, setup: undefined }),
      timeout: flags.timeout,
      rubric,
      failOn: resolveFailOn(flags.failOn, false),
      reporter: flags.reporter ?? [...CLASS_DEFAULT_REPORTERS],
      out: flags.out,
      progress: flags.progress,
    },
    scenarios,
    io,
  );
}

export function registerGrade(program: Command, context: CommandContext): void {
  const command = program
    .command('grade')
    .description(
      'judge a class of submissions: launch the server in each folder, test it, stop it; then the class matrix',
    )
    .argument(
      '<dir...>',
      "submissions' folders; each may hold a chatspec.yaml overriding the defaults",
    )
    .option(
      '--rubric <file>',
      'score with this rubric (YAML; default: chatspec test --print-rubric)',
    )
    .option(
      '--grading <file>',
      'a grading file pinning rubric, fixture, dialect or probe and timeout, as students see it',
    )
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .option(
      '--dialect <file|name>',
      'the dialect every submission speaks, unless its own file says',
    )
    .option('--probe', "find each submission's dialect with chatspec probe first")
    .addOption(
      new Option('--only <pattern>', 'run only scenarios matching these patterns (as in test)')
        .argParser(collect)
        .default([], 'all'),
    )
    .addOption(
      new Option('--scenario <file>', 'scenarios of this file instead of the built-in set')
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([], 'specs/scenarios/*.yaml'),
    )
    .option(
      '--timeout <ms>',
      'time each scenario may take in all',
      integerOption(1, MAX_TIMEOUT_MS),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--parallel <n>',
      'submissions judged at once (default: one per core with namespaces, else one)',
      integerOption(1, 256),
    )
    .addOption(new Option('--fail-on <level>', 'what fails the grading run').choices(FAIL_ON))
    .addOption(
      new Option('--reporter <list>', 'reports to produce, comma-separated')
        .argParser(reporters)
        .default(undefined, CLASS_DEFAULT_REPORTERS.join(',')),
    )
    .option('--out <dir>', 'where the matrix and servers/NAME/ reports go', DEFAULT_OUT_DIR)
    .option('--no-progress', 'no progress lines on standard error');
  addLaunchOptions(command, { cwd: false }).action(async (folders: string[], flags: GradeFlags) => {
    context.exitWith(await runGradeCommand(folders, flags, context));
  });
}
