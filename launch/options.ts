/**
 * What a launch needs to know, validated and frozen before anything starts. Every bad value is
 * a one-line LaunchOptionError naming the option, so the command line can print it as it is.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** `auto`: a namespace where the OS allows one, else `none`. */
export type Isolation = 'auto' | 'namespace' | 'none';

export interface LaunchOptions {
  /** Run through `/bin/sh -c`, as typed in a terminal: `python3 server_thread_chat.py`. */
  readonly command: string;
  /** The server's folder; the server runs in a scratch copy of it, never in it. */
  readonly cwd: string;
  /** The port to test; required when the server opens several listeners. */
  readonly port?: number;
  readonly isolation?: Isolation;
  /** Run once before the server, in the scratch folder, with the same isolation (compiling). */
  readonly setup?: string;
  readonly setupTimeoutMs?: number;
  /** From the server's start until it listens. */
  readonly startTimeoutMs?: number;
  /** Wall clock for the server's whole life; past it the server is killed. */
  readonly deadlineMs?: number;
  /** Resident memory of the server's whole process tree; past it the server is killed. */
  readonly memoryLimitBytes?: number;
  /** RLIMIT_NPROC: processes and threads (applied when chatspec runs as root; see docs). */
  readonly maxProcesses?: number;
  /** RLIMIT_FSIZE: the largest file the server may write. */
  readonly maxFileBytes?: number;
  /** Output kept (a ring of lines; the oldest go first). */
  readonly maxOutputBytes?: number;
  /** Output beyond this rate is dropped line by line, and counted. */
  readonly maxOutputBytesPerSec?: number;
  /** A larger folder is refused rather than copied. */
  readonly maxFolderBytes?: number;
  /** How often memory is sampled. */
  readonly watchIntervalMs?: number;
  /** Between SIGTERM and SIGKILL when stopping. */
  readonly stopGraceMs?: number;
  /** Extra environment variables, on top of the clean environment (docs/launch.md). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ResolvedLaunchOptions {
  readonly command: string;
  readonly cwd: string;
  readonly port: number | undefined;
  readonly isolation: Isolation;
  readonly setup: string | undefined;
  readonly setupTimeoutMs: number;
  readonly startTimeoutMs: number;
  readonly deadlineMs: number;
  readonly memoryLimitBytes: number;
  readonly maxProcesses: number;
  readonly maxFileBytes: number;
  readonly maxOutputBytes: number;
  readonly maxOutputBytesPerSec: number;
  readonly maxFolderBytes: number;
  readonly watchIntervalMs: number;
  readonly stopGraceMs: number;
  readonly env: Readonly<Record<string, string>>;
}

const MiB = 1024 * 1024;

export const LAUNCH_DEFAULTS = Object.freeze({
  isolation: 'auto' as Isolation,
  setupTimeoutMs: 120_000,
  startTimeoutMs: 10_000,
  deadlineMs: 15 * 60_000,
  memoryLimitBytes: 512 * MiB,
  maxProcesses: 512,
  maxFileBytes: 64 * MiB,
  maxOutputBytes: 1 * MiB,
  maxOutputBytesPerSec: 64 * 1024,
  maxFolderBytes: 256 * MiB,
  watchIntervalMs: 1000,
  stopGraceMs: 1000,
});

/** A launch option that cannot work; the message is one line. */
export class LaunchOptionError extends Error {
  override readonly name = 'LaunchOptionError';
}

const ISOLATIONS: readonly Isolation[] = ['auto', 'namespace', 'none'];
/** Environment names a shell accepts. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function resolveLaunchOptions(input: LaunchOptions): ResolvedLaunchOptions {
  const command = commandText('command', input.command);
  const setup = input.setup === undefined ? undefined : commandText('setup', input.setup);
  const cwd = folder(input.cwd);
  const isolation = input.isolation ?? LAUNCH_DEFAULTS.isolation;
  if (!ISOLATIONS.includes(isolation)) {
    throw new LaunchOptionError(
      `isolation must be one of ${ISOLATIONS.join(', ')}, not ${JSON.stringify(isolation)}`,
    );
  }
  const port = input.port === undefined ? undefined : whole('port', input.port, 1, 65_535);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.env ?? {})) {
    if (!ENV_NAME.test(name)) {
      throw new LaunchOptionError(`env: ${JSON.stringify(name)} is not a variable name`);
    }
    if (typeof value !== 'string' || value.includes('\0')) {
      throw new LaunchOptionError(`env: ${name} must be a string without NUL characters`);
    }
    env[name] = value;
  }
  const d = LAUNCH_DEFAULTS;
  return Object.freeze({
    command,
    cwd,
    port,
    isolation,
    setup,
    setupTimeoutMs: whole('setupTimeoutMs', input.setupTimeoutMs ?? d.setupTimeoutMs, 1),
    startTimeoutMs: whole('startTimeoutMs', input.startTimeoutMs ?? d.startTimeoutMs, 1),
    deadlineMs: whole('deadlineMs', input.deadlineMs ?? d.deadlineMs, 1),
    memoryLimitBytes: whole('memoryLimitBytes', input.memoryLimitBytes ?? d.memoryLimitBytes, MiB),
    maxProcesses: whole('maxProcesses', input.maxProcesses ?? d.maxProcesses, 1),
    maxFileBytes: whole('maxFileBytes', input.maxFileBytes ?? d.maxFileBytes, 1),
    maxOutputBytes: whole('maxOutputBytes', input.maxOutputBytes ?? d.maxOutputBytes, 1024),
    maxOutputBytesPerSec: whole(
      'maxOutputBytesPerSec',
      input.maxOutputBytesPerSec ?? d.maxOutputBytesPerSec,
      1024,
    ),
    maxFolderBytes: whole('maxFolderBytes', input.maxFolderBytes ?? d.maxFolderBytes, 1),
    watchIntervalMs: whole('watchIntervalMs', input.watchIntervalMs ?? d.watchIntervalMs, 50),
    stopGraceMs: whole('stopGraceMs', input.stopGraceMs ?? d.stopGraceMs, 0),
    env: Object.freeze(env),
  });
}

function commandText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LaunchOptionError(`${name} must be a non-empty command`);
  }
  if (value.includes('\0') || /[\r\n]/.test(value)) {
    throw new LaunchOptionError(`${name} must be one line without NUL characters`);
  }
  return value.trim();
}

function folder(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new LaunchOptionError('cwd must name the server’s folder');
  }
  const path = resolve(value);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new LaunchOptionError(`cwd: no such folder: ${path}`);
  if (!stat.isDirectory()) throw new LaunchOptionError(`cwd: not a folder: ${path}`);
  return path;
}

function whole(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`;
    throw new LaunchOptionError(`${name} must be a whole number ${range}, not ${String(value)}`);
  }
  return value;
}
