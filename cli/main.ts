/** The chatspec command line: the only place that prints results and exits. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { DialectError, FixtureError } from '../specs/index.js';
import { ServerOptionError } from '../reference-server/index.js';
import { stopAllLaunched } from '../launch/index.js';
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

type Register = (program: Command, context: CommandContext) => void;

/** Each command, in the order `--help` lists them, loaded only when it is needed. */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  serve: async () => (await import('./serve.js')).registerServe,
  load: async () => (await import('./load.js')).registerLoad,
  test: async () => (await import('./test.js')).registerTest,
  grade: async () => (await import('./grade.js')).registerGrade,
  fuzz: async () => (await import('./fuzz.js')).registerFuzz,
  probe: async () => (await import('./probe.js')).registerProbe,
  report: async () => (await import('./report.js')).registerReport,
  compare: async () => (await import('./compare.js')).registerCompare,
  chat: async () => (await import('./chat.js')).registerChat,
};

// A run names its command first: only that command's code is loaded, which keeps a load
// generator or a server process smaller by the other commands' modules (about 12 MB for
// `load`). Help, a version or a mistyped name get every command.
const named = process.argv[2];
const needed =
  named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
for (const register of await Promise.all(needed.map((name) => COMMANDS[name]!()))) {
  register(program, context);
}

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

/**
 * No server chatspec launched outlives it. A command that stops gracefully on a signal (a run
 * that still writes its reports, a server that closes) has its own listener and is left to
 * it; a second signal, or one no command handles, stops every launched server and exits at
 * once, 128 + the signal's number.
 */
const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  let seen = 0;
  process.on(signal, () => {
    if (++seen > 1 || process.listenerCount(signal) === 1) {
      void stopAllLaunched().finally(() => process.exit(EXIT_ON_SIGNAL[signal]));
    }
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  exitCode = exitCodeOf(error);
}
// Also when the command failed: whatever it launched is stopped before chatspec exits.
await stopAllLaunched();
// Exit only once what was written has left: on a pipe (a CI log, `| jq`) writes may still be
// queued, and exiting at once would cut a report short.
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((done) => stream.write('', () => done())),
  ),
);
process.exit(exitCode);
