/**
 * `chatspec probe HOST:PORT`: find the dialect a server speaks and write it as a dialect
 * file (stdout, or --out), with a summary on standard error. Exits 0 when it could log in,
 * 1 when it could not (nothing else could be probed), 2 for bad usage or a target that
 * cannot be reached.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  BUILTIN_DIALECT_NAMES,
  builtinSpec,
  canonicalDialect,
  dialectDifferences,
  loadFixtureFile,
  Secrets,
  type Fixture,
} from '../specs/index.js';
import {
  DEFAULT_PROBE_BUDGET_MS,
  DEFAULT_PROBE_MAX_REQUESTS,
  DEFAULT_PROBE_TIMEOUT_MS,
  DialectProbeOptionError,
  probeDialect,
  type DialectProbeResult,
  renderDialectYaml,
  renderProbeSummary,
} from '../harness/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError, integerOption, parseTarget } from './usage.js';
import { addLaunchOptions, launchOptionsFrom, type LaunchFlags } from './launch-options.js';
import { openCommandTarget } from './launched.js';
import type { CommandContext } from './io.js';

export interface ProbeFlags extends LaunchFlags {
  fixture?: string;
  out?: string;
  timeout: number;
  budget: number;
  maxRequests: number;
  listDialects?: boolean;
}

export interface ProbeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** The built-in dialects, one per line: name, then what it says. */
export function formatDialectList(): string {
  const width = Math.max(...BUILTIN_DIALECT_NAMES.map((n) => n.length));
  return BUILTIN_DIALECT_NAMES.map(
    (n) => `${n.padEnd(width)}  ${builtinSpec(n).description ?? ''}`,
  ).join('\n');
}

/**
 * The probe's result with its secrets masked in what it says (notes that quote a request or a
 * reply), for the dialect file and the summary. The dialect it found says where a password is.
 */
export function maskedProbe(result: DialectProbeResult, fixture?: Fixture): DialectProbeResult {
  const secrets = new Secrets({ dialect: result.spec, ...(fixture ? { fixture } : {}) });
  return {
    ...result,
    findings: secrets.maskResult(result.findings),
    ...(result.stopped === undefined ? {} : { stopped: secrets.maskText(result.stopped) }),
  };
}

export async function runProbeCommand(
  target: string | undefined,
  flags: ProbeFlags,
  io: ProbeIo,
): Promise<number> {
  if (flags.listDialects === true) {
    io.stdout.write(`${formatDialectList()}\n`);
    return EXIT_OK;
  }
  if (target === undefined && flags.run === undefined) {
    throw new UsageError('probe needs a target, HOST:PORT, or --run');
  }
  if (target !== undefined) parseTarget(target);
  launchOptionsFrom(flags, target);
  const fixture = flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const { target: opened } = await openCommandTarget(target, flags, {}, io);
  let found;
  try {
    found = await probeDialect({
      dialer: opened.dialer,
      ...(fixture ? { fixture } : {}),
      timeoutMs: flags.timeout,
      budgetMs: flags.budget,
      maxRequests: flags.maxRequests,
    });
  } catch (error) {
    if (error instanceof DialectProbeOptionError) throw new UsageError(error.message);
    throw error;
  } finally {
    await opened.close();
  }
  const result = maskedProbe(found, fixture);
  if (result.unreachable !== undefined) {
    throw new UsageError(`cannot reach ${result.address}: ${result.unreachable}`);
  }
  const loggedIn = result.findings.some(
    (f) => f.path === 'commands.AUTH' && f.confidence !== 'assumed',
  );
  if (!loggedIn && result.abandoned === result.requests && result.requests > 0) {
    throw new UsageError(`${result.address} answered none of ${result.requests} requests`);
  }
  const yaml = renderDialectYaml(result);
  if (flags.out !== undefined) {
    try {
      await writeFile(flags.out, yaml);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.out}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } else {
    io.stdout.write(yaml);
  }
  const summary = renderProbeSummary(
    result,
    dialectDifferences(result.spec, canonicalDialect.spec),
  );
  io.stderr.write(
    `${summary}\n${flags.out !== undefined ? `dialect written to ${flags.out}\n` : ''}`,
  );
  return loggedIn ? EXIT_OK : EXIT_FAILED;
}

export function registerProbe(program: Command, context: CommandContext): void {
  const command = program
    .command('probe')
    .description(
      'find the dialect a server speaks (its spelling of commands, reply keys and shapes, error texts) with harmless requests, and write it as a dialect file',
    )
    .argument('[target]', 'the server, HOST:PORT (IPv6 as [::1]:8889)')
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .option('--out <file>', 'write the dialect file here (default: standard output)')
    .option(
      '--timeout <ms>',
      'time one request may take; a connection silent this long is abandoned',
      integerOption(10, 600_000),
      DEFAULT_PROBE_TIMEOUT_MS,
    )
    .option(
      '--budget <ms>',
      'time the whole probe may take',
      integerOption(100, 3_600_000),
      DEFAULT_PROBE_BUDGET_MS,
    )
    .option(
      '--max-requests <n>',
      'requests the whole probe may send',
      integerOption(10, 10_000),
      DEFAULT_PROBE_MAX_REQUESTS,
    )
    .option('--list-dialects', 'list the built-in dialects, one per line, and exit');
  addLaunchOptions(command).action(async (target: string | undefined, flags: ProbeFlags) => {
    context.exitWith(await runProbeCommand(target, flags, context.io));
  });
}
