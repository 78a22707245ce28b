/**
 * `chatspec test [HOST:PORT]`: the conformance suite against a server, or, with no target,
 * against the embedded reference server on an ephemeral port (`npm start`). Prints the
 * console report, writes report.json and junit.xml to --out, and exits 0 (no FAIL or ERROR;
 * with --strict also no NON-STRICT or UNIMPLEMENTED), 1 (the server broke a rule) or 2 (bad
 * usage: a flag, a fixture or scenario file, a target that cannot be reached).
 */
import { Option, type Command } from 'commander';
import {
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_REPLY_BYTES,
  MAX_TIMEOUT_MS,
} from '../harness/index.js';
import { MAX_PARALLEL, defaultParallel } from '../harness/class/run.js';
import { addLaunchOptions } from './launch-options.js';
import { FAIL_ON } from './fail-on.js';
import {
  CLASS_DEFAULT_REPORTERS,
  DEFAULT_OUT_DIR,
  DEFAULT_REPORTERS,
  collect,
  repeatable,
  reporters,
  type CommandFlags,
} from './test-flags.js';
import { runTestCommand } from './test-run.js';
import { integerOption } from './usage.js';
import type { CommandContext } from './io.js';

export {
  CLASS_DEFAULT_REPORTERS,
  DEFAULT_OUT_DIR,
  DEFAULT_REPORTERS,
  EXIT_INTERRUPTED,
  REPORTERS,
  collect,
  reporters,
  type Reporter,
  type TestFlags,
  type TestIo,
} from './test-flags.js';
export { runTestCommand } from './test-run.js';

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
