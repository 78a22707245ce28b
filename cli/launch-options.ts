/**
 * The options that start the server under test from its command (`--run`), defined once for
 * every command that takes them (test, grade, fuzz, load, probe, chat): `addLaunchOptions`
 * adds them to a commander Command, `launchOptionsFrom` turns what was parsed into the
 * launcher's options. Defaults are the launcher's own (launch/options.ts, docs/launch.md).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LAUNCH_DEFAULTS, type Isolation } from '../launch/index.js';
import { DEFAULT_MAX_RESTARTS, type LaunchedTargetOptions } from '../target/launched.js';
import { UsageError, integerOption } from './usage.js';

const MiB = 1024 * 1024;
const ISOLATIONS = ['auto', 'namespace', 'none'] as const satisfies readonly Isolation[];

/** What commander hands over for the launch options. */
export interface LaunchFlags {
  run?: string;
  cwd?: string;
  port?: number;
  setup?: string;
  isolation?: Isolation;
  /** Seconds. */
  startTimeout?: number;
  /** Seconds. */
  setupTimeout?: number;
  /** Seconds. */
  deadline?: number;
  /** MiB. */
  maxMemory?: number;
  maxRestarts?: number;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > 24 * 3600) {
    throw new InvalidArgumentError(`expected seconds, more than 0, got "${value}"`);
  }
  return n;
}

/**
 * Adds the launch options. `grade` takes the folders as arguments, so `--cwd` is left out
 * there (`cwd: false`); `chat` has a `--port` of its own (its web page's), so the launched
 * server's port is left out there (`port: false`).
 */
export function addLaunchOptions(
  command: Command,
  { cwd = true, port = true }: { readonly cwd?: boolean; readonly port?: boolean } = {},
): Command {
  const d = LAUNCH_DEFAULTS;
  command.option(
    '--run <command>',
    'start the server with this command (through /bin/sh), test it, and stop it again',
  );
  if (cwd) command.option('--cwd <dir>', "the server's folder for --run (default: this folder)");
  if (port) {
    command.option(
      '--port <n>',
      'with --run: the port to test, when the server opens several',
      integerOption(1, 65_535),
    );
  }
  return command
    .option('--setup <command>', 'with --run: run once before the server (compiling), offline')
    .addOption(
      new Option('--isolation <mode>', 'with --run: a network namespace per server, or none')
        .choices(ISOLATIONS)
        .default(d.isolation),
    )
    .option(
      '--start-timeout <s>',
      `with --run: seconds until the server listens (default: ${d.startTimeoutMs / 1000})`,
      seconds,
    )
    .option(
      '--setup-timeout <s>',
      `with --run: seconds the setup may take (default: ${d.setupTimeoutMs / 1000})`,
      seconds,
    )
    .option(
      '--deadline <s>',
      `with --run: seconds the server may live (default: ${d.deadlineMs / 1000})`,
      seconds,
    )
    .option(
      '--max-memory <MiB>',
      `with --run: resident memory of the server's processes (default: ${d.memoryLimitBytes / MiB})`,
      integerOption(1, 1024 * 1024),
    )
    .option(
      '--max-restarts <n>',
      `with --run: restarts after the server exits (default: ${DEFAULT_MAX_RESTARTS})`,
      integerOption(0, 100),
    );
}

/** Whether any option that only makes sense with --run was given without it. */
function strayLaunchFlag(flags: LaunchFlags): string | undefined {
  const names: Array<[keyof LaunchFlags, string]> = [
    ['cwd', '--cwd'],
    ['port', '--port'],
    ['setup', '--setup'],
    ['startTimeout', '--start-timeout'],
    ['setupTimeout', '--setup-timeout'],
    ['deadline', '--deadline'],
    ['maxMemory', '--max-memory'],
    ['maxRestarts', '--max-restarts'],
  ];
  return names.find(([key]) => flags[key] !== undefined)?.[1];
}

/**
 * The launcher's options from the flags; undefined without --run. `target`: the HOST:PORT
 * given too, if any (a usage error beside --run). `command`: the class default for grade.
 */
export function launchOptionsFrom(
  flags: LaunchFlags,
  target?: string,
): LaunchedTargetOptions | undefined {
  if (flags.run === undefined) {
    const stray = strayLaunchFlag(flags);
    if (stray !== undefined) throw new UsageError(`${stray} goes with --run`);
    return undefined;
  }
  if (target !== undefined) {
    throw new UsageError(
      `give a target (${target}) or --run, not both: --run starts the server it tests`,
    );
  }
  return { command: flags.run, cwd: flags.cwd ?? '.', ...launchLimitsFrom(flags) };
}

/** Everything of the launch options but the command and folder: a class's common limits. */
export function launchLimitsFrom(
  flags: LaunchFlags,
): Omit<LaunchedTargetOptions, 'command' | 'cwd'> {
  const ms = (s: number | undefined): number | undefined =>
    s === undefined ? undefined : Math.round(s * 1000);
  const startTimeoutMs = ms(flags.startTimeout);
  const setupTimeoutMs = ms(flags.setupTimeout);
  const deadlineMs = ms(flags.deadline);
  return {
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.setup !== undefined ? { setup: flags.setup } : {}),
    isolation: flags.isolation ?? LAUNCH_DEFAULTS.isolation,
    ...(startTimeoutMs !== undefined ? { startTimeoutMs } : {}),
    ...(setupTimeoutMs !== undefined ? { setupTimeoutMs } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    ...(flags.maxMemory !== undefined ? { memoryLimitBytes: flags.maxMemory * MiB } : {}),
    ...(flags.maxRestarts !== undefined ? { maxRestarts: flags.maxRestarts } : {}),
  };
}

/** The launch options as given, as words of a command line that starts the same server. */
export function launchWords(flags: LaunchFlags): string[] {
  if (flags.run === undefined) return [];
  const words = ['--run', flags.run];
  if (flags.cwd !== undefined) words.push('--cwd', flags.cwd);
  if (flags.port !== undefined) words.push('--port', String(flags.port));
  if (flags.setup !== undefined) words.push('--setup', flags.setup);
  if (flags.isolation !== undefined && flags.isolation !== LAUNCH_DEFAULTS.isolation)
    words.push('--isolation', flags.isolation);
  return words;
}
