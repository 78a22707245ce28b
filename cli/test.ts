/**
 * `chatspec test [HOST:PORT]`: the conformance suite against a server, or, with no target,
 * against the embedded reference server on an ephemeral port (`npm start`). Prints the
 * console report, writes report.json and junit.xml to --out, and exits 0 (no FAIL or ERROR;
 * with --strict also no NON-STRICT or UNIMPLEMENTED), 1 (the server broke a rule) or 2 (bad
 * usage: a flag, a fixture or scenario file, a target that cannot be reached).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
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
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_REPLY_BYTES,
  MAX_TIMEOUT_MS,
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
import {
  REPORT_FILES,
  renderConsole,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderProgress,
  renderTestHtml,
  renderSummaryLine,
} from '../reports/index.js';
import { runClassCommand } from './class-run.js';
import { addLaunchOptions, launchOptionsFrom, type LaunchFlags } from './launch-options.js';
import { openCommandTarget, processWatchOf } from './launched.js';
import { maskedProbe } from './probe.js';
import { loadGradingFile, loadRubric } from './grading.js';
import { DEFAULT_RUBRIC_YAML } from '../specs/rubric/rubric.js';
import { gradeOf } from '../reports/grading/grade.js';
import { renderGradeText } from '../reports/grading/text.js';
import { renderGradescope } from '../reports/grading/gradescope.js';
import { MAX_PARALLEL, defaultParallel } from '../harness/class/run.js';
import { FAIL_ON, failsRun, resolveFailOn, type FailOn } from './fail-on.js';
import { EXIT_FAILED, EXIT_OK, UsageError, integerOption, parseTarget } from './usage.js';
import { useColor, type CliIo, type CommandContext } from './io.js';

export const REPORTERS = ['console', 'json', 'junit', 'html', 'markdown', 'csv'] as const;
/** What a run writes when --reporter is not given. */
export const DEFAULT_REPORTERS = ['console', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];
export const DEFAULT_OUT_DIR = 'chatspec-report';
/** The conventional exit code of a run stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export interface TestFlags extends LaunchFlags {
  fixture?: string;
  only: string[];
  scenario: string[];
  strict: boolean;
  failOn?: FailOn;
  timeout: number;
  /** The largest reply read without its terminator, in bytes. */
  maxReply?: number;
  reporter: Reporter[];
  out: string;
  list: boolean;
  color?: boolean;
  progress: boolean;
  /** A class run: the servers of this targets file instead of one target. */
  targets?: string;
  /** Servers tested at once in a class run. */
  parallel?: number;
  /** Keep the passwords of auth lines in report.json (console and junit.xml always mask them). */
  keepSecrets?: boolean;
  /** A dialect file or a built-in dialect's name. */
  dialect?: string;
  /** Probe the target's dialect first and use what is found. */
  probe?: boolean;
  /** A rubric file; the default rubric when absent. */
  rubric?: string;
  /** Print the default rubric and exit. */
  printRubric?: boolean;
  /** A grading file: rubric, fixture, dialect or probe, timeout, pinned. */
  grading?: string;
  /** Write Gradescope's results.json here. */
  gradescope?: string;
}

/** What commander hands the action: boolean flags absent when not given. */
type CommandFlags = Omit<TestFlags, 'strict' | 'list' | 'reporter'> & {
  strict?: boolean;
  list?: boolean;
  reporter?: Reporter[];
};

/** What a class run writes when --reporter is not given: the matrix in every format. */
export const CLASS_DEFAULT_REPORTERS = ['console', 'html', 'markdown', 'csv', 'json'] as const;

/** Where the command writes: the real process from main.ts, a capture in tests. */
export type TestIo = CliIo;

export function collect(value: string, previous: string[]): string[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new InvalidArgumentError('expected a pattern');
  return [...previous, ...parts];
}

function repeatable(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function reporters(value: string): Reporter[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${REPORTERS.join(', ')}, got "${value}"`,
    );
  }
  return [...new Set(names)] as Reporter[];
}

/** Harness input errors (a bad scenario file, an unreachable target) are usage errors: exit 2. */
function asUsage(error: unknown): unknown {
  return isHarnessInputError(error) ? new UsageError(error.message, { cause: error }) : error;
}

function listScenarios(scenarios: readonly Scenario[]): string {
  const width = Math.min(48, Math.max(...scenarios.map((s) => s.id.length)));
  const lines = scenarios.map(
    (s) => `${s.id.padEnd(width)}  ${s.requirements.join(',').padEnd(22)}  ${s.title}`,
  );
  return `${lines.join('\n')}\n${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}\n`;
}

/** Writes the reports asked for: `masked` everywhere, `result` in report.json with --keep-secrets. */
async function writeReports(
  result: RunResult,
  masked: RunResult,
  flags: TestFlags,
): Promise<string[]> {
  const files: Array<[string, string]> = [];
  if (flags.reporter.includes('json')) {
    files.push([REPORT_FILES.json, renderJson(flags.keepSecrets === true ? result : masked)]);
  }
  if (flags.reporter.includes('junit')) files.push([REPORT_FILES.junit, renderJunit(masked)]);
  if (flags.reporter.includes('html')) files.push([REPORT_FILES.html, renderTestHtml(masked)]);
  if (flags.reporter.includes('markdown'))
    files.push([REPORT_FILES.markdown, renderMarkdown(masked)]);
  if (files.length === 0) return [];
  try {
    await mkdir(flags.out, { recursive: true });
    const written: string[] = [];
    for (const [name, text] of files) {
      const path = join(flags.out, name);
      await writeFile(path, text);
      written.push(path);
    }
    return written;
  } catch (error) {
    throw new UsageError(`cannot write reports to ${flags.out}: ${(error as Error).message}`, {
      cause: error,
    });
  }
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
  const flags: TestFlags =
    givenFlags.grading === undefined
      ? givenFlags
      : {
          ...givenFlags,
          ...(await loadGradingFile(givenFlags.grading, givenFlags, (line) =>
            io.stderr.write(`${line}\n`),
          )),
        };
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
  const rubric = await loadRubric(flags.rubric);
  const failOn = resolveFailOn(flags.failOn, flags.strict);
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
  // Checked before anything is read: a bad target or --run costs nothing (exit 2).
  launchOptionsFrom(flags, target);
  if (target !== undefined) parseTarget(target);
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

  if (flags.probe === true && flags.dialect !== undefined) {
    throw new UsageError('--probe and --dialect exclude each other: probe finds the dialect');
  }
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

  result = { ...result, grade: gradeOf(result, rubric) };
  const masked = new Secrets({
    ...(dialect ? { dialect } : {}),
    ...(fixture ? { fixture } : {}),
  }).maskResult(result);
  io.stdout.write(
    flags.reporter.includes('console')
      ? renderConsole(masked, { color })
      : `${renderSummaryLine(masked, color)}\n`,
  );
  io.stdout.write(renderGradeText(result.grade!, color));
  const written = await writeReports(result, masked, flags);
  if (flags.gradescope !== undefined) {
    try {
      await writeFile(
        flags.gradescope,
        `${JSON.stringify(renderGradescope({ ...masked, grade: result.grade! }), null, 2)}\n`,
      );
    } catch (error) {
      throw new UsageError(`cannot write ${flags.gradescope}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    written.push(flags.gradescope);
  }
  if (written.length > 0) io.stdout.write(`reports: ${written.join(', ')}\n`);
  if (controller.signal.aborted) return EXIT_INTERRUPTED;
  return failsRun(result.summary, failOn) ? EXIT_FAILED : EXIT_OK;
}

export function registerTest(program: Command, context: CommandContext): void {
  const command = program
    .command('test')
    .description(
      'run the conformance scenarios against HOST:PORT (default: the embedded reference server)',
    )
    .argument('[target]', 'the server under test, HOST:PORT (IPv6 as [::1]:8889)')
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .addOption(
      new Option(
        '--only <pattern>',
        'run only scenarios matching a requirement id (SEND-2), an area (FRAME), an id prefix or glob (auth/, */unknown-session); repeatable, comma-separated',
      )
        .argParser(collect)
        .default([], 'all'),
    )
    .addOption(
      new Option(
        '--scenario <file>',
        'run the scenarios of this YAML/JSON file instead of the built-in set; repeatable',
      )
        .argParser(repeatable)
        .default([], 'specs/scenarios/*.yaml'),
    )
    .option(
      '--dialect <file|name>',
      'the server speaks this dialect: a dialect file, or a built-in name (chatspec probe --list-dialects)',
    )
    .option('--probe', 'find the dialect with chatspec probe first, then test in it')
    .option('--strict', 'also fail on NON-STRICT and UNIMPLEMENTED (the same as --fail-on should)')
    .addOption(
      new Option(
        '--fail-on <level>',
        'what fails the run: must (FAIL or ERROR), should (also NON-STRICT and UNIMPLEMENTED), never (exit 0)',
      ).choices(FAIL_ON),
    )
    .option(
      '--timeout <ms>',
      'time each scenario may take in all (every read waits at most this)',
      integerOption(1, MAX_TIMEOUT_MS),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--max-reply <bytes>',
      'the largest reply read while waiting for its \\r\\n\\r\\n; a longer one is ERROR',
      integerOption(1024, MAX_REPLY_BYTES),
      DEFAULT_MAX_REPLY_BYTES,
    )
    .addOption(
      new Option('--reporter <list>', 'reports to produce, comma-separated')
        .argParser(reporters)
        .default(
          undefined,
          `${DEFAULT_REPORTERS.join(',')}; with --targets ${CLASS_DEFAULT_REPORTERS.join(',')}`,
        ),
    )
    .option(
      '--targets <file>',
      'a class run: test every server of this JSON/YAML file (name, address, fixture, dialect) and write the matrix',
    )
    .option(
      '--parallel <n>',
      `servers tested at once in a class run (default ${defaultParallel()} here: 24 per core, 8 to 64)`,
      integerOption(1, MAX_PARALLEL),
    )
    .option(
      '--out <dir>',
      'where report.json, junit.xml, report.html and summary.md go',
      DEFAULT_OUT_DIR,
    )
    .option('--list', 'list the selected scenarios and exit, running nothing')
    .option('--color', 'colour the console report (default: when stdout is a terminal)')
    .option('--no-color', 'never colour the console report')
    .option('--no-progress', 'no progress line on standard error')
    .option(
      '--rubric <file>',
      'score with this rubric (YAML; default: chatspec test --print-rubric)',
    )
    .option('--print-rubric', 'print the default rubric, to start a rubric from, and exit')
    .option(
      '--grading <file>',
      'a grading file pinning rubric, fixture, dialect or probe and timeout: the score the grader will see',
    )
    .option('--gradescope <file>', "also write Gradescope's results.json here")
    .option(
      '--keep-secrets',
      'keep the passwords of auth lines in report.json (masked as *** by default; always masked elsewhere)',
    );
  addLaunchOptions(command).action(async (target: string | undefined, flags: CommandFlags) => {
    const code = await runTestCommand(
      target,
      {
        ...flags,
        reporter:
          flags.reporter ??
          (flags.targets !== undefined ? [...CLASS_DEFAULT_REPORTERS] : [...DEFAULT_REPORTERS]),
        strict: flags.strict ?? false,
        list: flags.list ?? false,
      },
      context.io,
    );
    context.exitWith(code);
  });
}
