/** `chatspec serve`: run the reference server in the foreground. */
import type { Command } from 'commander';
import { loadFixtureFile } from '../specs/index.js';
import {
  DEFAULT_PORT,
  DEFAULT_SERVER_OPTIONS,
  formatDefectList,
  formatProfileList,
  startServer,
} from '../reference-server/index.js';
import { untilStopped, type CliIo, type CommandContext } from './io.js';
import { EXIT_OK, integerOption } from './usage.js';

interface ServeFlags {
  host: string;
  port: number;
  fixture?: string;
  maxLine: number;
  maxPendingLines: number;
  idleTimeout: number;
  maxConnections: number;
  log: boolean;
  defect: string[];
  listDefects: boolean;
  profile?: string;
  listProfiles: boolean;
  dialect?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the server until SIGINT or SIGTERM; resolves with the exit code. */
export async function runServeCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  if (flags.listDefects) {
    io.stdout.write(`${formatDefectList().join('\n')}\n`);
    return EXIT_OK;
  }
  if (flags.listProfiles) {
    io.stdout.write(`${formatProfileList().join('\n')}\n`);
    return EXIT_OK;
  }
  const fixture = flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const server = await startServer({
    host: flags.host,
    port: flags.port,
    ...(fixture ? { fixture } : {}),
    maxLineBytes: flags.maxLine,
    maxPendingLineBytes: flags.maxPendingLines,
    idleTimeoutMs: flags.idleTimeout,
    maxConnections: flags.maxConnections,
    defects: flags.defect,
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.dialect !== undefined ? { dialect: flags.dialect } : {}),
    ...(flags.log ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {}),
  });
  io.stdout.write(`chatspec reference server listening on ${server.address}\n`);
  if (flags.profile !== undefined) {
    io.stderr.write(
      `profile ${flags.profile}: \`chatspec serve --list-profiles\` shows what it does\n`,
    );
  }
  if (flags.dialect !== undefined) {
    io.stderr.write(`speaking dialect ${flags.dialect}\n`);
  }
  if (flags.defect.length > 0) {
    io.stderr.write(`defective on purpose: ${flags.defect.join(', ')}\n`);
  }
  return untilStopped(io, () => server.close(), { sayExiting: true });
}

export function registerServe(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .description('run the reference server (the oracle) until SIGINT or SIGTERM')
    .option('--host <host>', 'address to listen on', DEFAULT_SERVER_OPTIONS.host)
    .option(
      '--port <port>',
      'port to listen on (0: any free port)',
      integerOption(0, 65_535),
      DEFAULT_PORT,
    )
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .option(
      '--max-line <bytes>',
      'longest request line accepted',
      integerOption(64, 1024 ** 3),
      DEFAULT_SERVER_OPTIONS.maxLineBytes,
    )
    .option(
      '--max-pending-lines <bytes>',
      'unfinished request lines held across all connections; the one that passes it is refused',
      integerOption(64, 16 * 1024 ** 3),
      DEFAULT_SERVER_OPTIONS.maxPendingLineBytes,
    )
    .option(
      '--idle-timeout <ms>',
      'close a connection that sends nothing this long (0: never; course clients wait on their user for minutes and some spin once closed)',
      integerOption(0, 86_400_000),
      DEFAULT_SERVER_OPTIONS.idleTimeoutMs,
    )
    .option(
      '--max-connections <n>',
      'connections held at once; a new one past it closes the longest idle connection',
      integerOption(1, 1_000_000),
      DEFAULT_SERVER_OPTIONS.maxConnections,
    )
    .option('--log', 'log every request to standard error (passwords masked)', false)
    .option(
      '--defect <name[=value]>',
      'misbehave in this one way, to prove a checker catches it (repeatable; see --list-defects)',
      collect,
      [],
    )
    .option(
      '--dialect <file|name>',
      'speak this dialect (a dialect file, or a built-in name: chatspec probe --list-dialects)',
    )
    .option(
      '--list-defects',
      'print every defect, one per line (name, then what it does), and exit',
    )
    .option(
      '--profile <name>',
      'behave like a kind of server from the wild (its defects; --defect adds more; see --list-profiles)',
    )
    .option('--list-profiles', 'print every profile with its description and its defects, and exit')
    .action(async (flags: ServeFlags) => {
      context.exitWith(await runServeCommand(flags, context.io));
    });
}
