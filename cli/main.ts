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
import { EXIT_USAGE, UsageError } from './usage.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command()
  .name('chatspec')
  .description('Conformance tests, fuzzing and load for the course chat protocol')
  .version(version)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerServe(program);
registerLoad(program);
registerTest(program);
registerFuzz(program);
registerProbe(program);
registerReport(program);
registerCompare(program);
registerChat(program);

function isUsageProblem(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof FixtureError ||
    error instanceof DialectError ||
    error instanceof ServerOptionError
  );
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its own message; help and version are not errors.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  if (isUsageProblem(error)) {
    process.stderr.write(`chatspec: ${(error as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    process.stderr.write(`chatspec: cannot listen: ${(error as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
  process.stderr.write(`chatspec: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
}
