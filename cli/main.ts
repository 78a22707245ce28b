/** The chatspec command line: the only place that prints results and exits. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { DialectError, FixtureError } from '../specs/index.js';
import { ServerOptionError } from '../reference-server/index.js';
import { registerCompare } from './compare.js';
import { registerChat } from './chat.js';
import { registerFuzz } from './fuzz.js';
import { registerLoad } from './load.js';
import { registerProbe } from './probe.js';
import { registerReport } from './report.js';
import { registerServe } from './serve.js';
import { registerTest } from './test.js';
import type { CliIo, CommandContext } from './io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command()
  .name('chatspec')
  .description('Conformance tests, fuzzing and load for the course chat protocol')
  .version(version)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  handleSignals: true,
};
let exitCode = EXIT_OK;
const context: CommandContext = {
  io,
  exitWith: (code) => {
    exitCode = code;
  },
};

registerServe(program, context);
registerLoad(program, context);
registerTest(program, context);
registerFuzz(program, context);
registerProbe(program, context);
registerReport(program, context);
registerCompare(program, context);
registerChat(program, context);

function isUsageProblem(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof FixtureError ||
    error instanceof DialectError ||
    error instanceof ServerOptionError
  );
}

/** The exit code for an error a command threw, with its one line on standard error. */
function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message; help and version are not errors.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (isUsageProblem(error)) {
    io.stderr.write(`chatspec: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    io.stderr.write(`chatspec: cannot listen: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`chatspec: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return 3;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  exitCode = exitCodeOf(error);
}
// A pipe takes what it can hold and Node writes the rest later: exiting at once would cut a
// long report (load --json with an audit) at the pipe's 64 KiB.
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
  ),
);
process.exit(exitCode);
