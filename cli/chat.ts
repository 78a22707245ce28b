/**
 * `chatspec chat [HOST:PORT]`: chat as a person with any server of the protocol. A web page
 * served on loopback (the default) or, with --terminal, a prompt. With no target it starts
 * the embedded reference server, so `npx chatspec chat` is a working chat at once.
 */
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  DialectError,
  canonicalDialect,
  dialectDifferences,
  resolveDialect,
  loadFixtureFile,
  type Dialect,
  type Fixture,
  SEED_FIXTURE,
} from '../specs/index.js';
import type { Dialer } from '../net/index.js';
import { addLaunchOptions, launchOptionsFrom, type LaunchFlags } from './launch-options.js';
import { openCommandTarget } from './launched.js';
import { DialectProbeOptionError, probeDialect, renderProbeSummary } from '../harness/index.js';
import { BRIDGE_DEFAULTS, BridgeOptionError } from '../client/bridge/options.js';
import { startChatBridge } from '../client/bridge/server.js';
import { WebAssetsMissingError, defaultWebRoot } from '../client/bridge/static.js';
import { runTerminal } from './chat-terminal.js';
import { maskedProbe } from './probe.js';
import { untilStopped, type CliIo, type CommandContext } from './io.js';
import { UsageError, integerOption, parseTarget } from './usage.js';

/** `--port` is the web page's here; a launched server's port is found, never given. */
interface ChatFlags extends Omit<LaunchFlags, 'port'> {
  host: string;
  port: number;
  dialect?: string;
  probe?: boolean;
  fixture?: string;
  pollMs: number;
  timeout: number;
  maxSessions: number;
  maxMessageBytes: number;
  terminal?: boolean;
  json?: boolean;
  downloadDir: string;
}

/** The dialect named by `--dialect` (a built-in name or a file), read before anything starts. */
function givenDialect(flags: ChatFlags, fixture: Fixture): Dialect | undefined {
  if (flags.probe === true && flags.dialect !== undefined) {
    throw new UsageError('--probe and --dialect exclude each other: probe finds the dialect');
  }
  if (flags.dialect === undefined) return undefined;
  try {
    return resolveDialect(flags.dialect, fixture);
  } catch (error) {
    if (error instanceof DialectError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** `--probe`: finds the target's dialect with chatspec probe's engine, and says what it found. */
async function probedDialect(dialer: Dialer, fixture: Fixture, io: CliIo): Promise<Dialect> {
  try {
    const found = await probeDialect({ dialer, fixture });
    io.stderr.write(
      `${renderProbeSummary(maskedProbe(found, fixture), dialectDifferences(found.spec, canonicalDialect.spec))}\n`,
    );
    return found.dialect;
  } catch (error) {
    if (error instanceof DialectProbeOptionError)
      throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export function registerChat(program: Command, context: CommandContext): void {
  const command = program
    .command('chat')
    .description('chat as a person: a web page (or --terminal) talking to the server')
    .argument('[target]', 'HOST:PORT of the server (default: start the embedded reference server)')
    .option(
      '--host <host>',
      'address the web page is served on (loopback unless you say otherwise)',
      BRIDGE_DEFAULTS.host,
    )
    .option(
      '--port <port>',
      'port the web page is served on (0: any free port)',
      integerOption(0, 65_535),
      0,
    )
    .option('--dialect <file|name>', 'how the server spells the protocol (default: canonical)')
    .option('--probe', 'find the dialect first (as chatspec probe does), then chat in it')
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .option(
      '--poll-ms <ms>',
      'how often the page reads the inbox',
      integerOption(50, 3_600_000),
      BRIDGE_DEFAULTS.pollMs,
    )
    .option(
      '--timeout <ms>',
      'how long a connect or one reply may take',
      integerOption(100, 600_000),
      BRIDGE_DEFAULTS.timeoutMs,
    )
    .option(
      '--max-sessions <n>',
      'browser sessions at once',
      integerOption(1, 10_000),
      BRIDGE_DEFAULTS.maxSessions,
    )
    .option(
      '--max-message-bytes <n>',
      'largest message from a page (a file to send travels in one; files up to 3/4 of this)',
      integerOption(16 * 1024, 1024 * 1024 * 1024),
      BRIDGE_DEFAULTS.maxMessageBytes,
    )
    .option('--terminal', 'a prompt in this terminal instead of a web page')
    .option('--json', 'with --terminal: print each result as one JSON line')
    .option('--download-dir <dir>', 'with --terminal: where download_file saves files', '.');
  addLaunchOptions(command, { port: false }).action(
    async (target: string | undefined, flags: ChatFlags) => {
      context.exitWith(await runChatCommand(target, flags, context.io));
    },
  );
}

/** Chats in the browser (or at a prompt) until SIGINT or SIGTERM; resolves with the exit code. */
export async function runChatCommand(
  target: string | undefined,
  flags: ChatFlags,
  io: CliIo,
): Promise<number> {
  launchOptionsFrom({ ...flags, port: undefined }, target);
  if (target !== undefined) parseTarget(target);
  const fixture: Fixture =
    flags.fixture === undefined ? SEED_FIXTURE : await loadFixtureFile(flags.fixture);
  const given = givenDialect(flags, fixture);
  // The embedded server speaks the dialect asked for, so a dialect file can be tried out.
  const { target: server } = await openCommandTarget(
    target,
    { ...flags, port: undefined },
    { fixture, ...(given === undefined ? {} : { dialect: given.spec }) },
    io,
  );
  if (server.kind === 'embedded') io.stderr.write(`chatspec chat: ${server.description}\n`);
  const dialect =
    flags.probe === true
      ? await probedDialect(server.dialer, fixture, io)
      : (given ?? canonicalDialect);

  if (flags.terminal === true) {
    try {
      await mkdir(flags.downloadDir, { recursive: true });
    } catch (error) {
      throw new UsageError(`--download-dir ${flags.downloadDir}: ${(error as Error).message}`);
    }
    const code = await runTerminal(
      {
        dialer: server.dialer,
        dialect,
        fixture,
        timeoutMs: flags.timeout,
        maxMessageBytes: flags.maxMessageBytes,
        downloadDir: flags.downloadDir,
        json: flags.json === true,
      },
      io,
    );
    await server.close();
    return code;
  }

  if (!isLoopbackHost(flags.host)) {
    io.stderr.write(
      `chatspec chat: serving the page on ${flags.host}: anyone who can reach it can chat as the users they log in as\n`,
    );
  }
  let bridge;
  try {
    bridge = await startChatBridge({
      host: flags.host,
      port: flags.port,
      target: server.dialer,
      dialect,
      fixture,
      pollMs: flags.pollMs,
      timeoutMs: flags.timeout,
      maxSessions: flags.maxSessions,
      maxMessageBytes: flags.maxMessageBytes,
      maxReplyBytes: Math.max(flags.maxMessageBytes * 2, BRIDGE_DEFAULTS.maxReplyBytes),
      webRoot: defaultWebRoot(),
    });
  } catch (error) {
    await server.close();
    if (error instanceof BridgeOptionError || error instanceof WebAssetsMissingError) {
      throw new UsageError(error.message, { cause: error });
    }
    throw error;
  }
  io.stdout.write(
    `chatspec chat: open ${bridge.url} (server ${server.dialer.address}, dialect ${dialect.name})\n`,
  );
  return untilStopped(io, () => Promise.all([bridge.close(), server.close()]));
}
