/**
 * `chatspec fuzz [HOST:PORT]`: property-based fuzzing against a server, or, with no target,
 * against the embedded reference server. Prints the summary and, for a failure, the shrunk
 * case with the command that replays it; writes fuzz-report.json and the failure as a
 * scenario file to --out. Exits 0 (no failure), 1 (a failing case) or 2 (bad usage, or a
 * target that cannot be fuzzed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  Secrets,
  loadFixtureFile,
  resolveDialect,
  type Dialect,
  type Fixture,
} from '../specs/index.js';
import type { Dialer } from '../net/index.js';
import { embeddedTarget, type Target } from '../target/index.js';
import { addLaunchOptions, launchWords, type LaunchFlags } from './launch-options.js';
import { openCommandTarget } from './launched.js';
import {
  DEFAULT_MAX_COMMANDS,
  FUZZ_DEFAULTS,
  FUZZ_LIMITS,
  FuzzOptionError,
  FuzzSetupError,
  renderFailure,
  renderSummary,
  resolveFuzzOptions,
  runFuzz,
} from '../harness/fuzz/index.js';
import { type FuzzEvent, type FuzzMode, type FuzzResult } from '../results/index.js';
import { renderFuzzHtml } from '../reports/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError, integerOption, parseTarget } from './usage.js';
import type { CommandContext } from './io.js';

export const DEFAULT_FUZZ_OUT_DIR = 'chatspec-report';
export const FUZZ_REPORT_FILE = 'fuzz-report.json';
export const FUZZ_HTML_FILE = 'fuzz-report.html';

function fuzzReporters(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0 || names.some((n) => !['console', 'json', 'html'].includes(n))) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of console, json, html, got "${value}"`,
    );
  }
  return names;
}

export interface FuzzFlags extends LaunchFlags {
  fixture?: string;
  runs: number;
  maxCommands?: number;
  seed?: number;
  path?: string;
  timeout: number;
  out: string;
  parallel: boolean;
  framing: boolean;
  connections: number;
  branches: number;
  maxFileBytes: number;
  shrinkTime: number;
  strict: boolean;
  restart?: string;
  progress: boolean;
  /** A dialect file or a built-in dialect's name. */
  dialect?: string;
  /** Reports besides the console: json (fuzz-report.json, always written) and html. */
  reporter?: string[];
  /** Keep the passwords of auth lines in fuzz-report.json (masked everywhere else). */
  keepSecrets?: boolean;
}

/** Where the command writes; the real process by default, a capture in tests. */
export interface FuzzIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** How long a restarted target may take to accept connections again. */
export const RESTART_WAIT_MS = 10_000;

/** How long one look at whether the restarted target accepts connections may take. */
const ACCEPTS_TIMEOUT_MS = 1000;

function accepts(dialer: Dialer): Promise<boolean> {
  return dialer.dial(ACCEPTS_TIMEOUT_MS).then(
    (socket) => {
      socket.destroy();
      return true;
    },
    () => false,
  );
}

/**
 * `--restart CMD`: when the target stops answering, run CMD (in a shell) and wait until it
 * accepts connections again, so that shrinking can go on. The processes started this way
 * are the command's to stop at the end, each by its own process group.
 */
type Restarter = ReturnType<typeof restarter>;

function restarter(command: string, dialer: Dialer) {
  const started: ChildProcess[] = [];
  return {
    async restart(): Promise<void> {
      const child = spawn(command, { shell: true, stdio: 'ignore', detached: true });
      started.push(child);
      const deadline = performance.now() + RESTART_WAIT_MS;
      while (performance.now() < deadline) {
        if (await accepts(dialer)) return;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(
        `${dialer.address} did not come back within ${RESTART_WAIT_MS} ms of: ${command}`,
      );
    },
    stop(): void {
      for (const child of started) {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
          continue;
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
    },
  };
}

function pathOption(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) {
    throw new InvalidArgumentError(
      `expected a path like 12:0:3 from a failure report, got "${value}"`,
    );
  }
  return value;
}

function modeOf(flags: FuzzFlags): FuzzMode {
  if (flags.parallel && flags.framing)
    throw new UsageError('--parallel and --framing exclude each other');
  return flags.parallel ? 'parallel' : flags.framing ? 'framing' : 'sequential';
}

function progressLine(event: FuzzEvent, runs: number): string | undefined {
  switch (event.type) {
    case 'run':
      return `fuzz: case ${event.run}/${runs}`;
    case 'failure-found':
      return `fuzz: case ${event.run} failed; shrinking`;
    case 'shrink':
      return `fuzz: shrinking: ${event.attempts} smaller cases tried, ${event.shrinks} still failing`;
    default:
      return undefined;
  }
}

async function writeOutputs(
  result: FuzzResult,
  out: string,
  html: string | undefined,
): Promise<{ report: string; scenario?: string }> {
  try {
    await mkdir(out, { recursive: true });
    const report = join(out, FUZZ_REPORT_FILE);
    await writeFile(report, `${JSON.stringify(result, null, 2)}\n`);
    if (html !== undefined) await writeFile(join(out, FUZZ_HTML_FILE), html);
    if (result.scenario === undefined) return { report };
    const scenario = join(out, result.scenario.fileName);
    await writeFile(scenario, result.scenario.yaml);
    return { report, scenario };
  } catch (error) {
    throw new UsageError(`cannot write to ${out}: ${(error as Error).message}`, { cause: error });
  }
}

/** What the embedded reference server speaks: the run's fixture and dialect. */
function embeddedOptions(
  fixture: Fixture | undefined,
  dialect: Dialect | undefined,
): { fixture?: Fixture; dialect?: Dialect['spec'] } {
  return {
    ...(fixture ? { fixture } : {}),
    ...(dialect ? { dialect: dialect.spec } : {}),
  };
}

/** Runs the command; resolves with the exit code. Throws UsageError for exit 2. */
export async function runFuzzCommand(
  target: string | undefined,
  flags: FuzzFlags,
  io: FuzzIo,
): Promise<number> {
  const mode = modeOf(flags);
  const address = target === undefined ? undefined : parseTarget(target);
  const fixture: Fixture | undefined =
    flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  // Read before anything runs, so a broken dialect file costs nothing (exit 2).
  const dialect = flags.dialect === undefined ? undefined : resolveDialect(flags.dialect, fixture);
  if (flags.restart !== undefined && address === undefined) {
    throw new UsageError('--restart needs a HOST:PORT target: the embedded server does not die');
  }
  let revive: Restarter | undefined;
  let opened: Target | undefined;
  let result: FuzzResult;
  const progress = flags.progress && io.stderr.isTTY === true;
  try {
    ({ target: opened } = await openCommandTarget(
      target,
      flags,
      embeddedOptions(fixture, dialect),
      io,
    ));
    const reviver =
      flags.restart === undefined ? undefined : restarter(flags.restart, opened.dialer);
    revive = reviver;
    const options = resolveFuzzOptions({
      ...(dialect ? { dialect } : {}),
      mode,
      target: {
        dialer: opened.dialer,
        embedded: opened.kind === 'embedded',
      },
      ...(fixture ? { fixture } : {}),
      runs: flags.runs,
      ...(flags.maxCommands !== undefined ? { maxCommands: flags.maxCommands } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.path !== undefined ? { path: flags.path } : {}),
      timeoutMs: flags.timeout,
      connections: flags.connections,
      branches: flags.branches,
      maxFileBytes: flags.maxFileBytes,
      shrinkTimeMs: flags.shrinkTime,
      strict: flags.strict,
      ...(reviver !== undefined ? { restart: () => reviver.restart() } : {}),
      // The embedded server can be started afresh for each replay of a failing case.
      ...(opened.kind === 'embedded'
        ? { freshServer: () => embeddedTarget(embeddedOptions(fixture, dialect)) }
        : {}),
    });
    result = await runFuzz(options, (event) => {
      if (!progress) return;
      const line = progressLine(event, options.runs);
      if (line !== undefined) io.stderr.write(`\r\x1b[2K${line}`);
      if (event.type === 'done') io.stderr.write('\r\x1b[2K');
    });
  } catch (error) {
    if (error instanceof FuzzOptionError || error instanceof FuzzSetupError) {
      throw new UsageError(error.message, { cause: error });
    }
    throw error;
  } finally {
    await opened?.close();
    revive?.stop();
  }

  const launch = launchWords(flags);
  result = {
    ...result,
    replayContext: {
      ...(target !== undefined ? { target } : {}),
      ...(launch.length > 0 ? { launch } : {}),
      ...(flags.fixture !== undefined ? { fixture: flags.fixture } : {}),
      ...(flags.dialect !== undefined ? { dialect: flags.dialect } : {}),
    },
  };
  const html = flags.reporter?.includes('html') ?? false;
  // The scenario file is kept whole: it names passwords by role, and replaying it needs them.
  const masked = new Secrets({
    ...(dialect ? { dialect } : {}),
    ...(fixture ? { fixture } : {}),
  }).maskResult(result, ['scenario']);
  const written = await writeOutputs(
    flags.keepSecrets === true ? result : masked,
    flags.out,
    html ? renderFuzzHtml(masked) : undefined,
  );
  // What is printed is masked too: a terminal's scrollback and a CI log are kept.
  io.stdout.write(`${renderSummary(masked).join('\n')}\n`);
  if (masked.failure !== undefined) {
    io.stdout.write(
      `${renderFailure(masked.failure, masked.replayContext ?? {}, written.scenario, masked.reproduction).join('\n')}\n`,
    );
    if (masked.scenarioNote !== undefined) io.stdout.write(`(${masked.scenarioNote})\n`);
  }
  io.stdout.write(
    `report: ${written.report}${html ? `, ${join(flags.out, FUZZ_HTML_FILE)}` : ''}\n`,
  );
  return masked.passed ? EXIT_OK : EXIT_FAILED;
}

export function registerFuzz(program: Command, context: CommandContext): void {
  const [minSeed, maxSeed] = [-0x8000_0000, 0xffff_ffff];
  const command = program
    .command('fuzz')
    .description(
      'property-based fuzzing against HOST:PORT (default: the embedded reference server): random command sequences checked against the model, shrunk on failure',
    )
    .argument('[target]', 'the server under test, HOST:PORT (IPv6 as [::1]:8889)')
    .option('--fixture <file>', "users and groups as JSON (default: the seed document's)")
    .option(
      '--dialect <file|name>',
      'the server speaks this dialect: a dialect file, or a built-in name (chatspec probe --list-dialects)',
    )
    .option(
      '--parallel',
      'parallel mode: a prefix, then 2-3 branches at once, checked for linearizability',
      false,
    )
    .option(
      '--framing',
      'framing mode: random byte streams, each followed by a liveness probe',
      false,
    )
    .option(
      '--runs <n>',
      'cases to generate',
      integerOption(...FUZZ_LIMITS.runs),
      FUZZ_DEFAULTS.runs,
    )
    .option(
      '--max-commands <n>',
      `commands per case (chunks per stream in --framing); default ${DEFAULT_MAX_COMMANDS.sequential}, --parallel ${DEFAULT_MAX_COMMANDS.parallel}, --framing ${DEFAULT_MAX_COMMANDS.framing}`,
      integerOption(...FUZZ_LIMITS.maxCommands),
    )
    .option(
      '--seed <n>',
      'seed of the random generation (default: a random one, printed)',
      integerOption(minSeed, maxSeed),
    )
    .option(
      '--path <p>',
      'replay one case: the path a failure report gives, with its --seed',
      pathOption,
    )
    .option(
      '--timeout <ms>',
      'how long a connect or a reply may take',
      integerOption(...FUZZ_LIMITS.timeoutMs),
      FUZZ_DEFAULTS.timeoutMs,
    )
    .option(
      '--connections <n>',
      'connections a case spreads its commands over',
      integerOption(...FUZZ_LIMITS.connections),
      FUZZ_DEFAULTS.connections,
    )
    .option(
      '--branches <n>',
      'parallel branches (2 or 3)',
      integerOption(...FUZZ_LIMITS.branches),
      FUZZ_DEFAULTS.branches,
    )
    .option(
      '--max-file-bytes <n>',
      'largest file a case sends',
      integerOption(...FUZZ_LIMITS.maxFileBytes),
      FUZZ_DEFAULTS.maxFileBytes,
    )
    .option(
      '--shrink-time <ms>',
      'how long shrinking may take before the smallest failing case found is reported',
      integerOption(...FUZZ_LIMITS.shrinkTimeMs),
      FUZZ_DEFAULTS.shrinkTimeMs,
    )
    .option(
      '--restart <command>',
      'a shell command that starts the target again when it stops answering, so a crash can be shrunk',
    )
    .option('--strict', 'also fail on NON-STRICT and UNIMPLEMENTED', false)
    .option(
      '--reporter <list>',
      'console and json are always written; add html for fuzz-report.html',
      fuzzReporters,
    )
    .option(
      '--out <dir>',
      `where ${FUZZ_REPORT_FILE} and a failure's scenario file go`,
      DEFAULT_FUZZ_OUT_DIR,
    )
    .option(
      '--keep-secrets',
      `keep the passwords of auth lines in ${FUZZ_REPORT_FILE} (masked as *** by default; always masked elsewhere)`,
    )
    .option('--no-progress', 'no progress line on standard error')
    .option(
      '--no-color',
      'no colour (fuzz never colours its output; accepted as by test and load)',
    );
  addLaunchOptions(command).action(async (target: string | undefined, flags: FuzzFlags) => {
    context.exitWith(await runFuzzCommand(target, flags, context.io));
  });
}
